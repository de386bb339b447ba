import { expect, test, type Browser, type Page } from '@playwright/test'
import * as Y from 'yjs'
import { caretAfter, createDocument, openDocument, sectionBody, selectText, signedInApi, signedInPage } from './session.js'
import { serverHas, stockProvider, writeSections } from './stockClient.js'

const ARENDET = 'Handlingsplanen innehåller tjugofyra åtgärder inom belysning och skötsel.'

/** A remissvar (anna) with rita as reviewer, its Ärendet written through a stock provider. */
async function prepare(baseURL: string): Promise<string> {
  const session = await signedInApi(baseURL)
  const { token } = session
  const id = await createDocument(session, 'Förslag i texten', { dnr: 'EÅV 2026/21' }, [['rita', 'reviewer']])
  await session.api.dispose()
  const doc = new Y.Doc()
  const provider = await stockProvider(baseURL, id, doc, token)
  writeSections(doc, { arendet: ARENDET })
  await serverHas(baseURL, id, token, 'skötsel')
  provider.destroy()
  return id
}

/** A section's text itself: without other people's carets (their name labels) and suggested insertions (widgets). */
function textOf(page: Page, sectionTitle: string): Promise<string> {
  return sectionBody(page, sectionTitle).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret, ins.suggestion-ins')) caret.remove()
    return copy.textContent ?? ''
  })
}

type Person = Awaited<ReturnType<typeof signedInPage>>

/** A prepared document open for the author (anna) and the reviewer (rita). */
async function openForBoth(browser: Browser, baseURL: string): Promise<{ id: string; anna: Person; rita: Person }> {
  const id = await prepare(baseURL)
  const anna = await signedInPage(browser, 'anna')
  const rita = await signedInPage(browser, 'rita')
  await openDocument(anna.page, id)
  await openDocument(rita.page, id)
  return { id, anna, rita }
}

const panelOf = (page: Page) => page.getByRole('region', { name: 'Ändringsförslag' })

/** Both read `expected` in Ärendet with no suggestion left inline, and the author's words in Bakgrund. */
async function bothRead(pages: Page[], expected: string): Promise<void> {
  for (const page of pages) {
    await expect.poll(() => textOf(page, 'Ärendet')).toBe(expected)
    await expect(sectionBody(page, 'Ärendet').locator('ins.suggestion-ins, del.suggestion-del')).toHaveCount(0)
    await expect(panelOf(page)).toContainText('Inga öppna ändringsförslag')
    await expect(sectionBody(page, 'Bakgrund')).toContainText('Planen kom i januari.')
  }
}

/** What was decided is in the stored text a fresh reader gets; then everyone leaves. */
async function freshReads(browser: Browser, id: string, expected: string, open: Person[]): Promise<void> {
  const fresh = await signedInPage(browser, 'rita')
  await openDocument(fresh.page, id)
  await expect.poll(() => textOf(fresh.page, 'Ärendet')).toBe(expected)
  for (const c of [...open, fresh]) await c.context.close()
}

test('[S5][S6][S3] a reviewer suggests a replacement and a deletion live; the author accepts one and rejects the other; both read the same text', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const { id, anna, rita } = await openForBoth(browser, baseURL!)

  // The reviewer switches to "Föreslå ändringar" and types over a word…
  const toggle = rita.page.getByRole('button', { name: 'Föreslå ändringar' })
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await sectionBody(rita.page, 'Ärendet').click()
  await selectText(rita.page, 'Ärendet', 'tjugofyra')
  await rita.page.keyboard.type('tjugofem')
  // …and deletes a phrase, while the author types in another section.
  await sectionBody(anna.page, 'Bakgrund').click()
  await anna.page.keyboard.type('Planen kom i januari.')
  await selectText(rita.page, 'Ärendet', ' och skötsel')
  await rita.page.keyboard.press('Backspace')

  // Everyone sees both suggestions inline, live; the text itself is unchanged.
  for (const page of [anna.page, rita.page]) {
    const body = sectionBody(page, 'Ärendet')
    await expect(body.locator('ins.suggestion-ins')).toHaveText('tjugofem')
    await expect(body.locator('del.suggestion-del')).toHaveText(['tjugofyra', ' och skötsel'])
    await expect(panelOf(page)).toContainText('2 öppna ändringsförslag')
  }
  await expect(panelOf(rita.page).getByRole('button', { name: /^Godta/ })).toHaveCount(0)
  const ins = sectionBody(anna.page, 'Ärendet').locator('ins.suggestion-ins')
  await expect(ins).toHaveAttribute('title', /^Förslag av Rita Rasmussen, /)

  // The author accepts the replacement and rejects the deletion.
  const panel = panelOf(anna.page)
  await panel.getByRole('button', { name: 'Godta förslaget att ersätta ”tjugofyra” med ”tjugofem”' }).click()
  await panel.getByRole('button', { name: 'Avvisa förslaget att ta bort ” och skötsel”' }).click()
  const expected = 'Handlingsplanen innehåller tjugofem åtgärder inom belysning och skötsel.'
  await bothRead([anna.page, rita.page], expected)
  // The accept was the author's content edit: it is in the stored text a fresh reader gets.
  await freshReads(browser, id, expected, [anna, rita])
})

