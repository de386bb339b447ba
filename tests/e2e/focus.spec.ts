import { expect, test } from '@playwright/test'
import { axeViolations } from './axe.js'
import { createSharedDocument, openDocument, sectionBody, signedInPage } from './session.js'

test('[WEB-W6] focus: a visible frame while typing, the checklist after every refused send, and back to the opener after each dialog', async ({
  browser,
  baseURL,
}) => {
  const id = await createSharedDocument(baseURL!, 'Fokus och tangentbord')
  const anna = await signedInPage(browser, 'anna')
  const page = anna.page
  await openDocument(page, id)

  // WCAG 2.4.7: the document's frame shows the focus indicator while the text has focus, and only then.
  const frame = page.locator('.document')
  await expect(frame).toHaveCSS('outline-style', 'none')
  await sectionBody(page, 'Sammanfattning').click()
  await expect(page.locator('.document-body')).toBeFocused()
  await expect(frame).toHaveCSS('outline-style', 'solid')
  await expect(frame).toHaveCSS('outline-width', '3px')

  // A refused send moves focus to the checklist, every time (the button is disabled meanwhile).
  const send = page.getByRole('button', { name: 'Skicka till granskning' })
  const checklist = page.getByRole('alert').filter({ hasText: 'kan inte skickas till granskning' })
  for (let attempt = 1; attempt <= 3; attempt++) {
    await send.click()
    await expect(checklist, `attempt ${attempt}`).toBeFocused()
    await expect(checklist).toContainText('Det som är markerat med ✗ saknas')
  }

  // Förhandsgranska is a modal dialog: Escape closes it and focus is back on its button.
  const preview = page.getByRole('button', { name: 'Förhandsgranska' })
  await preview.click()
  await expect(page.getByRole('dialog', { name: 'Förhandsgranskning' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(preview).toBeFocused()

  // A saved version opens with focus on it, adds no duplicate landmarks (axe landmark-unique), and closing returns focus to "Visa".
  await page.getByLabel('Versionens namn').fill('Första utkastet')
  await page.getByRole('button', { name: 'Spara version' }).click()
  const show = page.getByRole('button', { name: 'Visa versionen Första utkastet' })
  await show.click()
  await expect(page.getByRole('heading', { name: /Version: Första utkastet/ })).toBeFocused()
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Stäng versionen' }).click()
  await expect(show).toBeFocused()
  await anna.context.close()
})

test('[WEB-W6] a document that does not exist says so in the page heading (axe: page-has-heading-one)', async ({ browser }) => {
  const anna = await signedInPage(browser, 'anna')
  await anna.page.goto('/documents/finns-inte-alls')
  await expect(anna.page.getByRole('heading', { level: 1, name: 'Dokumentet finns inte' })).toBeVisible()
  expect(await axeViolations(anna.page)).toEqual([])
  await anna.context.close()
})
