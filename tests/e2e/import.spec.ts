import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { tuDocx } from '../../packages/legacy/src/testing/docxFixture.js'
import { sectionBody, signedInPage } from './session.js'

const SOF = fileURLToPath(new URL('../fixtures/examples/sof-2024-472-remissvar-mr-programmet.txt', import.meta.url))

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Importera' }).click()
  const dialog = page.getByRole('dialog', { name: 'Importera tjänsteutlåtande' })
  await expect(dialog).toBeVisible()
  return dialog
}

async function expectNoAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).include('.import-dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

test('SRV-IMP2 SRV-IMP3: importing the SOF example through the dialog previews the header and sections, then creates the document', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'anna')
  const dialog = await openImport(page)
  await expectNoAxeViolations(page)
  await dialog.getByLabel('Fil').setInputFiles(SOF)
  const preview = dialog.getByRole('region', { name: 'Förhandsgranskning' })
  await expect(preview).toBeVisible()
  const fields = preview.getByRole('definition')
  await expect(fields.filter({ hasText: 'SOF 2024/472' })).toHaveCount(1)
  await expect(fields.filter({ hasText: /^Socialnämnden$/ })).toHaveCount(1)
  await expect(fields.filter({ hasText: '2024-09-24' })).toHaveCount(1)
  await expect(fields.filter({ hasText: '2024-08-26' })).toHaveCount(1)
  await expect(fields.filter({ hasText: 'Remiss av Stockholms stads program för de mänskliga rättigheterna' })).toHaveCount(1)
  await expect(fields.filter({ hasText: 'Lina Blombergsson, Avdelningschef, Socialförvaltningen' })).toHaveCount(1)
  const avslutning = preview.getByRole('row', { name: /Avslutande mening/ })
  await expect(avslutning).toContainText('Socialförvaltningen föreslår att socialnämnden godkänner')
  await expect(preview.getByRole('row', { name: /^Bilagor/ })).toContainText('1 lista')
  await expect(preview.getByRole('listitem').filter({ hasText: 'Jämställdhet' })).toContainText('Saknas')
  await expectNoAxeViolations(page)

  await dialog.getByRole('button', { name: 'Skapa dokument' }).click()
  await expect(page).toHaveURL(/\/documents\/[A-Za-z0-9_-]+$/)
  await expect(page.getByLabel('Titel', { exact: true }).first()).toHaveValue('Remiss av Stockholms stads program för de mänskliga rättigheterna')
  await expect(page.getByLabel('Diarienummer (Dnr)')).toHaveValue('SOF 2024/472')
  await expect(page.getByLabel('Nämnd')).toHaveValue('Socialnämnden')
  await expect(page.getByLabel('Sammanträdesdatum')).toHaveValue('2024-09-24')
  // Bullet lists are lists, Symbol bullets gone.
  await expect(sectionBody(page, 'Ärendet').locator('ul > li').filter({ hasText: 'Att motverka rasism' })).toHaveCount(1)
  await expect(sectionBody(page, 'Bilagor').locator('ol > li')).toHaveCount(2)
  await expect(page.locator('body')).not.toContainText('\uf0b7')
  await context.close()
})

test('SRV-IMP1 SRV-IMP3: a Word file with a header table, a numbered decision and signatures; an unreadable file is named', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'anna')
  const dialog = await openImport(page)
  await dialog.getByLabel('Fil').setInputFiles({ name: 'trasig.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('inte en zip') })
  await expect(dialog.getByRole('alert')).toHaveText('trasig.docx: filen är inte ett Word-dokument (.docx).')

  const docx = Buffer.from(await tuDocx())
  await dialog
    .getByLabel('Fil')
    .setInputFiles({ name: 'forskoleplan.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx })
  const preview = dialog.getByRole('region', { name: 'Förhandsgranskning' })
  await expect(preview.getByRole('definition').filter({ hasText: 'HÄ 2025/118' })).toHaveCount(1)
  await expect(preview.getByRole('row', { name: /Jämställdhet/ })).toContainText('1 tabell')
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Skapa dokument' }).click()
  await expect(page).toHaveURL(/\/documents\/[A-Za-z0-9_-]+$/)
  await expect(page.getByLabel('Diarienummer (Dnr)')).toHaveValue('HÄ 2025/118')
  await expect(sectionBody(page, 'Förvaltningens förslag till beslut').locator('ol > li')).toHaveCount(2)
  await expect(sectionBody(page, 'Förvaltningens synpunkter och förslag').locator('ul > li')).toHaveCount(2)
  // The Word table is a table in the editor, its header row kept.
  const table = sectionBody(page, 'Jämställdhetsanalys').getByRole('table')
  await expect(table.getByRole('row')).toHaveCount(3)
  await expect(table.getByRole('columnheader', { name: 'Kön' })).toBeVisible()
  await expect(table.getByRole('cell', { name: '49 %' })).toBeVisible()
  await context.close()
})
