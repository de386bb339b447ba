import { expect, test } from '@playwright/test'
import { createSharedDocument, openDocument, sectionBody, signedInPage } from './session.js'

test('edits made offline survive a reload and reach the co-author on reconnect', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Offline')
  const anna = await signedInPage(browser, 'anna')
  const erik = await signedInPage(browser, 'erik')
  await openDocument(anna.page, id)
  // The service worker must be in control before the network goes (a real user's second visit).
  await anna.page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }))
    }
  })
  await openDocument(anna.page, id)
  await openDocument(erik.page, id)

  await anna.context.setOffline(true)
  await expect(anna.page.getByRole('status').filter({ hasText: /Återansluter|Offline/ })).toBeVisible()
  await sectionBody(anna.page, 'Ärendet').click()
  await anna.page.keyboard.type('Skrivet utan nätverk.')
  await expect(anna.page.getByRole('status').filter({ hasText: 'Offline med lokala ändringar' })).toBeVisible()

  await anna.page.reload()
  await expect(sectionBody(anna.page, 'Ärendet')).toContainText('Skrivet utan nätverk.')
  await expect(anna.page.getByRole('status').filter({ hasText: 'Offline med lokala ändringar' })).toBeVisible()
  // Nothing reached Erik while Anna was offline.
  await expect(sectionBody(erik.page, 'Ärendet')).not.toContainText('Skrivet utan nätverk.')

  await anna.context.setOffline(false)
  await expect(anna.page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible()
  await expect(sectionBody(erik.page, 'Ärendet')).toContainText('Skrivet utan nätverk.')
  await anna.context.close()
  await erik.context.close()
})
