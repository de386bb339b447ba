// Runs the Playwright browser tests with Debian's Chromium (Playwright cannot download browsers
// here), installing it first when it is missing (scripts/provision.mjs). Arguments go to
// `playwright test` (spec files, --grep …). Missing browser tests are a failure, never a pass.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { provision } from './provision.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const e2eDir = join(root, 'tests/e2e')
const config = join(e2eDir, 'playwright.config.ts')

function fail(message) {
  console.error(`e2e: ${message}`)
  process.exit(1)
}

if (!existsSync(config)) fail(`no browser tests: ${config} is missing`)
const specs = readdirSync(e2eDir).filter((f) => f.endsWith('.spec.ts'))
if (specs.length === 0) fail(`no browser tests: no *.spec.ts in ${e2eDir}`)

try {
  provision(['chromium'])
} catch (e) {
  fail(e instanceof Error ? e.message : String(e))
}

// Playwright itself exits non-zero when the arguments select no test ("No tests found").
const r = spawnSync('pnpm', ['--filter', '@perspektiv/tests', 'exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
if (r.error) fail(`could not start playwright: ${r.error.message}`)
process.exit(r.status ?? 1)
