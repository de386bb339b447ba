import { readFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { coverageReportSchema, TemplateError, type CoverageReport, type Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { checkCoverage } from '@perspektiv/coverage'
import { importLegacy, LegacyImportError, type LegacyDocument } from '@perspektiv/legacy'

const USAGE = 'Användning: perspektiv check <fil.txt|.md|.docx> [--json] [--template remissvar|beslut]'
const DEFAULT_TEMPLATE = 'remissvar'

/** A failure the person at the terminal can act on: one Swedish line, exit code 2. */
class CheckFailure extends Error {}

interface Options {
  file: string
  json: boolean
  templateId: string
}

function parseArgs(args: string[]): Options {
  let file: string | undefined
  let json = false
  let templateId = DEFAULT_TEMPLATE
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--json') json = true
    else if (a === '--template' || a.startsWith('--template=')) {
      const value = a === '--template' ? args[++i] : a.slice('--template='.length)
      if (!value || value.startsWith('--')) throw new CheckFailure(`--template kräver ett mallnamn. ${USAGE}`)
      templateId = value
    } else if (a.startsWith('-') && a !== '-') throw new CheckFailure(`okänd flagga "${a}". ${USAGE}`)
    else if (file === undefined) file = a
    else throw new CheckFailure(`bara en fil i taget ("${a}" är en till). ${USAGE}`)
  }
  if (file === undefined) throw new CheckFailure(`ange en fil att kontrollera. ${USAGE}`)
  return { file, json, templateId }
}

function template(id: string): Template {
  let templates: Map<string, Template>
  try {
    templates = loadTemplates()
  } catch (err) {
    throw new CheckFailure(err instanceof TemplateError ? `mallarna kunde inte läsas: ${err.message}` : String(err))
  }
  const t = templates.get(id)
  if (!t) throw new CheckFailure(`okänd mall "${id}" (finns: ${[...templates.keys()].join(', ')}).`)
  return t
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    const s = await stat(file)
    if (s.isDirectory()) throw new CheckFailure(`${file} är en katalog, inte en fil.`)
    return new Uint8Array(await readFile(file))
  } catch (err) {
    if (err instanceof CheckFailure) throw err
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new CheckFailure(`filen finns inte: ${file}`)
    if (code === 'EACCES' || code === 'EPERM') throw new CheckFailure(`saknar behörighet att läsa ${file}`)
    throw new CheckFailure(`filen kunde inte läsas: ${file} (${code ?? (err as Error).message})`)
  }
}

const STATUS_WORD: Record<CoverageReport['perspectives'][number]['status'], string> = {
  covered: 'Bedömd',
  'not-relevant': 'Ej relevant',
  incomplete: 'Ofullständig',
  missing: 'Saknas',
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length)
}

/** The human report: scannable, one line per perspective, then what needs doing. */
export function formatReport(fileName: string, t: Template, report: CoverageReport, legacy: LegacyDocument): string {
  const out: string[] = []
  out.push(`Perspektivkontroll av ${fileName}`)
  out.push(`Mall: ${t.name} (${t.id})`)
  out.push('')
  out.push('Perspektiv')
  const titleWidth = Math.max(...report.perspectives.map((p) => p.title.length)) + 2
  const statusWidth = Math.max(...Object.values(STATUS_WORD).map((w) => w.length)) + 2
  for (const p of report.perspectives) {
    const ok = p.status === 'covered' || p.status === 'not-relevant'
    const found = p.heading === undefined ? 'ingen rubrik' : `rubrik ”${p.heading}”, ${p.words} ord`
    const problems = p.problems.length > 0 ? ` – ${p.problems.join(' ')}` : ''
    out.push(`  ${ok ? '✓' : '✗'} ${pad(p.title, titleWidth)}${pad(STATUS_WORD[p.status], statusWidth)}${found}${problems}`)
  }
  const sectionProblems = report.sections.filter((s) => s.problems.length > 0)
  out.push('')
  if (sectionProblems.length === 0) out.push('Övriga avsnitt: inga problem')
  else {
    out.push('Övriga avsnitt med problem')
    for (const s of sectionProblems) out.push(`  ✗ ${s.title}: ${s.problems.join(' ')}`)
  }
  out.push('')
  if (report.placeholders.length === 0) out.push('Kvarlämnad malltext: ingen')
  else {
    out.push('Kvarlämnad malltext')
    for (const p of report.placeholders) out.push(`  • ”${p}”`)
  }
  if (legacy.warnings.length > 0) {
    out.push('')
    out.push('Att observera')
    for (const w of legacy.warnings) out.push(`  • ${w}`)
  }
  out.push('')
  const done = report.perspectives.filter((p) => p.status === 'covered' || p.status === 'not-relevant').length
  const total = report.perspectives.length
  const left =
    report.placeholders.length > 0
      ? `; ta också bort ${report.placeholders.length} kvarlämnad${report.placeholders.length === 1 ? '' : 'e'} malltext${report.placeholders.length === 1 ? '' : 'er'}`
      : ''
  out.push(
    report.complete
      ? `Resultat: KOMPLETT – alla ${total} perspektiv är bedömda eller motiverat ej relevanta${left}.`
      : `Resultat: INTE KOMPLETT – ${done} av ${total} perspektiv är bedömda eller motiverat ej relevanta${left}.`,
  )
  return out.join('\n') + '\n'
}

/**
 * `perspektiv check <file> [--json] [--template id]`: exit 0 when every perspective is
 * covered or motivated not relevant, 1 when not, 2 when the file cannot be checked.
 * `--json` prints the CoverageReport's fields and, beside them, the importer's `warnings`.
 */
export async function check(args: string[]): Promise<number> {
  try {
    const options = parseArgs(args)
    const t = template(options.templateId)
    // `pnpm perspektiv` runs in the repository root; a relative path means the caller's directory.
    const bytes = await readInput(resolve(process.env.INIT_CWD ?? process.cwd(), options.file))
    const legacy = await importLegacy(basename(options.file), bytes, t)
    const report = checkCoverage(t, legacy.sections)
    if (options.json) {
      const valid = coverageReportSchema.safeParse(report)
      if (!valid.success) throw new CheckFailure(`internt fel: rapporten följer inte formatet (${valid.error.issues[0]?.message ?? ''}).`)
      // The importer's warnings go beside the report's fields, not into the CoverageReport.
      const output: CoverageReport & { warnings: string[] } = { ...valid.data, warnings: legacy.warnings }
      process.stdout.write(JSON.stringify(output, null, 2) + '\n')
    } else {
      process.stdout.write(formatReport(basename(options.file), t, report, legacy))
    }
    return report.complete ? 0 : 1
  } catch (err) {
    if (err instanceof CheckFailure || err instanceof LegacyImportError) {
      process.stderr.write(`perspektiv check: ${err.message}\n`)
      return 2
    }
    process.stderr.write(`perspektiv check: oväntat fel: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`)
    return 2
  }
}
