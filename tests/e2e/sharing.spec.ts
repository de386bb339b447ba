import { expect, test } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { createDocument, openDocument, signedInApi, signedInPage } from './session.js'

/** A fresh document of anna's with nobody else on it (API, bearer token). */
async function annasDocument(baseURL: string, title: string): Promise<string> {
  const session = await signedInApi(baseURL)
  const id = await createDocument(session, title)
  await session.api.dispose()
  return id
}

test('Anna shares with Erik through the dialog (keyboard, axe) and Erik opens the document', async ({ browser, baseURL }) => {
  const id = await annasDocument(baseURL!, 'Delas med Erik')
  const erik = await signedInPage(browser, 'erik')
  await erik.page.goto(`/documents/${id}`)
  await expect(erik.page.getByText('Du har ingen roll i det här dokumentet')).toBeVisible()

  const anna = await signedInPage(browser, 'anna')
  const page = anna.page
  await openDocument(page, id)
  const share = page.getByRole('button', { name: /^Dela/ })
  await share.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Dela dokumentet' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Anna Andersson' })).toBeVisible()

  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])

  // Focus stays in the dialog: the page behind it is inert.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]') || document.activeElement === document.body)).toBe(true)
  }

  await dialog.getByLabel('Sök på namn, titel eller användarnamn').fill('Utredare')
  await dialog.getByLabel('Roll', { exact: true }).selectOption({ label: 'Författare' })
  await expect(dialog.getByText('1 person hittades.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Lägg till Erik Ek som författare' }).click()
  const members = dialog.getByRole('region', { name: 'Medlemmar' })
  await expect(members.getByRole('listitem').filter({ hasText: 'Erik Ek' }).getByRole('combobox', { name: 'Roll för Erik Ek' })).toHaveValue('author')
  await expect(dialog.getByRole('status').filter({ hasText: 'Erik Ek är tillagd som Författare.' })).toBeAttached()

  // Removed, Erik is a search result again; the last author cannot be demoted: a Swedish explanation, nothing changes.
  await dialog.getByRole('button', { name: 'Ta bort Erik Ek' }).click()
  await expect(members.getByRole('listitem').filter({ hasText: 'Erik Ek' })).toHaveCount(0)
  await dialog.getByRole('combobox', { name: 'Roll för Anna Andersson' }).selectOption('reader')
  await expect(dialog.getByRole('alert')).toHaveText(/minst en författare/)
  await expect(dialog.getByRole('combobox', { name: 'Roll för Anna Andersson' })).toHaveValue('author')

  await dialog.getByLabel('Sök på namn, titel eller användarnamn').fill('erik')
  await dialog.getByLabel('Roll', { exact: true }).selectOption({ label: 'Författare' })
  await dialog.getByRole('button', { name: 'Lägg till Erik Ek som författare' }).click()
  await expect(dialog.getByRole('combobox', { name: 'Roll för Erik Ek' })).toHaveValue('author')

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(share).toBeFocused()
  await expect(share).toHaveText(/\(2\)/)
  // The audit log names people, not usernames.
  await page.getByRole('button', { name: 'Visa händelseloggen' }).click()
  const log = page.getByRole('region', { name: 'Händelselogg' })
  await expect(log.getByRole('row').filter({ hasText: 'Gav Erik Ek rollen Författare' })).toHaveCount(2)
  await expect(log.getByRole('row').filter({ hasText: 'Tog bort Erik Ek från dokumentet' })).toContainText('Anna Andersson')

  await openDocument(erik.page, id)
  await expect(erik.page.getByText('Din roll: Författare')).toBeVisible()
  // An author too, Erik may share as well.
  await erik.page.getByRole('button', { name: /^Dela/ }).click()
  await expect(erik.page.getByRole('dialog', { name: 'Dela dokumentet' }).getByRole('combobox', { name: 'Roll för Anna Andersson' })).toHaveValue('author')
  await erik.context.close()
  await anna.context.close()
})

test('a reader sees the member list read-only', async ({ browser, baseURL }) => {
  const id = await annasDocument(baseURL!, 'Läsarens vy')
  const anna = await signedInPage(browser, 'anna')
  await openDocument(anna.page, id)
  await anna.page.getByRole('button', { name: /^Dela/ }).click()
  const dialog = anna.page.getByRole('dialog', { name: 'Dela dokumentet' })
  await dialog.getByLabel('Roll', { exact: true }).selectOption({ label: 'Läsare' })
  await dialog.getByLabel('Sök på namn, titel eller användarnamn').fill('Linn')
  await dialog.getByRole('button', { name: 'Lägg till Linn Lind som läsare' }).click()
  await expect(dialog.getByRole('combobox', { name: 'Roll för Linn Lind' })).toHaveValue('reader')

  const linn = await signedInPage(browser, 'linn')
  await openDocument(linn.page, id)
  await linn.page.getByRole('button', { name: /^Medlemmar/ }).click()
  const view = linn.page.getByRole('dialog', { name: 'Medlemmar i dokumentet' })
  await expect(view.getByRole('listitem').filter({ hasText: 'Anna Andersson' })).toContainText('Författare')
  await expect(view.getByRole('combobox')).toHaveCount(0)
  await expect(view.getByRole('button', { name: /Ta bort|Lägg till/ })).toHaveCount(0)
  await expect(view.getByLabel('Sök på namn, titel eller användarnamn')).toHaveCount(0)
  await linn.context.close()
  await anna.context.close()
})
