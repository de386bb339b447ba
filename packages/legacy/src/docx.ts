import mammoth from 'mammoth'
import { LegacyImportError } from './errors.js'
import type { SourceLine } from './lines.js'

/** The parts of mammoth's document tree we read (its typings leave the tree as `any`). */
interface DocxElement {
  type: string
  children?: DocxElement[]
  value?: string
  styleId?: string | null
  styleName?: string | null
  numbering?: unknown
}

const HEADING_STYLE = /^(?:heading|rubrik)\s*([1-9])$/i
const LIST_STYLE = /list|liststycke|punktlista|numrerad/i

function headingLevel(p: DocxElement): number | undefined {
  for (const name of [p.styleName, p.styleId]) {
    const m = name ? HEADING_STYLE.exec(name.trim()) : null
    if (m) return Number(m[1])
  }
  return undefined
}

function inlineText(el: DocxElement): string {
  switch (el.type) {
    case 'text':
      return el.value ?? ''
    case 'tab':
      return '\t'
    case 'break':
      return '\n'
    default:
      return (el.children ?? []).map(inlineText).join('')
  }
}

/**
 * Word paragraphs in document order (tables included), one line each followed by a blank
 * line; heading styles ("Heading 2", Swedish "Rubrik 2") give levels, numbering marks lists.
 */
export async function docxLines(fileName: string, bytes: Uint8Array): Promise<SourceLine[]> {
  const lines: SourceLine[] = []
  const walk = (el: DocxElement): void => {
    if (el.type === 'paragraph') {
      const level = headingLevel(el)
      const list = !level && (el.numbering != null || LIST_STYLE.test(el.styleName ?? ''))
      const text = (el.children ?? []).map(inlineText).join('')
      const parts = text.split('\n')
      parts.forEach((t, i) => lines.push(level && i === 0 ? { text: t, level } : list ? { text: t, list: true } : { text: t }))
      lines.push({ text: '' })
      return
    }
    for (const child of el.children ?? []) walk(child)
  }
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (doc: DocxElement) => {
          walk(doc)
          return doc
        },
      },
    )
  } catch (err) {
    throw new LegacyImportError(
      fileName,
      `${fileName}: filen kunde inte läsas som Word-dokument (.docx): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    )
  }
  return lines
}
