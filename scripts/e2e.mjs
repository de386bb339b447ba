// Runs the Playwright browser tests with Debian's Chromium (Playwright cannot download browsers here).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (!existsSync('tests/e2e/playwright.config.ts')) {
  console.log('e2e: no browser tests yet')
  process.exit(0)
}
const r = spawnSync('pnpm', ['--filter', '@perspektiv/tests', 'exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
})
process.exit(r.status ?? 1)
