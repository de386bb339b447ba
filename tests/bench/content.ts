import * as Y from 'yjs'
import type { Template } from '@perspektiv/model'
import type { PMNode } from '@perspektiv/document'
import { seededRandom } from '../seededRandom.js'

/**
 * Deterministic, Swedish-looking content for the benchmarks: a TU of N pages as
 * ProseMirror JSON (S5/S6), and an editing trace that builds one in a Y.Doc keystroke by
 * keystroke (S3/S4), so the document carries a realistic history (tombstones, many items,
 * several editing sessions).
 */

/** About one A4 page of running text. */
export const CHARS_PER_PAGE = 3300

const WORDS = (
  'förvaltningen nämnden stadsdelsnämnden remissen kommunstyrelsen föreslår bedömer att ' +
  'verksamheten invånare barn unga äldre kvinnor män flickor pojkar tillgänglighet ' +
  'jämställdhet klimat miljö resurser insatser uppföljning samverkan föreningar stadens ' +
  'program mål budget beslut underlag analys konsekvenser personer med funktionsnedsättning ' +
  'behov service lokaler och i på för som av till med det är en ett de inte ska kan även ' +
  'under året arbetet vidare stöd rätt möjlighet delaktighet trygghet boende skola förskola ' +
  'socialtjänsten hemtjänsten pensionärsrådet rådet funktionshinderfrågor synpunkter ' +
  'förslaget ställer sig positiv till inriktningen samtidigt behövs tydligare ansvar ' +
  'ekonomiska ramar genomförande redovisas statistik uppdelad kön ålder stadsdelen'
).split(/\s+/)

/** Seeded, so runs and servers get the same trace. */
export const rng = seededRandom

export function sentence(rand: () => number): string {
  const n = 6 + Math.floor(rand() * 14)
  const words: string[] = []
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)]!)
  const s = words.join(' ')
  return s.charAt(0).toUpperCase() + s.slice(1) + '. '
}

function paragraphText(rand: () => number, chars: number): string {
  let s = ''
  while (s.length < chars) s += sentence(rand)
  return s.trim()
}

/** A complete TU of about `pages` pages as ProseMirror JSON for `template`. */
export function tuJson(template: Template, pages: number, seed = 1): PMNode {
  const rand = rng(seed)
  const total = pages * CHARS_PER_PAGE
  // Perspectives and short sections get a share; the body sections carry most of the text.
  const weight = (kind: string) => (kind === 'text' ? 6 : kind === 'perspective' ? 1.5 : 0.3)
  const sum = template.sections.reduce((n, s) => n + weight(s.kind), 0)
  const para = (text: string): PMNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })
  return {
    type: 'doc',
    content: template.sections.map((s) => {
      const chars = Math.max(200, Math.round((total * weight(s.kind)) / sum))
      let body: PMNode[]
      if (s.kind === 'decision' || s.kind === 'attachments') {
        const items: PMNode[] = []
        for (let n = 0; n < Math.max(1, Math.round(chars / 200)); n++) items.push({ type: 'listItem', content: [para(paragraphText(rand, 150))] })
        body = [{ type: 'orderedList', attrs: { start: 1 }, content: items }]
      } else {
        body = []
        for (let left = chars; left > 0; left -= 700) body.push(para(paragraphText(rand, Math.min(700, left))))
      }
      return { type: 'section', attrs: { key: s.key, kind: s.kind, title: s.title, notRelevant: false }, content: body }
    }),
  }
}

/** The top-level `section` elements of the content fragment. */
export function sections(doc: Y.Doc): Y.XmlElement[] {
  return doc
    .getXmlFragment('default')
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'section')
}

/** Appends an empty paragraph to section `index` and returns its text (one transaction). */
export function appendParagraph(doc: Y.Doc, index: number, origin: unknown): Y.XmlText {
  const all = sections(doc)
  const section = all[index % all.length]
  if (!section) throw new Error('the document has no sections (was it seeded?)')
  const text = new Y.XmlText()
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [text])
    section.push([p])
  }, origin)
  return text
}

