// `pnpm typecheck`: one command, four TypeScript projects, because the apps run in different
// places — apps/server and apps/cli on Node only (no DOM types), apps/web in the browser only
// (no Node types) — and the root project for packages and tests. Run in parallel (each is one
// single-threaded tsc); output is printed per project, and any failure fails the command.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const projects = ['apps/server/tsconfig.json', 'apps/cli/tsconfig.json', 'apps/web/tsconfig.json', 'tsconfig.json']

const results = await Promise.all(
  projects.map(
    (project) =>
      new Promise((done) => {
        const child = spawn(process.execPath, [tsc, '-p', project, '--pretty'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        child.stdout.on('data', (d) => (out += d))
        child.stderr.on('data', (d) => (out += d))
        child.on('error', (e) => done({ project, code: 1, out: e.message }))
        child.on('close', (code) => done({ project, code: code ?? 1, out }))
      }),
  ),
)
for (const r of results) {
  console.log(`typecheck ${r.project}: ${r.code === 0 ? 'ok' : 'FAILED'}`)
  if (r.out.trim()) console.log(r.out.trimEnd())
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0)
