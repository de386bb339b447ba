/**
 * The offline part of the dependency audit (SECURITY.md, "Dependencies"): the registry's
 * advisory endpoint cannot be reached from CI, but the lock file can be checked anywhere.
 * Every package comes from the npm registry with an integrity hash, and none is fetched
 * from git, a URL or a path.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { REPO_ROOT } from './harness.js'

const lock = readFileSync(join(REPO_ROOT, 'pnpm-lock.yaml'), 'utf8')
const lines = lock.split('\n')

it('every locked package is pinned by a sha512 integrity hash, not a tarball URL, git commit or directory', () => {
  const resolutions = lines.filter((l) => /^\s+resolution:/.test(l))
  expect(resolutions.length).toBeGreaterThan(100)
  const unpinned = resolutions.filter((l) => !/^\s+resolution: \{integrity: sha512-[A-Za-z0-9+/=]+\}$/.test(l))
  expect(unpinned).toEqual([])
})

it('every dependency of the workspace is a registry version range or a workspace package', () => {
  const specifiers = lines.filter((l) => /^\s+specifier:/.test(l)).map((l) => l.replace(/^\s+specifier:\s*/, '').replace(/^'|'$/g, ''))
  expect(specifiers.length).toBeGreaterThan(30)
  // A version or range (`^1`, `~5.9.2`, `3.31.3`), optionally a registry alias (`npm:name@^1`).
  const fromRegistry = /^(npm:(@[\w.-]+\/)?[\w.-]+@)?[\^~]?\d+(\.\d+){0,2}(-[\w.]+)?$/
  const elsewhere = specifiers.filter((s) => !(s === 'workspace:*' || fromRegistry.test(s)))
  expect(elsewhere).toEqual([])
})
