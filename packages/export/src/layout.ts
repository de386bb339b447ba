import { forvaltningProfile, xmlSafeDeep, type DocumentStatus, type Signatory, type TemplateSection } from '@perspektiv/model'
import { mapPrivateUse, sectionAttrs, sectionNodes } from '@perspektiv/document'
import type { ExportInput } from './input.js'
import { blocksOf, blockText, type Block } from './blocks.js'
import { formatApprovalDate } from './dates.js'

export type { Block } from './blocks.js'

/** One labelled group of the page-1 header block ("Handläggare" + name + phone, …). */
export interface HeaderItem {
  label?: string
  lines: string[]
}

export interface LayoutSection {
  key: string
  kind: string
  /** Always rendered as a level-2 heading: perspectives are peers of the other sections. */
  heading: string
  blocks: Block[]
}

export interface ApprovalRecord {
  intro: string
  columns: [string, string]
  rows: Array<[string, string]>
}

/**
 * The neutral layout every renderer draws: the city's TU anatomy in reading order, with
 * only the user's text (no placeholders or guidance) and with data-driven parts resolved.
 */
export interface Layout {
  lang: 'sv-SE'
  /** Document title (also the file's title metadata). */
  title: string
  subtitle: string
  /** The template's display name, used as subject metadata. */
  subject: string
  dnr: string
  author: string
  status: DocumentStatus
  /** Set on anything not approved; every renderer shows it visibly. */
  draftLabel: string | null
  /** The running page header without the page numbers: "Tjänsteutlåtande · Dnr …". */
  runningHeader: string
  /** Page 1 only: the two-column header block (X-LAY-1). */
  headerBlock: HeaderItem[]
  /** Body sections before the closing sentence (decision, text and perspective sections). */
  sections: LayoutSection[]
  /**
   * The closing sentence (`avslutning`): printed without a heading right before the
   * signatures and kept on one page with them (X-LAY-5). Empty when the section is empty.
   */
  closing: Block[]
  signatures: Signatory[]
  /** Sections after the signatures (Bilagor). */
  attachments: LayoutSection[]
  approvals: ApprovalRecord | null
  generatedAt: Date
}

export const DOCUMENT_KIND = 'Tjänsteutlåtande'
export const NOT_RELEVANT_LEAD = 'Bedöms ej relevant.'
export const APPROVAL_INTRO = 'Detta dokument har godkänts digitalt av följande personer:'
/** Key of the closing-sentence section in templates/*.yaml (kind text, no heading in exports). */
export const CLOSING_KEY = 'avslutning'
const NOT_RELEVANT_ALREADY = /^\s*(bedöms\s+(ej|inte)\s+(vara\s+)?relevant|ej\s+relevant|inte\s+relevant)/i

/** "Sida 3 (4)" — the city's page numbering. */
export function pageLabel(page: number, pages: number): string {
  return `Sida ${page} (${pages})`
}

export function draftLabelFor(status: DocumentStatus): string | null {
  if (status === 'godkand') return null
  return status === 'granskning' ? 'UTKAST – under granskning' : 'UTKAST'
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** Template text that must never be exported: placeholder, help, guiding questions, hint. */
function guidanceOf(section: TemplateSection | undefined): Set<string> {
  if (!section) return new Set()
  const texts = [section.placeholder, section.help, section.motivationHint ?? '', ...(section.guidingQuestions ?? [])]
  return new Set(texts.map(normalize).filter((t) => t.length > 0))
}

/** Drops blocks (and list items) whose whole text is template guidance. */
function withoutGuidance(blocks: Block[], guidance: Set<string>): Block[] {
  if (guidance.size === 0) return blocks
  const out: Block[] = []
  for (const block of blocks) {
    if (block.type === 'list') {
      const items = block.items.map((item) => ({ blocks: withoutGuidance(item.blocks, guidance) })).filter((item) => item.blocks.length > 0)
      if (items.length > 0) out.push({ ...block, items })
    } else if (block.type === 'blockquote') {
      const inner = withoutGuidance(block.blocks, guidance)
      if (inner.length > 0) out.push({ ...block, blocks: inner })
    } else if (!guidance.has(normalize(blockText(block)))) {
      out.push(block)
    }
  }
  return out
}

/** Decision points and attachments are always one numbered list, whatever the user typed. */
function asNumberedList(blocks: Block[]): Block[] {
  const items: Array<{ blocks: Block[] }> = []
  for (const block of blocks) {
    if (block.type === 'list') items.push(...block.items)
    else items.push({ blocks: [block] })
  }
  return items.length > 0 ? [{ type: 'list', ordered: true, start: 1, items }] : []
}

function notRelevantBlocks(blocks: Block[]): Block[] {
  const [first, ...rest] = blocks
  if (first?.type === 'paragraph') {
    if (NOT_RELEVANT_ALREADY.test(blockText(first))) return blocks
    return [{ ...first, runs: [{ text: NOT_RELEVANT_LEAD, bold: true }, { text: ' ' }, ...first.runs] }, ...rest]
  }
  return [{ type: 'paragraph', runs: [{ text: NOT_RELEVANT_LEAD, bold: true }] }, ...blocks]
}

function joinNonEmpty(parts: string[], separator: string): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .join(separator)
}

