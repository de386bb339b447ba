import type { SectionedDocument, Template } from '@perspektiv/model'
import { docxLines } from './docx.js'
import { LegacyImportError } from './errors.js'
import { decodeText, markdownLines, textLines, type SourceLine } from './lines.js'
import { segment, type FoundHeading } from './segment.js'
import { asNumberedList, toBlocks, type Block } from './blocks.js'
import { readMeta, type ImportedMeta } from './registrar.js'
import { markWordChanges, withoutMarkers, type RecordedWordChange } from './trackedChanges.js'
import { paragraphMarkWarning, type ParagraphMarkChange } from './trackedParagraphs.js'

export { LegacyImportError } from './errors.js'
export type { FoundHeading } from './segment.js'
export type { Block } from './blocks.js'
export type { ImportedMeta } from './registrar.js'
export { takeWordChanges, unplacedWordChangeWarning, type RecordedWordChange, type WordChange } from './trackedChanges.js'

/** A legacy file read into sections, ready for `checkCoverage`. */
export interface LegacyDocument {
  sections: SectionedDocument
  /** Every heading found, in order, with the template keys it was read as. */
  headings: FoundHeading[]
  /** Swedish notes for the reader (several documents in one file, repeated perspectives …). */
  warnings: string[]
  format: LegacyFormat
  /** The header fields read off the document (SPEC L14); '' where nothing was found. */
  meta: ImportedMeta
  /** The structure of each entry of `sections.sections`, in the same order (SPEC L16). */
  blocks: Block[][]
  /** [L20] With `wordChanges`: Word's tracked changes, as markers in the text (`takeWordChanges`). */
  wordChanges?: RecordedWordChange[]
}

export type LegacyFormat = 'txt' | 'md' | 'docx'

export const SUPPORTED_EXTENSIONS: Record<string, LegacyFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.docx': 'docx',
}

export function legacyFormat(fileName: string): LegacyFormat | undefined {
  const m = /\.[^./\\]+$/.exec(fileName.toLowerCase())
  return m ? SUPPORTED_EXTENSIONS[m[0]] : undefined
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/**
 * Reads a tjänsteutlåtande written before Perspektiv (PDF-extracted text, Markdown, Word)
 * into the sections of `template`. Throws LegacyImportError (Swedish message) for
 * unsupported types and unreadable files.
 */
export async function importLegacy(fileName: string, bytes: Uint8Array, template: Template, options: { wordChanges?: boolean } = {}): Promise<LegacyDocument> {
  const format = legacyFormat(fileName)
  if (!format) {
    const ext = /\.[^./\\]+$/.exec(fileName)?.[0]
    throw new LegacyImportError(fileName, `${fileName}: filtypen ${ext ? `"${ext}" ` : ''}stöds inte. Använd .txt, .md eller .docx.`)
  }
  let lines: SourceLine[]
  let wordChanges: RecordedWordChange[] | undefined
  let marks: ParagraphMarkChange[] = []
  if (format === 'docx') {
    if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
      throw new LegacyImportError(fileName, `${fileName}: filen är inte ett Word-dokument (.docx).`)
    }
    if (options.wordChanges) {
      const marked = await markWordChanges(bytes).catch(() => ({ bytes, changes: [], marks: [] }))
      lines = await docxLines(fileName, marked.bytes)
      wordChanges = marked.changes
      marks = marked.marks
    } else lines = await docxLines(fileName, bytes)
  } else {
    const text = decodeText(fileName, bytes)
    lines = format === 'md' ? markdownLines(text) : textLines(text)
  }
  const { sections, headings, warnings, sectionLines, otherLines, noise } = segment(lines, template)
  if (lines.every((l) => l.text.trim() === '')) warnings.unshift('Filen innehåller ingen text.')
  const kinds = new Map(template.sections.map((s) => [s.key, s.kind]))
  const blocks = sections.sections.map((s, i) => {
    const b = toBlocks(sectionLines[i] ?? [])
    const kind = s.key ? kinds.get(s.key) : undefined
    return kind === 'decision' || kind === 'attachments' ? asNumberedList(b) : b
  })
  // The checker and the preview read the text as it was; only the content keeps the markers.
  if (wordChanges) for (const s of sections.sections) s.text = withoutMarkers(s.text)
  const first = headings.find((h) => h.form === 'heading')
  const read = readMeta(lines, noise, first ? first.line - 1 : -1, otherLines)
  // A change in the header is no suggestion (takeWordChanges warns of it): its field reads as it was.
  const meta: ImportedMeta = wordChanges ? JSON.parse(JSON.stringify(read), (_k, v: unknown) => (typeof v === 'string' ? withoutMarkers(v) : v)) : read
  // [L21] Never silently: each paragraph-mark change left out is named.
  warnings.push(...marks.map(paragraphMarkWarning))
  return { sections, headings, warnings, format, meta, blocks, ...(wordChanges && wordChanges.length > 0 ? { wordChanges } : {}) }
}