export interface TraceResult {
  ops: number
  chars: number
  transactions: number
}

/**
 * Types about `pages` pages into the document's sections, the way people write: short
 * keystroke bursts, typo fixes, new paragraphs, going back to revise earlier text, bold
 * words, and new editing sessions (new Yjs client ids). `batchOps` ops share one
 * transaction (= one update on the wire).
 */
export function writeHistory(doc: Y.Doc, opts: { pages: number; seed: number; batchOps: number; origin: unknown; onBatch?: () => void }): TraceResult {
  const rand = rng(opts.seed)
  const target = opts.pages * CHARS_PER_PAGE
  const all = sections(doc)
  const writable = all.filter((s) => s.getAttribute('kind') !== 'decision' && s.getAttribute('kind') !== 'attachments')
  if (writable.length === 0) throw new Error('no text sections to write into')
  const paragraphs: Y.XmlText[] = []
  const newParagraph = (section: Y.XmlElement): Y.XmlText => {
    const t = new Y.XmlText()
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [t])
    section.push([p])
    paragraphs.push(t)
    return t
  }
  let stream = ''
  const nextChars = (n: number): string => {
    while (stream.length < n) stream += sentence(rand)
    const s = stream.slice(0, n)
    stream = stream.slice(n)
    return s
  }
  let sectionIndex = 0
  const perSection = target / writable.length
  let cur = { text: null as Y.XmlText | null, pos: 0 }
  let chars = 0
  let ops = 0
  let transactions = 0
  let sectionChars = 0
  let newSession = false
  while (chars < target) {
    doc.transact(() => {
      for (let b = 0; b < opts.batchOps && chars < target; b++, ops++) {
        if (!cur.text || (cur.text.length > 600 + rand() * 600 && cur.pos === cur.text.length)) {
          if (sectionChars > perSection && sectionIndex < writable.length - 1) {
            sectionIndex++
            sectionChars = 0
          }
          cur = { text: newParagraph(writable[sectionIndex]!), pos: 0 }
          continue
        }
        const r = rand()
        const text = cur.text
        if (r < 0.8) {
          const s = nextChars(1 + Math.floor(rand() * 3))
          text.insert(cur.pos, s)
          cur.pos += s.length
          chars += s.length
          sectionChars += s.length
        } else if (r < 0.9 && cur.pos > 3) {
          const n = Math.min(cur.pos, 1 + Math.floor(rand() * 3))
          text.delete(cur.pos - n, n)
          cur.pos -= n
          chars -= n
          sectionChars -= n
        } else if (r < 0.93 && paragraphs.length > 1) {
          // Go back and revise an earlier paragraph, then return to the end.
          const t = paragraphs[Math.floor(rand() * paragraphs.length)]!
          cur = { text: t, pos: Math.floor(rand() * (t.length + 1)) }
        } else if (r < 0.95) {
          const last = paragraphs[paragraphs.length - 1]!
          cur = { text: last, pos: last.length }
        } else if (r < 0.96 && text.length > 20) {
          const at = Math.floor(rand() * (text.length - 10))
          text.format(at, 4 + Math.floor(rand() * 6), { bold: {} })
        } else if (r < 0.961) {
          newSession = true
        } else {
          const s = nextChars(1)
          text.insert(cur.pos, s)
          cur.pos += 1
          chars += 1
          sectionChars += 1
        }
      }
    }, opts.origin)
    if (newSession) {
      // A new editing session (another person or another day): a new Yjs client id.
      doc.clientID = Math.floor(rand() * 2 ** 31)
      newSession = false
    }
    transactions++
    opts.onBatch?.()
  }
  return { ops, chars, transactions }
}

/** Total characters of text in the content fragment (a cheap "same document?" check). */
export function textLength(doc: Y.Doc): number {
  let n = 0
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (node instanceof Y.XmlText) {
      n += node.length
      return
    }
    for (const c of node.toArray()) if (c instanceof Y.XmlElement || c instanceof Y.XmlText) walk(c)
  }
  walk(doc.getXmlFragment('default'))
  return n
}
