/**
 * Issue 22 item 8: draft text stayed in the browser after sign-out (IndexedDB
 * `perspektiv-<id>`), readable by the next user of the same profile. Signing out now sends
 * unsent edits first (or asks, in Swedish, when they cannot be sent), then deletes every
 * local copy: the IndexedDB databases, Perspektiv's localStorage entries and the service
 * worker's cache of API answers.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { createSharedDocument, DEMO_PASSWORD, openDocument, sectionBody, signedInPage, storedMarkdown, waitForOfflineCache } from './session.js'

/** What this browser profile holds of Perspektiv. */
async function localCopies(page: Page): Promise<{ databases: string[]; storage: string[]; apiCache: boolean }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('perspektiv-')),
    storage: Object.keys(localStorage).filter((k) => k.startsWith('perspektiv:')),
    apiCache: await caches.has('perspektiv-api'),
  }))
}

async function signInHere(page: Page, username: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  await page.getByLabel('Användarnamn').fill(username)
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeHidden()
}

test('signing out deletes the local copies; signing in again shows the text from the server', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Utloggning rensar')
  const { context, page } = await signedInPage(browser, 'anna')
  await openDocument(page, id)
  await waitForOfflineCache(page)
  await openDocument(page, id)
  await sectionBody(page, 'Sammanfattning').click()
  await page.keyboard.type('Utkast som inte får ligga kvar.')
  // What the finding was about: the draft is in this browser's IndexedDB.
  await expect.poll(async () => (await localCopies(page)).databases).toContain(`perspektiv-${id}`)
  await expect.poll(async () => (await localCopies(page)).apiCache).toBe(true)

  // A second tab of the same browser, on the dashboard.
  const other = await context.newPage()
  await other.goto('/')
  await expect(other.getByRole('heading', { name: 'Mina tjänsteutlåtanden' })).toBeVisible()

  await page.getByRole('button', { name: 'Logga ut' }).click()
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  expect(await localCopies(page)).toEqual({ databases: [], storage: [], apiCache: false })
  // The other tab leaves too, without a reload.
  await expect(other.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  await other.close()

  // The text was sent before the local copy went: it comes back from the server.
  await signInHere(page, 'anna')
  await openDocument(page, id)
  await expect(sectionBody(page, 'Sammanfattning')).toContainText('Utkast som inte får ligga kvar.')
  await context.close()
})

test('edits that cannot be sent: a warning in Swedish, staying keeps them, and back online sign-out sends them first', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Utloggning offline')
  const { context, page } = await signedInPage(browser, 'anna')
  await openDocument(page, id)
  await context.setOffline(true)
  await sectionBody(page, 'Ärendet').click()
  await page.keyboard.type('Skrivet utan nät.')
  await expect(page.getByRole('status').filter({ hasText: 'Offline med lokala ändringar' })).toBeVisible()

  await page.getByRole('button', { name: 'Logga ut' }).click()
  const warning = page.getByRole('alertdialog', { name: 'Ändringar har inte skickats' })
  await expect(warning).toBeVisible()
  await expect(warning).toContainText('Ändringar i ett dokument har inte kunnat skickas till servern.')
  await expect(warning.getByRole('button', { name: 'Förbli inloggad' })).toBeFocused()
  const axe = await new AxeBuilder({ page }).include('.signout-dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations).toEqual([])
  await warning.getByRole('button', { name: 'Förbli inloggad' }).click()
  await expect(warning).toBeHidden()
  await expect(sectionBody(page, 'Ärendet')).toContainText('Skrivet utan nät.')
  expect((await localCopies(page)).databases).toContain(`perspektiv-${id}`)

  // Leave the document while still offline: its unsent edits are only in the local copy now.
  await page.getByRole('link', { name: 'Perspektiv' }).first().click()
  await expect(page.getByRole('heading', { name: 'Mina tjänsteutlåtanden' })).toBeVisible()
  expect((await localCopies(page)).storage).toContain(`perspektiv:pending:${id}`)
  await context.setOffline(false)
  await page.getByRole('button', { name: 'Logga ut' }).click()
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  expect((await localCopies(page)).databases).toEqual([])
  expect(await storedMarkdown(baseURL!, id)).toContain('Skrivet utan nät.')
  await context.close()
})

test('“Logga ut ändå” deletes the local copy even with unsent edits, and ends the server session once back online', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Utloggning ändå')
  const { context, page } = await signedInPage(browser, 'anna')
  await openDocument(page, id)
  await context.setOffline(true)
  await sectionBody(page, 'Bakgrund').click()
  await page.keyboard.type('Kastas medvetet.')
  await page.getByRole('button', { name: 'Logga ut' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Logga ut ändå' }).click()
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  // Only the note that the server has not been told yet (no document data) stays.
  expect(await localCopies(page)).toMatchObject({ databases: [], storage: ['perspektiv:signout-pending'] })
  await context.setOffline(false)
  expect(await storedMarkdown(baseURL!, id)).not.toContain('Kastas medvetet.')
  // The sign-out could not reach the server; the next person opening the app is not anna.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  expect((await page.request.get('/api/me')).status()).toBe(401)
  await context.close()
})