function headerBlockOf(input: ExportInput): HeaderItem[] {
  const m = cleanMeta(input.meta)
  const items: HeaderItem[] = []
  const officer = [m.handlaggare.name, m.handlaggare.phone ? `Telefon: ${m.handlaggare.phone}` : ''].filter(Boolean)
  if (officer.length > 0) items.push({ label: 'Handläggare', lines: officer })
  const to = joinNonEmpty([m.namnd, m.meetingDate], ' ')
  if (to) items.push({ label: 'Till', lines: [to] })
  const org = [m.forvaltning, m.avdelning].filter(Boolean)
  if (org.length > 0) items.push({ lines: org })
  items.push({ label: DOCUMENT_KIND, lines: [m.dnr ? `Dnr ${m.dnr}` : '', m.date].filter(Boolean) })
  // The förvaltning's postal address, e-mail and web, from the organisation profile.
  const contact = forvaltningProfile(input.organisation, m.forvaltning)
  if (contact) items.push({ lines: [...contact.postalAddress, contact.email, contact.web] })
  return items
}

/** Meta text with Word's private-use symbols mapped (it is typed or pasted by users too). */
function cleanMeta(meta: ExportInput['meta']): ExportInput['meta'] {
  const c = (t: string) => mapPrivateUse(t)
  return {
    ...meta,
    title: c(meta.title),
    subtitle: c(meta.subtitle),
    namnd: c(meta.namnd),
    forvaltning: c(meta.forvaltning),
    avdelning: c(meta.avdelning),
    handlaggare: { name: c(meta.handlaggare.name), phone: c(meta.handlaggare.phone) },
    signatories: meta.signatories.map((s) => ({ name: c(s.name), title: c(s.title), forvaltning: c(s.forvaltning) })),
  }
}

/**
 * Builds the layout of a tjänsteutlåtande (pure). Decisions taken here, the same for all formats:
 * - empty paragraphs and template guidance (placeholder, help, guiding questions) never appear;
 * - an empty optional section is left out; an empty required section keeps its heading with
 *   no body, so a reader sees what is missing rather than invented filler text;
 * - a perspective marked not relevant prints its motivation led by "Bedöms ej relevant.";
 * - signatures follow the body and precede Bilagor; the approval record comes last.
 */
export function layoutDocument(untrusted: ExportInput): Layout {
  // All text enters every format here; what clients typed into the Y.Doc may hold characters
  // XML 1.0 cannot carry, which would make the DOCX unopenable (model M2).
  const input = xmlSafeDeep(untrusted)
  const templateSections = new Map(input.template.sections.map((s) => [s.key, s]))
  const sections: LayoutSection[] = []
  const attachments: LayoutSection[] = []
  let closing: Block[] = []
  for (const node of sectionNodes(input.content)) {
    const attrs = sectionAttrs(node)
    const def = templateSections.get(attrs.key)
    const kind = def?.kind ?? attrs.kind
    let blocks = withoutGuidance(blocksOf(node.content ?? []), guidanceOf(def))
    if (kind === 'decision' || kind === 'attachments') blocks = asNumberedList(blocks)
    if (kind === 'perspective' && attrs.notRelevant) blocks = notRelevantBlocks(blocks)
    if (attrs.key === CLOSING_KEY) {
      closing = blocks
      continue
    }
    const required = def?.required ?? false
    if (blocks.length === 0 && !required) continue
    const section: LayoutSection = { key: attrs.key, kind, heading: def?.title ?? (attrs.title || attrs.key), blocks }
    if (kind === 'attachments') attachments.push(section)
    else sections.push(section)
  }

  const m = cleanMeta(input.meta)
  const approvals: ApprovalRecord | null =
    input.approvals.length === 0
      ? null
      : {
          intro: APPROVAL_INTRO,
          columns: ['Namn', 'Datum'],
          rows: input.approvals.map((a) => [joinNonEmpty([a.name, a.title], ', '), formatApprovalDate(a.approvedAt)]),
        }

  return {
    lang: 'sv-SE',
    title: m.title.trim() || 'Namnlöst tjänsteutlåtande',
    subtitle: m.subtitle.trim(),
    subject: input.template.name,
    dnr: m.dnr.trim(),
    author: m.handlaggare.name.trim(),
    status: input.status,
    draftLabel: draftLabelFor(input.status),
    runningHeader: joinNonEmpty([DOCUMENT_KIND, m.dnr ? `Dnr ${m.dnr}` : ''], ' · '),
    headerBlock: headerBlockOf(input),
    sections,
    closing,
    signatures: m.signatories.filter((s) => s.name.trim().length > 0),
    attachments,
    approvals,
    generatedAt: input.generatedAt ?? new Date(),
  }
}
