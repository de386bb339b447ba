/**
 * The test command's provisioning step (scripts/provision.mjs): what it does when a Debian
 * package the tests need is missing. apt-get itself is never run here (that was checked by
 * hand: /usr/bin/chromium moved aside, `node scripts/provision.mjs chromium` reinstalled it).
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { needs, provision, type Need } from '../../scripts/provision.mjs'

const REPO = resolve(import.meta.dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'perspektiv-provision-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const present = join(dir, 'present')
writeFileSync(present, '#!/bin/sh\n')
chmodSync(present, 0o755)
const absent = join(dir, 'absent')

const need = (over: Partial<Need>): Need => ({ name: 'chromium', file: present, packages: ['chromium'], usedBy: 'the browser tests', ...over })

describe('scripts/provision.mjs', () => {
  it('lists chromium (at CHROMIUM_PATH or /usr/bin/chromium) and LibreOffice for the export round trip', () => {
    const names = needs().map((n) => n.name)
    expect(names).toContain('chromium')
    expect(names).toContain('libreoffice')
    // The scale-out tests' servers: optional (their tests skip, saying why, where apt cannot run).
    expect(needs().find((n) => n.name === 'postgresql')).toMatchObject({ packages: ['postgresql'], optional: true })
    expect(needs().find((n) => n.name === 'postgresql')!.file).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin\/postgres$/)
    expect(needs().find((n) => n.name === 'redis')).toMatchObject({ file: '/usr/bin/redis-server', packages: ['redis-server'], optional: true })
    expect(needs().find((n) => n.name === 'chromium')!.file).toBe(process.env.CHROMIUM_PATH || '/usr/bin/chromium')
  })

  it('does nothing and says nothing when everything is there', () => {
    const lines: string[] = []
    expect(provision([], { all: [need({})], canApt: false, log: (l) => lines.push(l) })).toEqual([])
    expect(lines).toEqual([])
  })

  it('without apt, a missing required package stops the run and says what to install', () => {
    const run = () => provision([], { all: [need({ file: absent })], canApt: false, log: () => {} })
    expect(run).toThrow(absent)
    expect(run).toThrow('apt-get install -y chromium')
    expect(run).toThrow('CHROMIUM_PATH')
  })

  it('without apt, a missing optional package is a notice (its tests skip), not a failure', () => {
    const lines: string[] = []
    const office = need({ name: 'office', file: absent, packages: ['libreoffice-writer-nogui'], usedBy: 'the round trip', optional: true })
    expect(provision([], { all: [need({}), office], canApt: false, log: (l) => lines.push(l) })).toEqual([office])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/the round trip will be skipped.*apt-get install libreoffice-writer-nogui/)
  })

  it('only the needs named on the command line are checked; an unknown name is an error', () => {
    const all = [need({}), need({ name: 'other', file: absent })]
    expect(provision(['chromium'], { all, canApt: false, log: () => {} })).toEqual([])
    expect(() => provision(['nope'], { all, canApt: false })).toThrow('unknown need nope (known: chromium, other)')
  })

  it('a CHROMIUM_PATH that points at nothing fails with that name, and installs nothing', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/provision.mjs'), 'chromium'], {
      env: { ...process.env, CHROMIUM_PATH: absent },
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(`CHROMIUM_PATH=${absent} is not an executable file`)
    expect(r.stderr).not.toContain('installing')
  })
})
