/**
 * Issue #4's offline reload and promise 2 of issue #8, offline (the Hocuspocus #183 loss: offline edits reported "synced"
 * but never saved). An author goes offline and keeps editing, across a page reload (the
 * offline cache), while the co-author keeps editing too — in the same section and in
 * others. Back online, both sides' edits are merged on both screens, and the server has
 * stored them all: a fresh reader's browser and the server's Markdown export show every one.
 */
import { expect, test } from '@playwright/test'
import { createSharedDocument, openDocument, sectionBody, signedInPage, storedMarkdown, waitForOfflineCache } from './session.js'

test('offline edits (across a reload) and the co-author’s edits meanwhile both survive, on screen and on the server', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Offline åt båda hållen')
  const anna = await signedInPage(browser, 'anna')
  const erik = await signedInPage(browser, 'erik')
  await openDocument(anna.page, id)
  await waitForOfflineCache(anna.page)
  await openDocument(anna.page, id)
  await openDocument(erik.page, id)

  await anna.context.setOffline(true)
  await expect(anna.page.getByRole('status').filter({ hasText: /Återansluter|Offline/ })).toBeVisible()
  await sectionBody(anna.page, 'Ärendet').click()
  await anna.page.keyboard.type('Anna offline före omladdning.')
  // Meanwhile Erik writes in the same section and in another one.
  await sectionBody(erik.page, 'Ärendet').click()
  await erik.page.keyboard.press('End')
  await erik.page.keyboard.type(' Erik under tiden.')
  await sectionBody(erik.page, 'Sammanfattning').click()
  await erik.page.keyboard.type('Eriks sammanfattning.')

  await anna.page.reload()
  await expect(sectionBody(anna.page, 'Ärendet')).toContainText('Anna offline före omladdning.')
  await sectionBody(anna.page, 'Bakgrund').click()
  await anna.page.keyboard.type('Anna offline efter omladdning.')
  await expect(anna.page.getByRole('status').filter({ hasText: 'Offline med lokala ändringar' })).toBeVisible()
  await expect(sectionBody(erik.page, 'Ärendet')).not.toContainText('Anna offline')

  await anna.context.setOffline(false)
  await expect(anna.page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible()
  const everything: Array<[string, string]> = [
    ['Ärendet', 'Anna offline före omladdning.'],
    ['Ärendet', 'Erik under tiden.'],
    ['Sammanfattning', 'Eriks sammanfattning.'],
    ['Bakgrund', 'Anna offline efter omladdning.'],
  ]
  for (const page of [anna.page, erik.page]) {
    for (const [section, text] of everything) await expect(sectionBody(page, section)).toContainText(text)
  }

  // Stored on the server, not just held by the two browsers: a fresh browser (no cache)…
  const linn = await signedInPage(browser, 'linn')
  await openDocument(linn.page, id)
  for (const [section, text] of everything) await expect(sectionBody(linn.page, section)).toContainText(text)
  // …and the server's own rendering of its stored state.
  const markdown = await storedMarkdown(baseURL!, id)
  for (const [, text] of everything) expect(markdown).toContain(text)
  for (const ctx of [anna.context, erik.context, linn.context]) await ctx.close()
})
