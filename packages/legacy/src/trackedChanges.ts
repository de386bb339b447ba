import JSZip from 'jszip'
import type { PMNode } from '@perspektiv/document'
import { readParagraphMarks, type ParagraphMarkChange } from './trackedParagraphs.js'

/**
 * [L20] Word's tracked changes (`w:ins`/`w:del`) read as proposals, not as text: before the
 * file is read, each change becomes a marker in the running text (a deletion keeps its words
 * between two markers, an insertion leaves one marker where its words would go), so the
 * words reach the content exactly where Word had them; `takeWordChanges` then takes the
 * markers out again and says where each change applies, in ProseMirror positions.
 */
export interface WordChange {
  /** Replaced range (equal for an insertion), ProseMirror positions in the content. */
  from: number
  to: number
  /** The new text ('' for a deletion). */
  text: string
  /** The Word author, as Word named them, and when (ISO 8601, '' when Word gave none). */
  author: string
  date: string
}

/** What one marker stands for (kept beside the read file until `takeWordChanges`). */
export interface RecordedWordChange {
  kind: 'ins' | 'del'
  text: string
  /** The words a deletion removes ('' for an insertion), for the note when it cannot be placed. */
  old: string
  author: string
  date: string
}

const OPEN = '\u27e6'
const CLOSE = '\u27e7'
const MARKER = /\u27e6(d\d+|\/d|i\d+)\u27e7/g
const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]!)
const attr = (attrs: string, name: string) => unescapeXml(new RegExp(`w:${name}="([^"]*)"`).exec(attrs)?.[1] ?? '')
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`
const runTexts = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<w:${tag}(?:\\s[^>]*)?>([^<]*)</w:${tag}>`, 'g'))].map((m) => unescapeXml(m[1]!)).join('')

/** Text with the markers taken out (what the checker and the preview read: the text as it was). */
export const withoutMarkers = (text: string) => text.replace(MARKER, '')

/**
 * The file with its tracked changes turned into markers, what each marker stands for, and the
 * paragraph-mark changes that cannot be suggestions (L21: the text is read as it was).
 */
export async function markWordChanges(bytes: Uint8Array): Promise<{ bytes: Uint8Array; changes: RecordedWordChange[]; marks: ParagraphMarkChange[] }> {
  const zip = await JSZip.loadAsync(bytes)
  const part = zip.file('word/document.xml')
  if (!part) return { bytes, changes: [], marks: [] }
  // Marks first: their revisions are empty elements, which the run patterns below must never see.
  const { xml, marks } = readParagraphMarks(await part.async('string'), attr, unescapeXml)
  const changes: RecordedWordChange[] = []
  // Runs Word inserted: one marker where they stand, their words kept aside.
  let marked = xml.replace(/<w:ins\b((?:[^>]*[^/>])?)>(.*?)<\/w:ins>/gs, (_m, attrs: string, inner: string) => {
    changes.push({ kind: 'ins', text: runTexts(inner, 't'), old: '', author: attr(attrs, 'author'), date: attr(attrs, 'date') })
    return run(`${OPEN}i${changes.length - 1}${CLOSE}`)
  })
  // Runs Word deleted: kept as text (the text as it was), between two markers.
  marked = marked.replace(/<w:del\b((?:[^>]*[^/>])?)>(.*?)<\/w:del>/gs, (_m, attrs: string, inner: string) => {
    changes.push({ kind: 'del', text: '', old: runTexts(inner, 'delText'), author: attr(attrs, 'author'), date: attr(attrs, 'date') })
    const kept = inner.replace(/<w:delText\b/g, '<w:t').replace(/<\/w:delText>/g, '</w:t>')
    return `${run(`${OPEN}d${changes.length - 1}${CLOSE}`)}${kept}${run(`${OPEN}/d${CLOSE}`)}`
  })
  if (changes.length === 0 && marks.length === 0) return { bytes, changes, marks }
  zip.file('word/document.xml', marked)
  return { bytes: await zip.generateAsync({ type: 'uint8array' }), changes, marks }
}

/** [L21] The Swedish note for a change that did not become a suggestion (outside the sections' text). */
export function unplacedWordChangeWarning(r: RecordedWordChange): string {
  const what = r.kind === 'ins' ? `infogade ”${r.text}”` : `raderade ”${r.old}”`
  return `Word-ändring av ${r.author.trim() || 'okänd'} (${what}) blev inget ändringsförslag: den står utanför avsnittens text (t.ex. i sidhuvudet) och är inte importerad.`
}

/**
 * [L20] Takes the markers out of the content and answers the changes where they apply. A
 * deletion directly followed by an insertion by the same author is one replacement, as Word
 * shows it. [L21] A change whose markers did not reach the content within one paragraph (the
 * header block, signatures) is answered in `unplaced`, never dropped silently.
 */
export function takeWordChanges(doc: PMNode, recorded: RecordedWordChange[]): { content: PMNode; changes: WordChange[]; unplaced: RecordedWordChange[] } {
  const changes: WordChange[] = []
  const placed = new Set<number>()
  let open: { index: number; from: number } | undefined
  const marker = (tag: string, here: number) => {
    if (tag.startsWith('d')) open = { index: Number(tag.slice(1)), from: here }
    else if (tag === '/d') {
      const r = open ? recorded[open.index] : undefined
      if (open && r) {
        changes.push({ from: open.from, to: here, text: '', author: r.author, date: r.date })
        placed.add(open.index)
      }
      open = undefined
    } else {
      const r = recorded[Number(tag.slice(1))]
      if (!r?.text) return
      placed.add(Number(tag.slice(1)))
      const prev = changes.at(-1)
      if (prev && prev.to === here && prev.text === '' && prev.author === r.author) prev.text = r.text
      else changes.push({ from: here, to: here, text: r.text, author: r.author, date: r.date })
    }
  }
  /** The node without markers and its size; `start` is where it begins. */
  const visit = (node: PMNode, start: number): [PMNode, number] => {
    if (node.type === 'text') {
      const text = node.text ?? ''
      let out = ''
      let last = 0
      for (const m of text.matchAll(MARKER)) {
        out += text.slice(last, m.index)
        last = m.index + m[0].length
        marker(m[1]!, start + out.length)
      }
      out += text.slice(last)
      return [{ ...node, text: out }, out.length]
    }
    if (node.content === undefined) return [node, node.type === 'hardBreak' ? 1 : 2]
    const [content, size] = children(node.content, start + 1)
    // Markers never cross a paragraph: a deletion still open at its end is dropped.
    if (node.type === 'paragraph' || node.type === 'heading') open = undefined
    return [{ ...node, content }, size + 2]
  }
  const children = (nodes: PMNode[], start: number): [PMNode[], number] => {
    let at = start
    const out: PMNode[] = []
    for (const child of nodes) {
      const [next, size] = visit(child, at)
      at += size
      if (next.type !== 'text' || next.text !== '') out.push(next)
    }
    return [out, at - start]
  }
  const [content] = children(doc.content ?? [], 0)
  const unplaced = recorded.filter((r, i) => !placed.has(i) && (r.kind === 'del' ? r.old !== '' : r.text !== ''))
  return { content: { ...doc, content }, changes, unplaced }
}
