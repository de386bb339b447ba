import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLIENT_ID, CLIENT_SECRET, startTestProvider, TENANT, type TestProvider } from '../server/oidcProvider.js'
import { exited, freePort, spawnServer, type ServerProcess } from '../serverProcess.js'

// Sign-in through a real OpenID provider (oidc-provider, its own login pages) in real Chromium.
// The demo server of playwright.config.ts has no OIDC; this spec runs a second Perspektiv
// server (the same main.ts, the built web app) configured with the four OIDC variables.

let op: TestProvider
let server: ServerProcess | undefined
let base: string
let dataDir: string

test.beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  op = await startTestProvider({
    redirectUri: `${base}/api/oidc/callback`,
    backchannelLogoutUri: `${base}/api/oidc/backchannel-logout`,
    postLogoutRedirectUri: `${base}/logga-in`,
  })
  dataDir = mkdtempSync(join(tmpdir(), 'perspektiv-e2e-oidc-'))
  server = await spawnServer(dataDir, port, {
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URI: `${base}/api/oidc/callback`,
    OIDC_TENANTS: TENANT,
    LOCAL_LOGIN: '0',
  })
})

test.afterAll(async () => {
  if (server) {
    server.process.kill('SIGTERM')
    await exited(server.process)
  }
  await op?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** The provider's own login page, then its consent page (when it asks). */
async function signInAtProviderPage(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/interaction/`))
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('vilket-som-helst')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
}

test('a new user signs in through the provider and lands on the dashboard', async ({ page }) => {
  await page.goto(`${base}/`)
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  const button = page.getByRole('link', { name: 'Logga in med Stockholms stads konto' })
  await expect(button).toBeVisible()
  // LOCAL_LOGIN=0: no password form.
  await expect(page.getByLabel('Lösenord')).toHaveCount(0)
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations).toEqual([])

  await button.click()
  await signInAtProviderPage(page, 'anna-sub')
  await expect(page).toHaveURL(`${base}/`)
  await expect(page.getByRole('heading', { name: 'Mina tjänsteutlåtanden' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Konto' })).toContainText('Anna Berg, Utredare')
})

test('a refused sign-in shows why, in Swedish', async ({ page }) => {
  await page.goto(`${base}/api/oidc/callback?code=forged&state=forged`)
  await expect(page).toHaveURL(`${base}/logga-in?fel=state`)
  await expect(page.getByRole('alert')).toContainText('Inloggningen kunde inte slutföras')
})

test('a provider user creates an API key for a script, sees it once, and revokes it', async ({ page }) => {
  await page.goto(`${base}/`)
  await page.getByRole('link', { name: 'Logga in med Stockholms stads konto' }).click()
  await signInAtProviderPage(page, 'bo-sub')
  await expect(page.getByRole('heading', { name: 'Mina tjänsteutlåtanden' })).toBeVisible()

  await page.getByRole('navigation', { name: 'Konto' }).getByRole('link', { name: 'API-nycklar' }).click()
  await expect(page.getByRole('heading', { name: 'API-nycklar', level: 1 })).toBeFocused()
  await expect(page.getByText('Du har inga API-nycklar.')).toBeVisible()
  await page.getByRole('button', { name: 'Skapa API-nyckel' }).click()
  await expect(page.getByText('Ge nyckeln ett namn')).toBeVisible()

  await page.getByLabel('Namn').fill('Exportskript')
  await page.getByLabel('Giltig i').selectOption({ label: '90 dagar' })
  await page.getByRole('button', { name: 'Skapa API-nyckel' }).click()
  const shown = page.locator('.token-value')
  await expect(shown).toHaveText(/^pat_/)
  const token = (await shown.textContent())!
  await expect(page.getByRole('row', { name: /Exportskript/ })).toBeVisible()
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations).toEqual([])

  // The key works for a script, as Bearer, until it is revoked here.
  const me = () => fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })
  expect(((await (await me()).json()) as { username: string }).username).toBe('bo.oberg')
  await page.getByRole('button', { name: 'Återkalla Exportskript' }).click()
  await expect(page.getByText('Du har inga API-nycklar.')).toBeVisible()
  expect((await me()).status).toBe(401)
})
