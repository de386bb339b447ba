import { expect, test } from '@playwright/test'
import { createSharedDocument, openDocument, signedInPage } from './session.js'
import { axeViolations } from './axe.js'

test('sign-in page, dashboard and editor have no moderate, serious or critical axe violations', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Tillgänglighetsgranskning')
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv')
  expect(await axeViolations(page)).toEqual([])
  await context.close()

  const anna = await signedInPage(browser, 'anna')
  await expect(anna.page.getByRole('region', { name: 'Hela listan' }).getByRole('table')).toBeVisible()
  await anna.page.getByRole('button', { name: 'Nytt tjänsteutlåtande' }).click()
  await expect(anna.page.getByLabel('Mall')).toBeVisible()
  expect(await axeViolations(anna.page)).toEqual([])

  await openDocument(anna.page, id)
  await anna.page.getByRole('button', { name: 'Visa uppgifter' }).click()
  await anna.page
    .getByRole('region', { name: 'Tillgänglighet' })
    .getByText(/Stödfrågor/)
    .click()
  expect(await axeViolations(anna.page)).toEqual([])

  // The skip link is the first stop and lands on the main content.
  await anna.page.reload()
  await expect(anna.page.getByRole('region', { name: 'Jämställdhetsanalys' })).toBeVisible()
  await anna.page.keyboard.press('Tab')
  await expect(anna.page.getByRole('link', { name: 'Hoppa till huvudinnehållet' })).toBeFocused()
  await anna.page.keyboard.press('Enter')
  await expect(anna.page.locator('#main')).toBeFocused()
  await anna.context.close()
})

test('a new document is created from the dashboard with a validated Dnr and opens', async ({ browser }) => {
  const title = `Ny budget för parkbelysning ${Date.now()}`
  const anna = await signedInPage(browser, 'anna')
  const page = anna.page
  await page.getByRole('button', { name: 'Nytt tjänsteutlåtande' }).click()
  await page.getByLabel('Mall').selectOption({ label: 'Tjänsteutlåtande – ärende för beslut' })
  await page.getByLabel('Titel').fill(title)
  await page.getByLabel('Diarienummer (Dnr)').fill('2025-936')
  await page.getByRole('button', { name: 'Skapa och öppna' }).click()
  await expect(page.getByText('Diarienumret ska ha formen')).toBeVisible()
  await page.getByLabel('Diarienummer (Dnr)').fill('EÅV 2025/936')
  await page.getByRole('button', { name: 'Skapa och öppna' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Ekonomiska konsekvenser' })).toBeVisible()
  await expect(page.getByText('Dnr EÅV 2025/936')).toBeVisible()
  await page.getByRole('link', { name: 'Mina tjänsteutlåtanden' }).click()
  const row = page.getByRole('region', { name: 'Hela listan' }).getByRole('row').filter({ hasText: title })
  await expect(row).toContainText('EÅV 2025/936')
  await expect(row).toContainText('Utkast')
  await anna.context.close()
})
