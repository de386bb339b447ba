import { expect, test, type Page } from '@playwright/test'
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

test('[S5][S6][S3] a reviewer suggests a replacement and a deletion live; the author accepts one and rejects the other; both read the same text', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const id = await prepare(baseURL!)
  const anna = await signedInPage(browser, 'anna')
  const rita = await signedInPage(browser, 'rita')
  await openDocument(anna.page, id)
  await openDocument(rita.page, id)

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
    await expect(page.getByRole('region', { name: 'Ändringsförslag' })).toContainText('2 öppna ändringsförslag')
  }
  await expect(rita.page.getByRole('region', { name: 'Ändringsförslag' }).getByRole('button', { name: /^Godta/ })).toHaveCount(0)
  const ins = sectionBody(anna.page, 'Ärendet').locator('ins.suggestion-ins')
  await expect(ins).toHaveAttribute('title', /^Förslag av Rita Rasmussen, /)

  // The author accepts the replacement and rejects the deletion.
  const panel = anna.page.getByRole('region', { name: 'Ändringsförslag' })
  await panel.getByRole('button', { name: 'Godta förslaget att ersätta ”tjugofyra” med ”tjugofem”' }).click()
  await panel.getByRole('button', { name: 'Avvisa förslaget att ta bort ” och skötsel”' }).click()
  const expected = 'Handlingsplanen innehåller tjugofem åtgärder inom belysning och skötsel.'
  for (const page of [anna.page, rita.page]) {
    await expect.poll(() => textOf(page, 'Ärendet')).toBe(expected)
    await expect(sectionBody(page, 'Ärendet').locator('ins.suggestion-ins, del.suggestion-del')).toHaveCount(0)
    await expect(page.getByRole('region', { name: 'Ändringsförslag' })).toContainText('Inga öppna ändringsförslag')
    await expect(sectionBody(page, 'Bakgrund')).toContainText('Planen kom i januari.')
  }
  // The accept was the author's content edit: it is in the stored text a fresh reader gets.
  const fresh = await signedInPage(browser, 'rita')
  await openDocument(fresh.page, id)
  await expect.poll(() => textOf(fresh.page, 'Ärendet')).toBe(expected)
  for (const c of [anna, rita, fresh]) await c.context.close()
})

test('[S5][S6][S3] a reviewer suggests a pure insertion while the author types elsewhere; the author accepts it; both read the same text', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const id = await prepare(baseURL!)
  const anna = await signedInPage(browser, 'anna')
  const rita = await signedInPage(browser, 'rita')
  await openDocument(anna.page, id)
  await openDocument(rita.page, id)

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
    await expect(page.getByRole('region', { name: 'Ändringsförslag' })).toContainText('1 öppet ändringsförslag')
  }
  await anna.page.getByRole('region', { name: 'Ändringsförslag' }).getByRole('button', { name: 'Godta förslaget att infoga ”, trygghet”' }).click()
  const expected = 'Handlingsplanen innehåller tjugofyra åtgärder inom belysning, trygghet och skötsel.'
  for (const page of [anna.page, rita.page]) {
    await expect(sectionBody(page, 'Ärendet').locator('ins.suggestion-ins')).toHaveCount(0)
    await expect.poll(() => textOf(page, 'Ärendet')).toBe(expected)
    await expect(sectionBody(page, 'Bakgrund')).toContainText('Planen kom i januari.')
  }
  const fresh = await signedInPage(browser, 'anna')
  await openDocument(fresh.page, id)
  await expect.poll(() => textOf(fresh.page, 'Ärendet')).toBe(expected)
  for (const c of [anna, rita, fresh]) await c.context.close()
})
