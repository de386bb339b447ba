import { expect, test } from '@playwright/test'
import * as Y from 'yjs'
import { coverageItem, createDocument, openDocument, readyHeader, sectionBody, selectText, signedInApi, signedInPage } from './session.js'
import { serverHas, stockProvider, writeSections } from './stockClient.js'
import { PARK_TEXTS, SENTENCE } from './parkDocument.js'
import { axeViolations } from './axe.js'

const { aldre: ALDRE, ...others } = PARK_TEXTS
/** Everything but Äldreperspektiv, which the author completes in the browser. */
const PREFILL: Record<string, string> = {
  ...others,
  avslutning: 'Förvaltningen föreslår att stadsdelsnämnden godkänner tjänsteutlåtandet som svar på remissen.',
}

/** Creates the document (anna) with a reviewer and two approvers, and writes most of it through a stock provider. */
async function prepareDocument(baseURL: string): Promise<string> {
  const session = await signedInApi(baseURL)
  const { token } = session
  const id = await createDocument(session, 'Granskning i webbläsaren', readyHeader('EÅV 2026/5'), [
    ['rita', 'reviewer'],
    ['alva', 'approver'],
    ['stefan', 'approver'],
  ])
  await session.api.dispose()

  const doc = new Y.Doc()
  const provider = await stockProvider(baseURL, id, doc, token)
  writeSections(doc, PREFILL)
  // Wait until the server has it all (a second client receives it).
  await serverHas(baseURL, id, token, 'samma park')
  provider.destroy()
  return id
}

test('review round: comment (anchor holds while the author edits), verdict, gate, two approvals, locked', async ({ browser, baseURL }) => {
  // Five browser contexts on a shared 2-core machine: more than the default minute.
  test.setTimeout(120_000)
  const id = await prepareDocument(baseURL!)
  const anna = await signedInPage(browser, 'anna')
  const rita = await signedInPage(browser, 'rita')
  await openDocument(anna.page, id)
  await openDocument(rita.page, id)

  // The reviewer selects a sentence and comments on it…
  await selectText(rita.page, 'Barnrättsperspektiv', SENTENCE)
  await rita.page.getByRole('button', { name: 'Kommentera' }).click()
  const comment = rita.page.getByRole('form', { name: 'Ny kommentar' })
  await expect(comment).toContainText(SENTENCE)
  // …while the author edits right before and after it.
  const paragraph = sectionBody(anna.page, 'Barnrättsperspektiv').locator('p').first()
  // At the very start of the paragraph (Home would only go to the start of a wrapped line).
  await paragraph.click({ position: { x: 1, y: 8 } })
  await anna.page.keyboard.type('Inledning. ')
  await comment.getByLabel('Kommentar').fill('Vilka förskolor gäller det?')
  const box = (await paragraph.boundingBox())!
  await paragraph.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await anna.page.keyboard.press('End')
  await anna.page.keyboard.type(' Sista meningen.')
  await comment.getByRole('button', { name: 'Spara kommentar' }).click()

  // The anchor holds: both see exactly the sentence highlighted, and the thread beside the text.
  for (const page of [anna.page, rita.page]) {
    await expect(sectionBody(page, 'Barnrättsperspektiv')).toContainText('Inledning. Förslaget')
    await expect(sectionBody(page, 'Barnrättsperspektiv')).toContainText('Sista meningen.')
    await expect(page.locator('mark.comment-mark')).toHaveText(SENTENCE)
    const thread = page.getByRole('article', { name: 'Kommentar av Rita Rasmussen' })
    await expect(thread).toContainText('Vilka förskolor gäller det?')
  }
  // More typing inside the paragraph still leaves the anchor on the sentence.
  await anna.page.keyboard.type(' Ännu en.')
  await expect(rita.page.locator('mark.comment-mark')).toHaveText(SENTENCE)

  // A verdict on the perspective, visible to the author next to the checker's status.
  const barn = coverageItem(rita.page, 'Barnrättsperspektiv')
  await barn.getByRole('button', { name: 'Ge omdöme Barnrättsperspektiv' }).click()
  await barn.getByRole('radio', { name: 'Godtas' }).check()
  await barn.getByRole('button', { name: 'Spara omdöme' }).click()
  await expect(coverageItem(anna.page, 'Barnrättsperspektiv')).toContainText('Omdöme: Godtas')

  // The gate: Äldreperspektiv is still empty, so sending is refused with a checklist.
  await anna.page.getByRole('button', { name: 'Skicka till granskning' }).click()
  const gate = anna.page.getByRole('alert').filter({ hasText: 'kan inte skickas till granskning' })
  await expect(gate).toContainText('Äldreperspektiv')
  await expect(gate).toContainText('Saknas')
  // Threads, highlight, verdict and the checklist pass axe (as the reviewer's form does).
  expect(await axeViolations(anna.page)).toEqual([])
  await rita.page.getByRole('article', { name: 'Kommentar av Rita Rasmussen' }).getByRole('button', { name: 'Svara' }).click()
  expect(await axeViolations(rita.page)).toEqual([])

  // The author completes the document and sends it.
  await sectionBody(anna.page, 'Äldreperspektiv').click()
  await anna.page.keyboard.type(ALDRE)
  await expect(coverageItem(anna.page, 'Äldreperspektiv')).toContainText('Bedömd')
  await anna.page.getByRole('button', { name: 'Skicka till granskning' }).click()
  await expect(anna.page.getByRole('listitem').filter({ hasText: 'Granskning' }).and(anna.page.locator('[aria-current="step"]'))).toBeVisible()
  // The reviewer's question is answered: an open thread would block the approvals (tests/e2e/gate.spec.ts).
  await anna.page.getByRole('article', { name: 'Kommentar av Rita Rasmussen' }).getByRole('button', { name: 'Markera som löst' }).click()

  // Two approvers approve, each with a confirmation.
  for (const username of ['alva', 'stefan']) {
    const approver = await signedInPage(browser, username)
    await openDocument(approver.page, id)
    await approver.page.getByRole('button', { name: 'Godkänn', exact: true }).click()
    await approver.page.getByRole('button', { name: 'Bekräfta godkännande' }).click()
    await expect(approver.page.getByText(username === 'alva' ? 'Du har godkänt dokumentet.' : 'Godkänt – dokumentet är låst')).toBeVisible()
    await approver.context.close()
  }

  // The author's editor is locked, and the approval record shows both, in order.
  await expect(anna.page.getByText('Godkänt – dokumentet är låst')).toBeVisible({ timeout: 15_000 })
  await expect(anna.page.locator('.document-body')).toHaveAttribute('contenteditable', 'false')
  const record = anna.page.getByRole('region', { name: 'Digitalt godkännande' })
  await expect(record).toContainText('Detta dokument har godkänts digitalt av följande personer')
  const rows = record.getByRole('row')
  await expect(rows.nth(0)).toHaveText(/Namn\s*Datum/)
  await expect(rows.nth(1)).toContainText('Alva Almqvist, Avdelningschef')
  await expect(rows.nth(2)).toContainText('Stefan Strand, Stadsdelsdirektör')
  await expect(record.getByRole('cell').nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2}$/)

  // Versions of each status change, and what changed since it was sent to review.
  const versions = anna.page.getByRole('region', { name: 'Versioner' })
  await expect(versions.getByRole('row').nth(1)).toContainText('Godkänd')
  await expect(versions).toContainText('Skickad till granskning')
  await anna.page.getByRole('button', { name: 'Visa ändringar' }).click()
  await expect(anna.page.getByRole('region', { name: 'Ändringar sedan granskning' })).toContainText('Inga avsnitt har ändrats.')
  expect(await axeViolations(anna.page)).toEqual([])

  await anna.context.close()
  await rita.context.close()
})

