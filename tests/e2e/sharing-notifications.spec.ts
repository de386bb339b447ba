import { expect, test } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import * as Y from 'yjs'
import { bell, createDocument, openDocument, readyHeader, selectText, signedInApi, signedInPage, unread, unreadNow } from './session.js'
import { stockProvider, writeSections } from './stockClient.js'
import { PARK_TEXTS, SENTENCE } from './parkDocument.js'

/** Anna's complete document with Erik (author) and Rita (reviewer), written through a stock provider. */
async function completeDocument(baseURL: string, title: string): Promise<string> {
  const session = await signedInApi(baseURL)
  const { api, token, headers } = session
  const id = await createDocument(session, title, readyHeader('EÅV 2026/7'), [
    ['erik', 'author'],
    ['rita', 'reviewer'],
  ])
  const doc = new Y.Doc()
  const provider = await stockProvider(baseURL, id, doc, token)
  writeSections(doc, PARK_TEXTS)
  // Ready, not only complete: the gate (issue 13) also wants the header.
  await expect.poll(async () => ((await (await api.get(`/api/documents/${id}/coverage`, { headers })).json()) as { ready: boolean }).ready).toBe(true)
  provider.destroy()
  await api.dispose()
  return id
}

test('Rita learns live that a document was sent to her for review; her open editor follows the status; a mention reaches Erik', async ({
  browser,
  baseURL,
}) => {
  // The whole journey of four people in one test: more than the default minute on a loaded machine.
  test.setTimeout(150_000)
  const id = await completeDocument(baseURL!, 'Notiser i webbläsaren')
  const rita = await signedInPage(browser, 'rita')
  const erik = await signedInPage(browser, 'erik')
  // Added as reviewer before signing in: waiting in the bell (with whatever earlier tests left).
  const ritaBefore = await unreadNow(rita.page)
  expect(ritaBefore).toBeGreaterThanOrEqual(1)
  const erikBefore = await unreadNow(erik.page)

  const anna = await signedInPage(browser, 'anna')
  await openDocument(anna.page, id)
  const ritaEditor = await browser.newContext()
  const ritaDoc = await ritaEditor.newPage()
  await ritaDoc.context().addCookies(await rita.context.cookies())
  await openDocument(ritaDoc, id)
  await expect(ritaDoc.locator('.workspace__facts')).toContainText('Utkast')

  await anna.page.getByRole('button', { name: 'Skicka till granskning' }).click()
  await expect(anna.page.locator('.workspace__facts')).toContainText('Granskning')

  // Without reloading: the bell on the dashboard and the status in the open editor.
  await expect(bell(rita.page)).toHaveText(unread(ritaBefore + 1))
  await expect(ritaDoc.locator('.workspace__facts')).toContainText('Granskning')

  await bell(rita.page).click()
  const panel = rita.page.getByRole('region', { name: 'Notiser' })
  const item = panel.getByRole('link', { name: /Anna Andersson skickade ”Notiser i webbläsaren” till granskning\. Du är granskare\./ })
  await expect(item).toBeVisible()
  const ritaAxe = await new AxeBuilder({ page: rita.page }).include('#notification-panel').analyze()
  expect(ritaAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  // Escape closes the list and gives focus back to the bell.
  await rita.page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await expect(bell(rita.page)).toBeFocused()
  await bell(rita.page).click()
  await item.click()
  await expect(rita.page).toHaveURL(new RegExp(`/documents/${id}$`))
  await expect(rita.page.getByRole('heading', { level: 1, name: 'Notiser i webbläsaren' })).toBeVisible()
  await expect(bell(rita.page)).toHaveText(unread(ritaBefore))
  await bell(rita.page).click()
  await rita.page.getByRole('button', { name: 'Markera alla som lästa' }).click()
  await expect(bell(rita.page)).toHaveText(unread(0))

  // Rita comments with a mention; Erik, on his dashboard, is told.
  await selectText(ritaDoc, 'Barnrättsperspektiv', SENTENCE)
  await ritaDoc.getByRole('button', { name: 'Kommentera' }).click()
  const form = ritaDoc.getByRole('form', { name: 'Ny kommentar' })
  // "@" suggests the document's members (combobox pattern): keyboard only.
  const box = form.getByLabel('Kommentar')
  await box.pressSequentially('@er')
  const suggestions = ritaDoc.getByRole('listbox', { name: 'Nämn en medlem' })
  // "er": Anna Andersson and Erik Ek (authors first); the arrow key moves to Erik.
  await expect(suggestions.getByRole('option')).toHaveCount(2)
  const erikOption = suggestions.getByRole('option', { name: /Erik Ek/ })
  await box.press('ArrowDown')
  await expect(erikOption).toHaveAttribute('aria-selected', 'true')
  await expect(box).toHaveAttribute('aria-activedescendant', (await erikOption.getAttribute('id'))!)
  const mentionAxe = await new AxeBuilder({ page: ritaDoc }).include('.comment-form').analyze()
  expect(mentionAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  await box.press('Enter')
  await expect(suggestions).toBeHidden()
  await expect(box).toHaveValue('@erik ')
  await box.pressSequentially('vilka förskolor gäller det?')
  await form.getByRole('button', { name: 'Spara kommentar' }).click()
  await expect(bell(erik.page)).toHaveText(unread(erikBefore + 1))
  await bell(erik.page).click()
  const mention = erik.page.getByRole('link', { name: /Rita Rasmussen nämnde dig i en kommentar i ”Notiser i webbläsaren”/ })
  await expect(mention).toHaveAttribute('href', new RegExp(`/documents/${id}\\?kommentar=`))

  // E-mail settings: an address and per-kind choices, stored on the server.
  await erik.page.getByRole('button', { name: 'Inställningar för e-post' }).click()
  const settings = erik.page.getByRole('form', { name: 'E-post' })
  await settings.getByLabel('Min e-postadress').fill('inte en adress')
  await settings.getByRole('button', { name: 'Spara e-postinställningar' }).click()
  await expect(settings.getByRole('alert')).toHaveText('Ange en giltig e-postadress, eller lämna fältet tomt.')
  await settings.getByLabel('Min e-postadress').fill('erik.ek@example.se')
  await expect(settings.getByLabel('Någon nämner mig i en kommentar')).toBeChecked()
  await settings.getByLabel('Jag får en roll i ett dokument').check()
  await settings.getByRole('button', { name: 'Spara e-postinställningar' }).click()
  await expect(settings.getByRole('status')).toHaveText('Inställningarna är sparade.')
  const axe = await new AxeBuilder({ page: erik.page }).include('#notification-panel').analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  const stored = await erik.page.evaluate(async () => (await fetch('/api/notifications/settings')).json())
  expect(stored).toMatchObject({ email: 'erik.ek@example.se', kinds: { 'member.added': true, mention: true } })

  // The mention's link opens the document at the thread: in view and focused (issue 15 item 4).
  await erik.page.keyboard.press('Escape')
  await bell(erik.page).click()
  await mention.click()
  await expect(erik.page).toHaveURL(new RegExp(`/documents/${id}$`))
  const thread = erik.page.getByRole('article', { name: 'Kommentar av Rita Rasmussen' }).filter({ hasText: 'vilka förskolor gäller det?' })
  await expect(thread).toBeFocused()
  await expect(thread).toBeInViewport()

  for (const c of [rita.context, erik.context, anna.context, ritaEditor]) await c.close()
})
