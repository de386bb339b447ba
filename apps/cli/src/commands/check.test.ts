import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { coverageReportSchema } from '@perspektiv/model'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')
const FIXTURES = join(ROOT, 'tests/fixtures/legacy')

/** Runs the real CLI, as a user would from the repository root. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/perspektiv.mjs'), 'check', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('perspektiv check', () => {
  it('prints a Swedish report with one line per perspective and exits 1 when not complete', () => {
    const r = cli(join(FIXTURES, 'labelled.txt'))
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('Perspektivkontroll av labelled.txt')
    expect(lines[1]).toBe('Mall: Tjänsteutlåtande – svar på remiss (remissvar)')
    const line = (title: string) => lines.find((l) => l.trimStart().slice(2).startsWith(title)) ?? ''
    expect(line('Jämställdhetsanalys')).toMatch(/^ {2}✓ Jämställdhetsanalys +Bedömd +rubrik ”Jämställdhet”, \d+ ord$/)
    expect(line('Barnrättsperspektiv')).toMatch(
      /^ {2}✗ Barnrättsperspektiv +Ofullständig +rubrik ”Barnrätt”, 0 ord – ”.+” är bara ett konstaterande; skriv varför perspektivet inte berör ärendet\.$/,
    )
    expect(line('Äldreperspektiv')).toMatch(/✓ Äldreperspektiv +Ej relevant +rubrik ”Äldre”/)
    expect(r.stdout).toContain('Resultat: INTE KOMPLETT – 3 av 5 perspektiv är bedömda eller motiverat ej relevanta.')
  })

  it('lists section problems and placeholders', () => {
    const r = cli(join(FIXTURES, 'sections.md'))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Övriga avsnitt med problem\n  ✗ Ärendets beredning: Avsnittet innehåller bara mallens platshållartext.')
    expect(r.stdout).toContain('Kvarlämnad malltext\n  • ”Ange hur ärendet har beretts”\n  • ”Klicka här för att ange text”')
    expect(r.stdout).toMatch(/ta också bort 2 kvarlämnade malltexter\.\n$/)
  })

  it('exits 0 for a complete document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspektiv-check-'))
    // One assessment per perspective: the same text pasted into all five would be copies (C20).
    const assessments = [
      'Jämställdhet: Statistiken över besökare är uppdelad på kön och visar att kvinnor oftare än män använder tjänsten, så de längre öppettiderna gynnar främst kvinnor som arbetar dagtid.',
      'Barnrätt: Elevråden på tre skolor har tillfrågats och barnen vill kunna gå till biblioteket efter skolan, vilket förslaget om öppet till klockan sju gör möjligt.',
      'Tillgänglighet: Den nya entrén saknar trappsteg och får automatisk dörröppnare, och rådet för funktionshinderfrågor har granskat ritningarna och lämnat synpunkter som har tagits in.',
      'Äldre: Pensionärsrådet påpekade att många äldre saknar bil, så hållplatsen flyttas närmare entrén och bänkar ställs ut längs hela gångvägen från parkeringen.',
      'Klimat och miljö: Lokalen värms med fjärrvärme och belysningen byts mot LED, vilket enligt fastighetsägaren minskar energianvändningen i lokalen med ungefär en fjärdedel per år.',
    ]
    const file = join(dir, 'komplett.md')
    writeFileSync(file, ['## Konsekvensanalys', '', ...assessments].join('\n\n'))
    const r = cli(file)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Resultat: KOMPLETT – alla 5 perspektiv är bedömda eller motiverat ej relevanta.')
  })

  it("--json prints a valid CoverageReport and, beside it, the importer's warnings", () => {
    const r = cli('--json', join(FIXTURES, 'noisy-synonyms.txt'))
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    const report = coverageReportSchema.parse(json)
    expect(report.perspectives.map((p) => p.status)).toEqual(['covered', 'not-relevant', 'incomplete', 'incomplete', 'covered'])
    // The report's own fields are exactly the CoverageReport; only `warnings` is added.
    const { warnings, ...rest } = json
    expect(rest).toEqual(report)
    expect(Object.keys(rest).sort()).toEqual(['complete', 'meta', 'perspectives', 'placeholders', 'ready', 'sections'])
    expect(warnings).toEqual([])
  })

  it("--json lists the importer's warnings, the same ones the text report prints", () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspektiv-check-'))
    const file = join(dir, 'dubbel.txt')
    writeFileSync(
      file,
      'Sammanfattning\nText.\n\nBarnrättsperspektiv\nEj relevant.\n\nÖvrigt\nText.\n\nBarnrättsperspektiv\nBarnen har tillfrågats i elevrådet.\n',
    )
    const json = JSON.parse(cli('--json', file).stdout) as { warnings: string[] }
    expect(json.warnings).toEqual(['Perspektivet Barnrättsperspektiv förekommer under 2 rubriker; texterna läses tillsammans.'])
    expect(cli(file).stdout).toContain(`Att observera\n  • ${json.warnings[0]}`)
  })

  it('--template beslut checks against the beslut template', () => {
    const r = cli(join(FIXTURES, 'labelled.txt'), '--template', 'beslut', '--json')
    expect(r.code).toBe(1)
    const report = coverageReportSchema.parse(JSON.parse(r.stdout))
    expect(report.sections.find((s) => s.key === 'ekonomi')).toMatchObject({ status: 'missing', problems: ['Avsnittet saknas.'] })
    expect(cli(join(FIXTURES, 'labelled.txt'), '--template=beslut').stdout).toContain('(beslut)')
  })

  it('exits 2 with one Swedish line on stderr when the file cannot be checked', () => {
    const cases: Array<[string[], RegExp]> = [
      [[join(FIXTURES, 'finns-inte.txt')], /^perspektiv check: filen finns inte: .*finns-inte\.txt\n$/],
      [[FIXTURES], /^perspektiv check: .* är en katalog, inte en fil\.\n$/],
      [[join(ROOT, 'package.json')], /^perspektiv check: package\.json: filtypen "\.json" stöds inte\. Använd \.txt, \.md eller \.docx\.\n$/],
      [[join(FIXTURES, 'labelled.txt'), '--verbose'], /^perspektiv check: okänd flagga "--verbose"\. Användning: perspektiv check/],
      [[join(FIXTURES, 'labelled.txt'), '--template', 'protokoll'], /^perspektiv check: okänd mall "protokoll" \(finns: beslut, remissvar\)\.\n$/],
      [[], /^perspektiv check: ange en fil att kontrollera\./],
    ]
    for (const [args, stderr] of cases) {
      const r = cli(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(stderr)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stdout).toBe('')
    }
  })

  it('exits 2 for a .docx that is not a Word file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspektiv-check-'))
    const file = join(dir, 'trasig.docx')
    writeFileSync(file, 'inte en zip-fil')
    const r = cli(file)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('perspektiv check: trasig.docx: filen är inte ett Word-dokument (.docx).\n')
  })
})
