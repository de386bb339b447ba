import type { SectionedDocument, Template } from '@perspektiv/model'
import { docxLines } from './docx.js'
import { LegacyImportError } from './errors.js'
import { decodeText, markdownLines, textLines, type SourceLine } from './lines.js'
import { segment, type FoundHeading } from './segment.js'

export { LegacyImportError } from './errors.js'
export { findDeadline } from './deadline.js'
export type { FoundHeading } from './segment.js'

/** A legacy file read into sections, ready for `checkCoverage`. */
export interface LegacyDocument {
  sections: SectionedDocument
  /** Every heading found, in order, with the template keys it was read as. */
  headings: FoundHeading[]
  /** Swedish notes for the reader (several documents in one file, repeated perspectives …). */
  warnings: string[]
  format: LegacyFormat
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
export async function importLegacy(fileName: string, bytes: Uint8Array, template: Template): Promise<LegacyDocument> {
  const format = legacyFormat(fileName)
  if (!format) {
    const ext = /\.[^./\\]+$/.exec(fileName)?.[0]
    throw new LegacyImportError(
      fileName,
      `${fileName}: filtypen ${ext ? `"${ext}" ` : ''}stöds inte. Använd .txt, .md eller .docx.`,
    )
  }
  let lines: SourceLine[]
  if (format === 'docx') {
    if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
      throw new LegacyImportError(fileName, `${fileName}: filen är inte ett Word-dokument (.docx).`)
    }
    lines = await docxLines(fileName, bytes)
  } else {
    const text = decodeText(fileName, bytes)
    lines = format === 'md' ? markdownLines(text) : textLines(text)
  }
  const result = segment(lines, template)
  if (lines.every((l) => l.text.trim() === '')) result.warnings.unshift('Filen innehåller ingen text.')
  return { ...result, format }
}
