/**
 * Acceptance: the checker on the real tjänsteutlåtanden of ../shared/examples (copied to
 * tests/fixtures/examples, so a clean clone is complete) reaches exactly
 * the verdicts of its README, through the legacy importer and through the real CLI.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { coverageReportSchema, type Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { checkCoverage } from '@perspektiv/coverage'
import { importLegacy } from '@perspektiv/legacy'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const EXAMPLES = resolve(ROOT, 'tests/fixtures/examples')
const remissvar = loadTemplates().get('remissvar') as Template

const EAV = 'eav-2025-936-remissvar-pact-of-free-cities.txt'
const VALNAMNDEN = 'valnamnden-2024-10-02-kallelse-med-handlingar.txt'
const ALL_MISSING = [
  'kultur-2024-remissvar-mr-programmet.txt',
  'sof-2024-472-remissvar-mr-programmet.txt',
  'rinkeby-kista-remissvar-antidiskrimineringsbyraer.txt',
  VALNAMNDEN,
]

async function report(file: string) {
  const doc = await importLegacy(file, readFileSync(join(EXAMPLES, file)), remissvar)
  return checkCoverage(remissvar, doc.sections)
}

describe('the examples of ../shared/examples (tests/fixtures/examples)', () => {
  it('covers every example file the README lists', () => {
    const files = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.txt'))
      .sort()
    expect(files).toEqual([EAV, ...ALL_MISSING].sort())
  })

  it('EAV: all five covered under the listed headings; complete', async () => {
    const r = await report(EAV)
    expect(r.perspectives.map((p) => [p.key, p.status, p.heading])).toEqual([
      ['jamstalldhet', 'covered', 'Jämställdhetsanalys'],
      ['barnratt', 'covered', 'Barnrättsperspektiv'],
      ['tillganglighet', 'covered', 'Tillgänglighet'],
      ['aldre', 'covered', 'Äldreperspektiv'],
      ['klimat-miljo', 'covered', 'Klimat- och miljöperspektiv'],
    ])
    expect(r.complete).toBe(true)
    expect(r.placeholders).toEqual([])
  })

  for (const file of ALL_MISSING) {
    it(`${file}: all five missing; not complete`, async () => {
      const r = await report(file)
      expect(r.perspectives.map((p) => p.status)).toEqual(Array(5).fill('missing'))
      expect(r.complete).toBe(false)
    })
  }

  it('Valnämnden: the unfilled signature placeholders are reported', async () => {
    const r = await report(VALNAMNDEN)
    expect(r.placeholders).toEqual(['Klicka och skriv namn', 'Klicka och skriv titel', 'Klicka och skriv förvaltning'])
  })

  it('the CLI: --json gives the same report, exit 0 for EAV and 1 for the others', async () => {
    const run = (file: string) =>
      spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/perspektiv.mjs'), 'check', join(EXAMPLES, file), '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      })
    const eav = run(EAV)
    expect(eav.status).toBe(0)
    expect(coverageReportSchema.parse(JSON.parse(eav.stdout))).toEqual(await report(EAV))
    const val = run(VALNAMNDEN)
    expect(val.status).toBe(1)
    const imported = await importLegacy(VALNAMNDEN, readFileSync(join(EXAMPLES, VALNAMNDEN)), remissvar)
    // The report's fields, and the importer's warnings beside them.
    expect(JSON.parse(val.stdout)).toEqual({ ...(await report(VALNAMNDEN)), warnings: imported.warnings })
    expect(val.stderr).toBe('')
  })
})
