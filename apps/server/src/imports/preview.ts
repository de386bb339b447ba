import { documentMetaSchema, type DocumentMetaInput, type ImportedField, type ImportPreview, type Template } from '@perspektiv/model'
import { checkCoverage } from '@perspektiv/coverage'
import type { PMNode } from '@perspektiv/document'
import { takeWordChanges, unplacedWordChangeWarning, type LegacyDocument, type WordChange } from '@perspektiv/legacy'
import { legacyContent } from './content.js'

/** The header form's labels (apps/web MetaForm), for the preview. */
const LABELS: Record<string, string> = {
  title: 'Titel',
  subtitle: 'Underrubrik',
  dnr: 'Diarienummer',
  namnd: 'Nämnd',
  meetingDate: 'Sammanträdesdatum',
  deadline: 'Svar senast',
  forvaltning: 'Förvaltning',
  avdelning: 'Avdelning',
  'handlaggare.name': 'Handläggare',
  'handlaggare.phone': 'Telefon',
  date: 'Datum',
  signatories: 'Underskrifter',
}

export interface ImportPlan {
  title: string
  meta: DocumentMetaInput
  content: PMNode
  preview: ImportPreview
  /** [L20] Word's tracked changes, where they apply in `content` (which holds the text as it was). */
  wordChanges: WordChange[]
}

/**
 * [SRV-IMP2] What an import would create: the header fields that pass the document's own
 * checks (a field that does not — a Dnr of an impossible year — is dropped with a warning,
 * never stored), the content, and the preview that shows it before anything is created.
 */
export function planImport(fileName: string, template: Template, legacy: LegacyDocument): ImportPlan {
  const warnings = [...legacy.warnings]
  const m = legacy.meta
  const fallback = fileName.replace(/\.[^.]+$/, '')
  const title = m.title || fallback
  if (!m.title) warnings.push('Ingen titel hittades i filen; filnamnet används som titel.')
  const candidate: Record<string, unknown> = {
    subtitle: m.subtitle,
    dnr: m.dnr,
    namnd: m.namnd,
    meetingDate: m.meetingDate,
    deadline: m.deadline,
    forvaltning: m.forvaltning,
    avdelning: m.avdelning,
    handlaggare: m.handlaggare,
    date: m.date,
    signatories: m.signatories.slice(0, 10),
  }
  const meta: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(candidate)) {
    const one = documentMetaSchema.pick({ [key]: true } as never).safeParse({ [key]: value })
    if (one.success) meta[key] = (one.data as Record<string, unknown>)[key]
    else warnings.push(`${LABELS[key] ?? key}: ”${JSON.stringify(value)}” kunde inte användas (${one.error.issues[0]?.message ?? 'ogiltigt'}).`)
  }
  const parsed = documentMetaSchema.parse({ ...meta, title })
  const { content, changes: wordChanges, unplaced } = takeWordChanges(legacyContent(template, legacy), legacy.wordChanges ?? [])
  warnings.push(...unplaced.map(unplacedWordChangeWarning))

  const fields: ImportedField[] = []
  const missingFields: string[] = []
  const add = (field: string, value: string) => {
    if (value) fields.push({ field, label: LABELS[field] ?? field, value })
    else missingFields.push(LABELS[field] ?? field)
  }
  add('title', m.title)
  for (const key of ['subtitle', 'dnr', 'namnd', 'meetingDate', 'deadline', 'forvaltning', 'avdelning'] as const) add(key, parsed[key])
  add('handlaggare.name', parsed.handlaggare.name)
  add('handlaggare.phone', parsed.handlaggare.phone)
  add('date', parsed.date)
  for (const [i, s] of parsed.signatories.entries()) {
    fields.push({ field: `signatories[${i}]`, label: `${LABELS.signatories} ${i + 1}`, value: [s.name, s.title, s.forvaltning].filter(Boolean).join(', ') })
  }
  if (parsed.signatories.length === 0) missingFields.push(LABELS.signatories!)

  const sections = template.sections.map((s) => {
    const found = legacy.sections.sections.map((x, i) => ({ x, i })).filter(({ x }) => x.key === s.key)
    const blocks = found.flatMap(({ i }) => legacy.blocks[i] ?? [])
    const text = found
      .map(({ x }) => x.text)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
    return {
      key: s.key,
      title: s.title,
      headings: [...new Set(found.map(({ x }) => (x.heading === s.title && s.key === 'avslutning' ? '' : x.heading)))],
      words: text ? text.split(' ').length : 0,
      paragraphs: blocks.filter((b) => b.type === 'paragraph').length,
      lists: blocks.filter((b) => b.type === 'list').length,
      tables: blocks.filter((b) => b.type === 'table').length,
      excerpt: text.split(' ').slice(0, 25).join(' '),
    }
  })
  const leftOver = legacy.sections.sections.filter((s) => s.key === null && s.text.trim() !== '').map((s) => ({ heading: s.heading, text: s.text }))
  const input: DocumentMetaInput = { ...parsed }
  delete input.title
  return {
    title,
    meta: input,
    content,
    wordChanges,
    preview: {
      fileName,
      format: legacy.format,
      templateId: template.id,
      title,
      fields,
      missingFields,
      sections,
      leftOver,
      otherText: legacy.sections.otherText ?? '',
      // The file as read: a perspective without a heading in it is `missing` (coverage C-rules on legacy files).
      coverage: checkCoverage(template, legacy.sections, parsed),
      warnings,
    },
  }
}
