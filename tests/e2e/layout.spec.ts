import { expect, test } from '@playwright/test'
import { axeViolations } from './axe.js'
import { layoutProblems } from './layout.js'
import { createSharedDocument, openDocument, signedInPage } from './session.js'

// Issue #23: a phone (390), a small tablet (640), a laptop (1024) and a wide screen (1400).
const WIDTHS = [390, 640, 1024, 1400]

test('[WEB-W5] the editor at 390, 640, 1024 and 1400 px: nothing clipped, overflowing or overlapping, panels reachable, axe clean', async ({
  browser,
  baseURL,
}, testInfo) => {
  const id = await createSharedDocument(baseURL!, 'Parkbelysning i Enskede – ett ärende med en lång titel som måste radbrytas')
  const anna = await signedInPage(browser, 'anna')
  const page = anna.page
  await openDocument(page, id)
  // The worst case the issue names: the header open with a Dnr error beside Datum and Nämnd.
  await page.getByRole('button', { name: 'Visa uppgifter' }).click()
  await page.getByLabel('Diarienummer (Dnr)').fill('2025-936')
  await expect(page.locator('.field-error', { hasText: 'Diarienumret ska ha formen' })).toBeVisible()

  for (const width of WIDTHS) {
    await test.step(`${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 })
      await page.evaluate(() => window.scrollTo(0, 0))
      expect(await layoutProblems(page), `layout at ${width} px`).toEqual([])
      const shot = await page.screenshot({ fullPage: true })
      await testInfo.attach(`editor-${width}.png`, { body: shot, contentType: 'image/png' })

      // The step bar reads in full, and the last panel of the side column can be scrolled to.
      for (const step of ['Utkast', 'Granskning', 'Godkänd'])
        await expect(page.getByRole('listitem').filter({ hasText: new RegExp(`^\\d${step}`) })).toBeVisible()
      const presence = page.getByRole('region', { name: 'I dokumentet' })
      await presence.scrollIntoViewIfNeeded()
      await expect(presence).toBeInViewport({ ratio: 1 })
      expect(await axeViolations(page), `axe at ${width} px`).toEqual([])
    })
  }
  await anna.context.close()
})

// The dashboard is being reworked in parallel (columns, search). Known layout defects there, not
// yet held to layoutProblems: the list's table is wider than the window below ~1150 px (the
// Perspektiv column), and an unbreakable title runs out of its "Mina utkast" box.
test('[WEB-W5] the dashboard at 390, 640, 1024 and 1400 px: axe clean at each width', async ({ browser, baseURL }, testInfo) => {
  await createSharedDocument(baseURL!, 'Översyn av parkbelysningen')
  const anna = await signedInPage(browser, 'anna')
  for (const width of WIDTHS) {
    await anna.page.setViewportSize({ width, height: 900 })
    await testInfo.attach(`dashboard-${width}.png`, { body: await anna.page.screenshot({ fullPage: true }), contentType: 'image/png' })
    expect(await axeViolations(anna.page), `axe at ${width} px`).toEqual([])
  }
  await anna.context.close()
})
