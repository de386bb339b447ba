import { LegacyImportError } from './errors.js'
import { normalizeSymbols } from './symbols.js'

/** One line of the source, with what the format itself says about it. */
export interface SourceLine {
  text: string
  /** Heading level given by the format (Markdown `#`, Word heading styles). */
  level?: number
  /** A list item (Markdown `-`/`1.`, Word numbering): never a heading. */
  list?: boolean
  /** A numbered list item (Word numbering that counts). */
  ordered?: boolean
  /** A table row from Word: its cells' text (the line's text is the cells joined by tabs). */
  cells?: string[]
  /** A table row Word marks as the header row. */
  header?: boolean
  /** The format delimits paragraphs itself (Word): lines are never joined by guessing. */
  paragraph?: boolean
  /** The lines of one Word layout table (header block, signatures) share this number. */
  layout?: number
}

/**
 * Bytes of a text file to a string: UTF-8 (with or without BOM), UTF-16 with BOM, and
 * Windows-1252 (older Word "Save as text") when the bytes are not valid UTF-8.
 */
export function decodeText(fileName: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const sample = bytes.subarray(0, 4096)
  // NUL bytes do not occur in text: this is a binary file with the wrong extension.
  if (sample.includes(0)) throw new LegacyImportError(fileName, `${fileName}: filen är inte en textfil (den innehåller binära data).`)
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

export function textLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n|\f/).map((t) => ({ text: normalizeSymbols(t.replace(/\u00ad/g, '')) }))
}

const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/
const MD_LIST = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/
const MD_SETEXT = /^\s*(=+|-+)\s*$/

/** Markdown: `#` headings and setext underlines carry levels; list markers mark list items. */
export function markdownLines(text: string): SourceLine[] {
  const raw = textLines(text)
  const out: SourceLine[] = []
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.text
    const next = raw[i + 1]?.text ?? ''
    const h = MD_HEADING.exec(t)
    if (h) {
      out.push({ text: h[2] ?? '', level: (h[1] ?? '#').length })
      continue
    }
    if (t.trim() && !MD_LIST.test(t) && MD_SETEXT.test(next) && next.trim().length >= 2) {
      out.push({ text: t, level: next.trim().startsWith('=') ? 1 : 2 })
      i++
      continue
    }
    if (MD_LIST.test(t)) out.push({ text: t, list: true, ordered: /^\s*\d/.test(t) })
    else out.push({ text: t })
  }
  return out
}
