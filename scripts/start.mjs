// `pnpm start [--demo]`: builds the web app when its sources are newer than its build,
// then runs the server (API, sync and the web app) on PORT (8787), data in DATA_DIR (./data).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const web = join(root, 'apps/web')

/** Newest modification time under `path` (files only, node_modules and dist skipped). */
function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue
    max = Math.max(max, newest(join(path, entry)))
  }
  return max
}

if (existsSync(join(web, 'index.html'))) {
  const built = join(web, 'dist/index.html')
  // The web app bundles the shared packages too: their sources count, and so do its
  // dependencies: the patches (patches/, applied by pnpm install) and which versions and patches
  // are installed (the lockfile and the workspace file, where a patch is switched on or off).
  const sources = [
    web,
    ...['model', 'document', 'coverage', 'review'].map((p) => join(root, 'packages', p, 'src')),
    join(root, 'templates'),
    join(root, 'patches'),
    join(root, 'pnpm-lock.yaml'),
    join(root, 'pnpm-workspace.yaml'),
  ]
  const sourceTime = Math.max(...sources.map(newest))
  if (!existsSync(built) || statSync(built).mtimeMs < sourceTime) {
    console.log('Bygger webbappen (pnpm --filter @perspektiv/web build) …')
    const r = spawnSync('pnpm', ['--filter', '@perspektiv/web', 'build'], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) {
      console.error('Webbappen kunde inte byggas; se felet ovan.')
      process.exit(r.status ?? 1)
    }
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts'), ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
})
// Forward stop signals; the server flushes its writes and exits 0 (a terminal's Ctrl-C
// reaches it directly as well, which it tolerates).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