test('a reviewer selects text with the keyboard and comments on it, but cannot change the text', async ({ browser, baseURL }) => {
  const id = await prepareDocument(baseURL!)
  const rita = await signedInPage(browser, 'rita')
  await openDocument(rita.page, id)
  const body = sectionBody(rita.page, 'Barnrättsperspektiv')
  const before = await body.innerText()

  // Typing is refused with a reason, and nothing changes.
  await body
    .locator('p')
    .first()
    .click({ position: { x: 1, y: 8 } })
  await rita.page.keyboard.type('Ändrat av granskaren')
  await rita.page.keyboard.press('Backspace')
  await expect(rita.page.getByText('Du kan markera text för att kommentera, men inte ändra den.')).toBeVisible()
  await expect(body).toHaveText(before)

  // Shift+End selects from the start of the paragraph; Ctrl+Alt+M comments on the selection.
  await rita.page.keyboard.press('Home')
  for (let i = 0; i < 'Förslaget berör barn'.length; i++) await rita.page.keyboard.press('Shift+ArrowRight')
  await rita.page.keyboard.press('Control+Alt+KeyM')
  const comment = rita.page.getByRole('form', { name: 'Ny kommentar' })
  await expect(comment).toContainText('Förslaget berör barn')
  await comment.getByLabel('Kommentar').fill('Vilka barn?')
  await comment.getByRole('button', { name: 'Spara kommentar' }).click()
  await expect(rita.page.locator('mark.comment-mark')).toHaveText('Förslaget berör barn')
  await rita.context.close()
})