test('[S5][S6][S3] a reviewer suggests a pure insertion and a deletion while the author types elsewhere; the author accepts the one and rejects the other; both read the same text', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const { id, anna, rita } = await openForBoth(browser, baseURL!)

  await rita.page.getByRole('button', { name: 'Föreslå ändringar' }).click()
  await sectionBody(anna.page, 'Bakgrund').click()
  // The author types on while the reviewer puts the caret after "belysning" and types.
  const typing = anna.page.keyboard.type('Planen kom i januari.', { delay: 30 })
  await caretAfter(rita.page, 'Ärendet', 'belysning')
  await rita.page.keyboard.type(', trygghet')
  await typing
  // [S5] A suggestion stays in its paragraph: Enter says so, in Swedish, and changes nothing.
  await rita.page.keyboard.press('Enter')
  await expect(rita.page.locator('.guard-message')).toHaveText(/Ett ändringsförslag kan inte dela stycken\. Skriv förslaget inom stycket\./)

  // An insertion only: underlined new words, nothing struck through, the text unchanged.
  for (const page of [anna.page, rita.page]) {
    const body = sectionBody(page, 'Ärendet')
    await expect(body.locator('ins.suggestion-ins')).toHaveText(', trygghet')
    await expect(body.locator('del.suggestion-del')).toHaveCount(0)
    await expect.poll(() => textOf(page, 'Ärendet')).toBe(ARENDET)
    await expect(panelOf(page)).toContainText('1 öppet ändringsförslag')
  }
  // And a deletion, the author still typing.
  const more = anna.page.keyboard.type(' Remissen kom i mars.', { delay: 30 })
  await selectText(rita.page, 'Ärendet', 'tjugofyra ')
  await rita.page.keyboard.press('Delete')
  await more
  for (const page of [anna.page, rita.page]) {
    await expect(sectionBody(page, 'Ärendet').locator('del.suggestion-del')).toHaveText('tjugofyra ')
    await expect(panelOf(page)).toContainText('2 öppna ändringsförslag')
  }
  await panelOf(anna.page).getByRole('button', { name: 'Godta förslaget att infoga ”, trygghet”' }).click()
  await panelOf(anna.page).getByRole('button', { name: 'Avvisa förslaget att ta bort ”tjugofyra ”' }).click()
  const expected = 'Handlingsplanen innehåller tjugofyra åtgärder inom belysning, trygghet och skötsel.'
  await bothRead([anna.page, rita.page], expected)
  await freshReads(browser, id, expected, [anna, rita])
})

test('[S4][S3][S6] an outdated suggestion can only be rejected; "Godta alla från" takes the rest; undo of the accept works like any edit', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const { id, anna, rita } = await openForBoth(browser, baseURL!)
  await rita.page.getByRole('button', { name: 'Föreslå ändringar' }).click()
  await sectionBody(rita.page, 'Ärendet').click()
  await selectText(rita.page, 'Ärendet', 'tjugofyra')
  await rita.page.keyboard.type('tjugofem')
  await caretAfter(rita.page, 'Ärendet', 'belysning')
  await rita.page.keyboard.type(', trygghet')
  await expect(panelOf(anna.page)).toContainText('2 öppna ändringsförslag')

  // Another author (anna in a second window: an undo history of its own) changes the words
  // the replacement was made against: it is outdated for everyone.
  const other = await signedInPage(browser, 'anna')
  await openDocument(other.page, id)
  await caretAfter(other.page, 'Ärendet', 'tjugo')
  await other.page.keyboard.type('x')
  await sectionBody(other.page, 'Bakgrund').click()
  await other.page.keyboard.type('Planen kom i januari.')
  const outdated = 'Inaktuellt – texten har ändrats sedan förslaget. Det kan bara avvisas eller föras in för hand.'
  for (const page of [anna.page, rita.page]) await expect(panelOf(page).locator('.suggestion__outdated')).toHaveText(outdated)
  const panel = panelOf(anna.page)
  await expect(panel.getByRole('button', { name: 'Godta förslaget att ersätta ”tjugofyra” med ”tjugofem”' })).toBeDisabled()

  // "Godta alla från Rita" takes what still applies; the outdated one stays until rejected.
  await panel.getByRole('button', { name: 'Godta alla från Rita Rasmussen' }).click()
  await expect(panel).toContainText('1 öppet ändringsförslag')
  await panel.getByRole('button', { name: 'Avvisa förslaget att ersätta ”tjugofyra” med ”tjugofem”' }).click()
  await bothRead([anna.page, rita.page, other.page], 'Handlingsplanen innehåller tjugoxfyra åtgärder inom belysning, trygghet och skötsel.')

  // The accept was this window's only edit: undo takes exactly it back, for everyone.
  await sectionBody(anna.page, 'Bakgrund').click()
  await anna.page.keyboard.press('ControlOrMeta+z')
  const undone = 'Handlingsplanen innehåller tjugoxfyra åtgärder inom belysning och skötsel.'
  for (const page of [anna.page, rita.page, other.page]) {
    await expect.poll(() => textOf(page, 'Ärendet')).toBe(undone)
    await expect(sectionBody(page, 'Bakgrund')).toContainText('Planen kom i januari.')
  }
  // The decision stays on record: accepted, by the author.
  await expect(panel.locator('.suggestions__decided')).toContainText('Förslaget av Rita Rasmussen att infoga ”, trygghet” – godtaget av Anna')
  await freshReads(browser, id, undone, [anna, rita, other])
})
