import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'

// Browser tests run against the real product: `scripts/start.mjs --demo` (builds the web app
// when needed, then serves API, sync and app) on its own port with a fresh data dir.
const PORT = Number(process.env.E2E_PORT ?? 8791)
const BASE_URL = process.env.E2E_BASE_URL ?? `http://localhost:${PORT}`
// Workers load this file again; the env var keeps one data dir per run.
process.env.PERSPEKTIV_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'perspektiv-e2e-'))

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  // One retry in CI: a test that needs it is reported as flaky (and should be looked at), not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: '../test-results/e2e',
  use: {
    baseURL: BASE_URL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 1360, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium unless CHROMIUM_PATH points elsewhere (scripts/provision.mjs installs it when missing).
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'node ../scripts/start.mjs --demo',
        // Run from tests/, as `pnpm test:e2e` does.
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        url: `${BASE_URL}/api/health`,
        env: { PORT: String(PORT), DATA_DIR: process.env.PERSPEKTIV_E2E_DATA_DIR },
        reuseExistingServer: false,
        timeout: 180_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
})
