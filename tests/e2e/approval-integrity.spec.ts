/**
 * Issue 22.3 and 22.4 in the browser: an approver whose approval a later change cleared
 * is told so and shown what changed since; someone who was an author of the revision is
 * told in Swedish why they cannot approve it.
 */
import { expect, test } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import * as Y from 'yjs'
import { openDocument, signedInApi, signedInPage } from './session.js'
import { writtenDocument } from './approvalDocument.js'

test('an approval cleared by a later change: the approver sees what changed and approves again', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  const author = await writtenDocument(baseURL!, 'Tio miljoner', true, [
    ['alva', 'approver'],
    ['stefan', 'approver'],
  ])
  const alvaApi = await signedInApi(baseURL!, 'alva')
  expect((await alvaApi.api.post(`/api/documents/${author.id}/approvals`, { headers: alvaApi.headers })).ok()).toBe(true)
  // The author adds a grant to the proposal after Alva approved.
  const section = author.doc
    .getXmlFragment('default')
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('key') === 'forslag-till-beslut') as Y.XmlElement
  const [paragraph] = section.createTreeWalker((x) => x instanceof Y.XmlElement && x.nodeName === 'paragraph')
  const text = (paragraph as Y.XmlElement).get(0) as Y.XmlText
  text.insert(text.length, ' Nämnden beviljar 10 miljoner kronor.')
  await expect.poll(async () => (await (await alvaApi.api.get(`/api/documents/${author.id}`, { headers: alvaApi.headers })).json()).approvals.length).toBe(0)

  const alva = await signedInPage(browser, 'alva')
  await openDocument(alva.page, author.id)
  await alva.page.getByRole('button', { name: 'Godkänn', exact: true }).click()
  const changes = alva.page.getByRole('region', { name: 'Ändringar sedan ditt godkännande' })
  await expect(changes).toContainText('Texten har ändrats sedan du godkände den')
  await expect(changes.locator('ins')).toContainText('beviljar 10 miljoner')
  const axe = await new AxeBuilder({ page: alva.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
  await alva.page.getByRole('button', { name: 'Bekräfta godkännande' }).click()
  await expect(alva.page.getByText('Du har godkänt dokumentet.')).toBeVisible()
  await alvaApi.api.dispose()
  author.close()
})

test('someone who was an author of the revision is told why they cannot approve it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  // Erik co-authors, then (before review) anna makes him an approver.
  const author = await writtenDocument(baseURL!, 'Jäv i webbläsaren', false, [
    ['erik', 'author'],
    ['alva', 'approver'],
  ])
  const anna = await signedInApi(baseURL!, 'anna')
  expect((await anna.api.put(`/api/documents/${author.id}/members`, { headers: anna.headers, data: { username: 'erik', role: 'approver' } })).ok()).toBe(true)
  expect((await anna.api.post(`/api/documents/${author.id}/status`, { headers: anna.headers, data: { to: 'granskning' } })).ok()).toBe(true)
  await anna.api.dispose()

  const erik = await signedInPage(browser, 'erik')
  await openDocument(erik.page, author.id)
  await erik.page.getByRole('button', { name: 'Godkänn', exact: true }).click()
  await expect(erik.page.locator('#approval-state')).toContainText(
    'Du har varit författare till dokumentet i den här revisionen och kan därför inte godkänna det.',
  )
  await expect(erik.page.getByRole('button', { name: 'Bekräfta godkännande' })).toBeDisabled()
  author.close()
})
