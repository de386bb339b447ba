/**
 * `perspektiv users/import/export` on PostgreSQL (`DATABASE_URL`, SRV-SC21): the same
 * commands as on SQLite (tests/server/cli.test.ts), against a real database of their own.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, tempDataDir } from '../server/harness.js'
import { missing, useServices } from './services.js'

const services = useServices()

describe.skipIf(missing)('the CLI on PostgreSQL', () => {
  it('SRV-SC21: users add/list, import and export use DATABASE_URL; a malformed one names the variable', () => {
    const url = services.newDatabase()
    const data = tempDataDir()
    try {
      const perspektiv = (args: string[], input = '', databaseUrl = url) =>
        spawnSync(process.execPath, ['apps/cli/bin/perspektiv.mjs', ...args], {
          cwd: REPO_ROOT,
          input,
          // DATA_DIR points at an empty folder: nothing may land in SQLite.
          env: { ...process.env, DATA_DIR: data.dir, DATABASE_URL: databaseUrl },
          encoding: 'utf8',
        })
      const add = perspektiv(['users', 'add', 'kim', '--name', 'Kim Kvist', '--title', 'Avdelningschef'], 'hemligt-lösen\n')
      expect(add.stderr).toBe('')
      expect(add.status).toBe(0)
      expect(perspektiv(['users', 'add', 'kim', '--name', 'Kim Igen'], 'annat-lösen\n').status).toBe(1)
      expect(perspektiv(['users', 'list']).stdout).toMatch(/kim\s+Kim Kvist\s+Avdelningschef/)

      const file = join(data.dir, 'remiss.md')
      writeFileSync(file, '# Svar på remiss om parker\n\nDnr KS 2026/1\n\n## Bakgrund\n\nParkerna ska bli tryggare.\n')
      const imported = perspektiv(['import', file, '--author', 'kim'])
      expect(imported.status, imported.stderr).toBe(0)
      const id = imported.stdout.trim()
      const out = join(data.dir, 'ut.md')
      const exported = perspektiv(['export', id, '--format', 'md', '--out', out])
      expect(exported.status, exported.stderr).toBe(0)
      expect(spawnSync('cat', [out], { encoding: 'utf8' }).stdout).toContain('Parkerna ska bli tryggare.')

      const wrong = perspektiv(['users', 'list'], '', 'mysql://localhost/x')
      expect(wrong.status).not.toBe(0)
      expect(wrong.stderr).toContain('DATABASE_URL')
    } finally {
      data.remove()
    }
  }, 120_000)
})
