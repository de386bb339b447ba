import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initProseMirrorDoc } from '@tiptap/y-tiptap'
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta } from '@perspektiv/model'
import { createDocumentYDoc, initialDocument, perspektivSchema, sectionAttrs, sectionNodes, CONTENT_FRAGMENT } from '@perspektiv/document'
import {
  addReply,
  createAnchor,
  createThread,
  isVerdictOutdated,
  listThreads,
  readVerdicts,
  resolveAnchor,
  sectionFingerprint,
  setResolved,
  setVerdict,
  THREADS_MAP,
} from './index.js'

const template = loadTemplates().get('remissvar')!
const SENTENCE = 'Förslaget berör barn i förskoleåldern.'
const anna = { username: 'anna', name: 'Anna Andersson' }
const rita = { username: 'rita', name: 'Rita Granskare' }

/** A content doc whose barnrätt section holds SENTENCE; returns the Y.XmlText holding it. */
function contentWithSentence(): { ydoc: Y.Doc; text: Y.XmlText } {
  const doc = initialDocument(template)
  const barn = sectionNodes(doc).find((s) => sectionAttrs(s).key === 'barnratt')!
  barn.content = [{ type: 'paragraph', content: [{ type: 'text', text: SENTENCE }] }]
  const ydoc = createDocumentYDoc(template, emptyMeta('T'), doc)
  const section = ydoc.getXmlFragment(CONTENT_FRAGMENT).toArray()[7] as Y.XmlElement
  const paragraph = section.toArray()[0] as Y.XmlElement
  return { ydoc, text: paragraph.toArray()[0] as Y.XmlText }
}

/** The editor's view of the Y.Doc right now (as the binding would rebuild it after a change). */
function view(ydoc: Y.Doc) {
  const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT)
  const { doc, meta } = initProseMirrorDoc(fragment, perspektivSchema())
  return { fragment, doc, mapping: meta.mapping }
}

function anchorOn(ydoc: Y.Doc, word: string) {
  const { fragment, doc, mapping } = view(ydoc)
  let from = -1
  doc.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text!.includes(word)) from = pos + node.text!.indexOf(word)
  })
  return createAnchor(fragment, mapping, { from, to: from + word.length }, word, 'barnratt')
}

function textAt(ydoc: Y.Doc, anchor: ReturnType<typeof anchorOn>): string | null {
  const { fragment, doc, mapping } = view(ydoc)
  const r = resolveAnchor(ydoc, fragment, mapping, anchor)
  return r.orphaned ? null : doc.textBetween(r.from, r.to)
}

describe('comment anchors', () => {
  it('[R1][R2] an anchor follows its words through edits before, inside and after it', () => {
    const { ydoc, text } = contentWithSentence()
    const anchor = anchorOn(ydoc, 'barn i förskoleåldern')
    expect(textAt(ydoc, anchor)).toBe('barn i förskoleåldern')

    // A second author edits concurrently: their updates arrive through Yjs.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc))
    const otherText = ((other.getXmlFragment(CONTENT_FRAGMENT).toArray()[7] as Y.XmlElement).toArray()[0] as Y.XmlElement).toArray()[0] as Y.XmlText
    otherText.insert(0, 'Enligt förvaltningen: ')
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(other))
    text.insert(text.length - 1, ' och deras föräldrar')
    expect(textAt(ydoc, anchor)).toBe('barn i förskoleåldern')

    // Typing exactly at its edges stays outside: right before it, and at the paragraph's start.
    text.insert(text.toString().indexOf('barn i'), 'små ')
    expect(textAt(ydoc, anchor)).toBe('barn i förskoleåldern')
    const whole = anchorOn(ydoc, text.toString())
    text.insert(0, 'Inledning. ')
    text.insert(text.length, ' Slut.')
    expect(textAt(ydoc, whole)).toBe(text.toString().slice('Inledning. '.length, -' Slut.'.length))

    const inside = text.toString().indexOf('förskoleåldern')
    text.insert(inside, 'hela ')
    expect(textAt(ydoc, anchor)).toBe('barn i hela förskoleåldern')
  })

  it('[R3] an anchor whose text is deleted is orphaned, and the thread keeps its quote', () => {
    const { ydoc, text } = contentWithSentence()
    const review = new Y.Doc()
    const anchor = anchorOn(ydoc, 'förskoleåldern')
    createThread(review, { id: 't1', anchor, comment: { id: 'c1', author: rita, text: 'Vilka barn?', at: '2026-01-10T10:00:00Z' } })
    text.delete(0, text.length)
    expect(textAt(ydoc, anchor)).toBeNull()
    const [thread] = listThreads(review)
    expect(thread!.anchor.quote).toBe('förskoleåldern')
    expect(thread!.comments[0]!.text).toBe('Vilka barn?')
  })
})

