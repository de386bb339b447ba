import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')
const EXAMPLES = resolve(ROOT, 'tests/fixtures/examples')
const dataDir = mkdtempSync(join(tmpdir(), 'perspektiv-cli-'))

/** Runs the real CLI against a temporary DATA_DIR, as a user would. */
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/perspektiv.mjs'), ...args], {
    cwd: dataDir,
    encoding: 'utf8',
    input,
    timeout: 60_000,
    env: { ...process.env, DATA_DIR: dataDir },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('perspektiv import and export', () => {
  it('imports a real remissvar, keeps its perspectives and Dnr, and exports it as Markdown', () => {
    expect(cli(['users', 'add', 'anna', '--name', 'Anna Andersson'], 'hemligt-lösen\n').code).toBe(0)
    const imported = cli([
      'import',
      join(EXAMPLES, 'eav-2025-936-remissvar-pact-of-free-cities.txt'),
      '--author',
      'anna',
      '--title',
      'Svar på remiss om Pact of Free Cities',
    ])
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    const id = imported.stdout.trim()
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/)

    const out = join(dataDir, 'tu.md')
    const exported = cli(['export', id, '--format', 'md', '--out', out])
    expect(exported.code, exported.stderr).toBe(0)
    const md = readFileSync(out, 'utf8')
    expect(md).toContain('Svar på remiss om Pact of Free Cities')
    expect(md).toContain('EÅV 2025/936')
    for (const heading of ['Jämställdhetsanalys', 'Barnrättsperspektiv', 'Tillgänglighet', 'Äldreperspektiv', 'Klimat och miljö']) {
      expect(md).toMatch(new RegExp(`^#+ ${heading}$`, 'm'))
    }
    expect(md).toContain('Pact of Free Cities')
  })

  it('[L14][L16][L18] imports the SOF example with its own title, Dnr, nämnd and dates, lists as lists, no Symbol bullets', () => {
    const imported = cli(['import', join(EXAMPLES, 'sof-2024-472-remissvar-mr-programmet.txt'), '--author', 'anna'])
    expect(imported.code).toBe(0)
    const out = join(dataDir, 'sof.md')
    expect(cli(['export', imported.stdout.trim(), '--format', 'md', '--out', out]).code).toBe(0)
    const md = readFileSync(out, 'utf8')
    expect(md).toMatch(/^# Remiss av Stockholms stads program för de mänskliga rättigheterna$/m)
    expect(md).toContain('SOF 2024/472')
    expect(md).toContain('Socialnämnden')
    expect(md).toMatch(/2024-09-24|24 september 2024/)
    expect(md).toMatch(/^- Att motverka rasism$/m)
    expect(md).toMatch(/^2\. Stadsledningskontorets tjänsteutlåtande, dnr KS 2023\/1159$/m)
    expect(md).not.toMatch(/sof-2024-472|\uf0b7/u)
  })

  it('names what is wrong: unknown author, unknown document, unsupported file, missing format', () => {
    const noAuthor = cli(['import', join(EXAMPLES, 'kultur-2024-remissvar-mr-programmet.txt'), '--author', 'okand'])
    expect(noAuthor.code).toBe(1)
    expect(noAuthor.stderr).toContain('Det finns ingen användare "okand"')
    const noDoc = cli(['export', 'finnsinte', '--format', 'pdf'])
    expect(noDoc.code).toBe(1)
    expect(noDoc.stderr).toContain('Det finns inget dokument med id "finnsinte"')
    const badType = cli(['import', join(ROOT, 'package.json'), '--author', 'anna'])
    expect(badType.code).toBe(2)
    expect(badType.stderr).toMatch(/stöds inte/)
    expect(cli(['export', 'x']).code).toBe(2)
  })
})
