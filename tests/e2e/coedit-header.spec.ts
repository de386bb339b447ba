/**
 * Issue #12, the header ("Uppgifter"): two authors fill in the header of one tjänsteutlåtande at
 * the same time. Each author's letters land whole where that author's caret was, in every browser
 * and on the server, whether they write in the same field (Titel), in different parts of one entry
 * (Handläggare's name and phone) or in two signatories while one is removed (DOC-D8, WEB-M1, WEB-M2).
 */
import { expect, request, test, type Page } from '@playwright/test'
import { closeAll, createCoeditDocument, openAs, type Author } from './coedit.js'

async function openHeader(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Visa uppgifter' }).click()
  await expect(page.getByRole('button', { name: 'Dölj uppgifter' })).toBeVisible()
}

const header = (page: Page) => page.getByRole('region', { name: 'Uppgifter' })

async function expectField(authors: Author[], label: string, value: string): Promise<void> {
  for (const a of authors) await expect(header(a.page).getByLabel(label, { exact: true }), `${a.username}: ${label}`).toHaveValue(value)
}

/** The header as the server holds it (GET /api/documents/:id reads the stored Y.Doc). */
async function serverMeta(baseURL: string, id: string, token: string): Promise<Record<string, unknown>> {
  const api = await request.newContext({ baseURL })
  const r = await api.get(`/api/documents/${id}`, { headers: { Authorization: `Bearer ${token}` } })
  expect(r.ok()).toBe(true)
  const { meta } = (await r.json()) as { meta: Record<string, unknown> }
  await api.dispose()
  return meta
}

test('two authors type in the same header field at once: both texts whole, each where its caret was', async ({ browser, baseURL }) => {
  const { id, token } = await createCoeditDocument(baseURL!, 'Mitten')
  const anna = await openAs(browser, 'anna', id)
  const erik = await openAs(browser, 'erik', id)
  const all = [anna, erik]
  for (const a of all) await openHeader(a.page)
  await expectField(all, 'Titel', 'Mitten')
  await header(anna.page).getByLabel('Titel', { exact: true }).click()
  await anna.page.keyboard.press('Home')
  await header(erik.page).getByLabel('Titel', { exact: true }).click()
  await erik.page.keyboard.press('End')
  await Promise.all([anna.page.keyboard.type('Svar på remiss: ', { delay: 40 }), erik.page.keyboard.type(' i staden', { delay: 40 })])
  await expectField(all, 'Titel', 'Svar på remiss: Mitten i staden')
  // Erik's caret followed Anna's letters: he goes on where he stopped, and so does she.
  await erik.page.keyboard.type('.')
  await anna.page.keyboard.type('ja, ')
  await expectField(all, 'Titel', 'Svar på remiss: ja, Mitten i staden.')
  await expect.poll(async () => (await serverMeta(baseURL!, id, token)).title).toBe('Svar på remiss: ja, Mitten i staden.')
  // The heading line follows the field.
  for (const a of all) await expect(a.page.getByRole('heading', { level: 1 })).toHaveText('Svar på remiss: ja, Mitten i staden.')
  await closeAll(all)
})

test('two authors fill in different parts of one header entry at once: nothing of either is lost', async ({ browser, baseURL }) => {
  const { id, token } = await createCoeditDocument(baseURL!, 'Handläggare och telefon')
  const anna = await openAs(browser, 'anna', id)
  const erik = await openAs(browser, 'erik', id)
  const all = [anna, erik]
  for (const a of all) await openHeader(a.page)
  await header(anna.page).getByLabel('Handläggare', { exact: true }).click()
  await header(erik.page).getByLabel('Handläggarens telefon', { exact: true }).click()
  await Promise.all([anna.page.keyboard.type('Anna Andersson', { delay: 30 }), erik.page.keyboard.type('08-508 000 00', { delay: 30 })])
  await expectField(all, 'Handläggare', 'Anna Andersson')
  await expectField(all, 'Handläggarens telefon', '08-508 000 00')
  await expect.poll(async () => (await serverMeta(baseURL!, id, token)).handlaggare).toEqual({ name: 'Anna Andersson', phone: '08-508 000 00' })
  await closeAll(all)
})

test('signatories: each author types in one while the first is removed; the typing stays with its signatory', async ({ browser, baseURL }) => {
  const { id, token } = await createCoeditDocument(baseURL!, 'Underskrifter')
  const anna = await openAs(browser, 'anna', id)
  const erik = await openAs(browser, 'erik', id)
  const all = [anna, erik]
  for (const a of all) await openHeader(a.page)
  const add = header(anna.page).getByRole('button', { name: 'Lägg till undertecknare' })
  await add.click()
  await add.click()
  const signatory = (page: Page, n: number) => header(page).getByRole('group', { name: `Undertecknare ${n}` })
  for (const a of all) await expect(signatory(a.page, 2)).toBeVisible()
  await signatory(anna.page, 1).getByLabel('Namn', { exact: true }).click()
  await signatory(erik.page, 2).getByLabel('Namn', { exact: true }).click()
  await Promise.all([anna.page.keyboard.type('Stina Ström', { delay: 30 }), erik.page.keyboard.type('Daniel Lauridsen', { delay: 30 })])
  for (const a of all) {
    await expect(signatory(a.page, 1).getByLabel('Namn', { exact: true })).toHaveValue('Stina Ström')
    await expect(signatory(a.page, 2).getByLabel('Namn', { exact: true })).toHaveValue('Daniel Lauridsen')
  }
  // Anna removes the first signatory while Erik goes on typing in his (now the first).
  await signatory(anna.page, 1).getByRole('button', { name: 'Ta bort undertecknare 1' }).click()
  await erik.page.keyboard.type(', stadsdelsdirektör')
  for (const a of all) {
    await expect(signatory(a.page, 2)).toHaveCount(0)
    await expect(signatory(a.page, 1).getByLabel('Namn', { exact: true })).toHaveValue('Daniel Lauridsen, stadsdelsdirektör')
  }
  await expect
    .poll(async () => (await serverMeta(baseURL!, id, token)).signatories)
    .toEqual([{ name: 'Daniel Lauridsen, stadsdelsdirektör', title: '', forvaltning: '' }])
  await closeAll(all)
})

test('Ctrl+Z in a header field takes back only my own typing, also after the other author typed there', async ({ browser, baseURL }) => {
  const { id } = await createCoeditDocument(baseURL!, 'Mitten')
  const anna = await openAs(browser, 'anna', id)
  const erik = await openAs(browser, 'erik', id)
  const all = [anna, erik]
  for (const a of all) await openHeader(a.page)
  const title = (a: Author) => header(a.page).getByLabel('Titel', { exact: true })
  await title(anna).click()
  await anna.page.keyboard.press('End')
  await anna.page.keyboard.type(' två', { delay: 30 })
  await title(erik).click()
  await erik.page.keyboard.press('Home')
  await erik.page.keyboard.type('E: ', { delay: 30 })
  await expectField(all, 'Titel', 'E: Mitten två')
  await anna.page.keyboard.press('Control+z')
  await expectField(all, 'Titel', 'E: Mitten')
  // Anna's caret is where her change was: she types on there.
  await anna.page.keyboard.type(' tre')
  await expectField(all, 'Titel', 'E: Mitten tre')
  await closeAll(all)
})