describe('threads', () => {
  it('[R4] replies from two reviewers at once both survive; resolve and reopen', () => {
    const { ydoc } = contentWithSentence()
    const a = new Y.Doc()
    createThread(a, { id: 't1', anchor: anchorOn(ydoc, 'barn'), comment: { id: 'c1', author: rita, text: 'Utveckla.', at: '2026-01-10T10:00:00Z' } })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    addReply(a, 't1', { id: 'c2', author: anna, text: 'Gjort.', at: '2026-01-10T10:05:00Z' })
    addReply(b, 't1', { id: 'c3', author: rita, text: 'Och föräldrarna?', at: '2026-01-10T10:05:01Z' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b])
      expect(
        listThreads(doc)[0]!
          .comments.map((c) => c.id)
          .sort(),
      ).toEqual(['c1', 'c2', 'c3'])

    setResolved(a, 't1', true, anna, '2026-01-10T11:00:00Z')
    expect(listThreads(a)[0]).toMatchObject({ resolved: true, resolvedBy: anna, resolvedAt: '2026-01-10T11:00:00Z' })
    setResolved(a, 't1', false, rita, '2026-01-10T12:00:00Z')
    expect(listThreads(a)[0]).toMatchObject({ resolved: false, resolvedBy: null })
  })

  it('[R5] a malformed thread written by a client is skipped, the others are listed', () => {
    const review = new Y.Doc()
    const { ydoc } = contentWithSentence()
    createThread(review, { id: 't1', anchor: anchorOn(ydoc, 'barn'), comment: { id: 'c1', author: rita, text: 'OK', at: '2026-01-10T10:00:00Z' } })
    const bad = new Y.Map<unknown>()
    review.getMap(THREADS_MAP).set('t2', bad)
    bad.set('id', 't2')
    review.getMap(THREADS_MAP).set('t3', 'inte en tråd' as never)
    expect(listThreads(review).map((t) => t.id)).toEqual(['t1'])
  })

  it('[R5][R6] a thread nested 30,000 levels deep is skipped without overflowing the stack', () => {
    const review = new Y.Doc()
    const { ydoc } = contentWithSentence()
    createThread(review, { id: 't1', anchor: anchorOn(ydoc, 'barn'), comment: { id: 'c1', author: rita, text: 'OK', at: '2026-01-10T10:00:00Z' } })
    review.transact(() => {
      let level = new Y.Map<unknown>()
      review.getMap(THREADS_MAP).set('deep', level)
      level.set('comments', new Y.Array())
      for (let i = 0; i < 30_000; i++) {
        const next = new Y.Map<unknown>()
        level.set('x', next)
        level = next
      }
    })
    // A fresh reader (what every member's client builds from the stored state).
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(review))
    expect(listThreads(reader).map((t) => t.id)).toEqual(['t1'])
  })
})

describe('verdicts', () => {
  it('[V1] "Behöver kompletteras" needs a comment; "Godkänd" does not', () => {
    const review = new Y.Doc()
    const base = { by: rita, at: '2026-01-10T10:00:00Z', sectionFingerprint: sectionFingerprint(SENTENCE) }
    expect(() => setVerdict(review, 'barnratt', { ...base, verdict: 'komplettering', comment: ' ' })).toThrow(/needs a comment/)
    setVerdict(review, 'barnratt', { ...base, verdict: 'godkand', comment: '' })
    setVerdict(review, 'aldre', { ...base, verdict: 'komplettering', comment: 'Pensionärsrådet saknas.' })
    expect(Object.keys(readVerdicts(review)).sort()).toEqual(['aldre', 'barnratt'])
  })

  it('[V2] a verdict is outdated once its section text changes, not for whitespace', () => {
    const verdict = { verdict: 'godkand' as const, comment: '', by: rita, at: '2026-01-10T10:00:00Z', sectionFingerprint: sectionFingerprint(SENTENCE) }
    expect(isVerdictOutdated(verdict, SENTENCE)).toBe(false)
    expect(isVerdictOutdated(verdict, `  ${SENTENCE.replace(' ', '\n')} `)).toBe(false)
    expect(isVerdictOutdated(verdict, SENTENCE + ' Även fritids.')).toBe(true)
  })
})
