import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { checkDnr, type SectionedDocument, type Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { initialDocument, sectionAttrs, sectionNodes, type PMNode } from '@perspektiv/document'
import { checkCoverage } from '@perspektiv/coverage'
import { findDeadline, importLegacy, LegacyImportError } from '@perspektiv/legacy'
import { createDocument, dataDirFromEnv, openDatabase, SqliteDocumentStore, UserStore } from '@perspektiv/server'

const USAGE = 'import <fil.txt|.md|.docx> --author <användarnamn> [--title "…"] [--template remissvar|beslut]'

const paragraphs = (text: string): PMNode[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] }))

/**
 * The legacy sections poured into the template's skeleton: each template section gets the
 * text found under its heading; a perspective the checker reads as motivated "not relevant"
 * gets the editor's flag, so the document means the same after import.
 */
export function legacyContent(template: Template, legacy: SectionedDocument): PMNode {
  const report = checkCoverage(template, legacy)
  const notRelevant = new Set(report.perspectives.filter((p) => p.status === 'not-relevant').map((p) => p.key))
  const doc = initialDocument(template)
  for (const node of sectionNodes(doc)) {
    const key = sectionAttrs(node).key
    const text = legacy.sections
      .filter((s) => s.key === key)
      .map((s) => s.text)
      .join('\n\n')
    const body = paragraphs(text)
    if (body.length > 0) node.content = body
    if (notRelevant.has(key)) node.attrs = { ...node.attrs, notRelevant: true }
  }
  return doc
}

function findDnr(text: string): string {
  const m = /Dnr:?\s+([A-ZÅÄÖ]{1,6} \d{4}\/\d{1,8}|\d{1,4}-\d{1,6}\/\d{4})/.exec(text)
  return m && checkDnr(m[1]!).ok ? m[1]! : ''
}

/** `perspektiv import`: a legacy TU becomes a Perspektiv document in DATA_DIR; prints its id. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { author: { type: 'string' }, title: { type: 'string' }, template: { type: 'string', default: 'remissvar' } },
  })
  if (positionals.length !== 1 || !values.author) {
    process.stderr.write(`Ange filen och --author (den som blir dokumentets författare).\nAnvändning: perspektiv ${USAGE}\n`)
    return 2
  }
  const file = positionals[0]!
  const template = loadTemplates().get(values.template!)
  if (!template) {
    process.stderr.write(`Okänd mall "${values.template}". Välj remissvar eller beslut.\n`)
    return 2
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    process.stderr.write(`Filen ${file} kan inte läsas.\n`)
    return 2
  }
  let legacy
  try {
    legacy = await importLegacy(basename(file), bytes, template)
  } catch (err) {
    if (err instanceof LegacyImportError) {
      process.stderr.write(`${err.message}\n`)
      return 2
    }
    throw err
  }
  const db = openDatabase(dataDirFromEnv())
  try {
    const author = new UserStore(db).byUsername(values.author)
    if (!author) {
      process.stderr.write(`Det finns ingen användare "${values.author}". Lägg till den med: perspektiv users add ${values.author} --name "…"\n`)
      return 1
    }
    const title = values.title?.trim() || basename(file).replace(/\.[^.]+$/, '')
    const allText = [legacy.sections.otherText ?? '', ...legacy.sections.sections.map((x) => x.text)].join('\n')
    const record = createDocument(new SqliteDocumentStore(db), template, {
      title,
      meta: { dnr: findDnr(allText), deadline: findDeadline(allText) },
      content: legacyContent(template, legacy.sections),
      createdBy: author.id,
    })
    for (const w of legacy.warnings) process.stderr.write(`Obs: ${w}\n`)
    process.stdout.write(`${record.id}\n`)
    return 0
  } finally {
    db.close()
  }
}
