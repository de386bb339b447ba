import { expect, test } from '@playwright/test'
import { axeViolations } from './axe.js'
import { createSharedDocument, openDocument, sectionBody, signedInPage } from './session.js'

const PARAGRAPH =
  'Förvaltningen har gått igenom belysningen i samtliga parker i stadsdelen och bedömer att armaturerna längs gångstråken behöver bytas inom fem år för att tryggheten ska öka under kvällstid.'

test('[WEB-W7] Förhandsgranska shows the export as A4 pages with page numbers and UTKAST; Ctrl+P prints only the document', async ({ browser, baseURL }) => {
  const title = 'Belysning i parker'
  const id = await createSharedDocument(baseURL!, title)
  const anna = await signedInPage(browser, 'anna')
  const page = anna.page
  await openDocument(page, id)
  // Enough text for more than one page.
  await sectionBody(page, 'Bakgrund').click()
  for (let i = 0; i < 14; i++) {
    await page.keyboard.insertText(`${i + 1}. ${PARAGRAPH} ${PARAGRAPH}`)
    await page.keyboard.press('Enter')
  }
  await expect(page.locator('.document-body')).toContainText('14. Förvaltningen')

  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  const dialog = page.getByRole('dialog', { name: 'Förhandsgranskning' })
  await expect(dialog.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const pages = dialog.getByRole('listitem').and(dialog.locator('.xp-page'))
  // Pagination settles once the dialog and its fonts are laid out: under load a first count can
  // read 2 of what become 3 pages, so wait until two reads half a second apart agree.
  let total = 0
  await expect
    .poll(
      async () => {
        const n = await pages.count()
        const settled = n > 1 && n === total
        total = n
        return settled
      },
      { intervals: [500], timeout: 20_000 },
    )
    .toBe(true)
  // Every page has the running header with "Sida N (M)" and the draft mark.
  for (let n = 1; n <= total; n++) {
    const p = pages.nth(n - 1)
    await expect(p).toHaveAccessibleName(`Sida ${n} (${total})`)
    await expect(p.locator('.xp-running')).toContainText(`Tjänsteutlåtande · Dnr EÅV 2026/1Sida ${n} (${total})`)
    await expect(p.locator('.xp-draft-label')).toHaveText('UTKAST')
  }
  // The export's content only: the user's text and headings, no guiding questions, switches or placeholders.
  await expect(dialog.getByRole('heading', { level: 2, name: 'Bakgrund' })).toBeVisible()
  await expect(dialog).toContainText('14. Förvaltningen har gått igenom')
  await expect(dialog.getByRole('switch')).toHaveCount(0)
  await expect(dialog).not.toContainText('Stödfrågor')
  // No heading ends a page (X-LAY-7): before the last page, a page's last unit is never a section heading.
  for (let n = 0; n < total - 1; n++) {
    const last = pages.nth(n).locator('.xp-page__body > .xp-unit').last()
    expect(await last.locator('h2').count(), `page ${n + 1} ends with a heading`).toBe(0)
  }
  expect(await axeViolations(page, 'dialog[open]')).toEqual([])
  await dialog.getByRole('button', { name: 'Stäng förhandsgranskningen' }).click()

  // Print: the app (header, buttons, panels) is gone; the document is there as the export lays it out.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('banner')).toBeHidden()
  await expect(page.getByRole('button', { name: 'Skicka till granskning' })).toBeHidden()
  await expect(page.getByRole('complementary', { name: 'Perspektiv' })).toBeHidden()
  const printed = page.locator('.print-view')
  await expect(printed).toBeVisible()
  await expect(printed.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(printed).toContainText('14. Förvaltningen har gått igenom')
  await expect(printed).not.toContainText('Stödfrågor')
  const pdf = await page.pdf({ format: 'A4' })
  const pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length
  // The same order of pages as the preview (fonts differ slightly), not the whole app over many more.
  expect(pdfPages).toBeGreaterThanOrEqual(total - 1)
  expect(pdfPages).toBeLessThanOrEqual(total + 1)
  await page.emulateMedia({ media: 'screen' })
  await expect(printed).toBeHidden()
  await anna.context.close()
})
