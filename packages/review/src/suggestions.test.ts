import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initProseMirrorDoc } from '@tiptap/y-tiptap'
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta } from '@perspektiv/model'
import { createDocumentYDoc, initialDocument, perspektivSchema, sectionAttrs, sectionNodes, CONTENT_FRAGMENT } from '@perspektiv/document'
import { createAnchor, createPointAnchor, judgeSuggestion, resolveSuggestion, type Actor, type Suggestion } from './index.js'

const template = loadTemplates().get('remissvar')!
const SENTENCE = 'Planen har tjugofyra åtgärder.'
const rita = { username: 'rita', name: 'Rita' }
const anna = { username: 'anna', name: 'Anna' }

function content(): { ydoc: Y.Doc; text: Y.XmlText } {
  const doc = initialDocument(template)
  const section = sectionNodes(doc).find((s) => sectionAttrs(s).key === 'arendet')!
  section.content = [{ type: 'paragraph', content: [{ type: 'text', text: SENTENCE }] }]
  const ydoc = createDocumentYDoc(template, emptyMeta('T'), doc)
  let text: Y.XmlText | undefined
  for (const n of ydoc.getXmlFragment(CONTENT_FRAGMENT).createTreeWalker((x) => x instanceof Y.XmlText)) {
    if (n.toString().includes('tjugofyra')) text = n as Y.XmlText
  }
  return { ydoc, text: text! }
}

function view(ydoc: Y.Doc) {
  const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT)
  const { doc, meta } = initProseMirrorDoc(fragment, perspektivSchema())
  const at = (word: string) => {
    let from = -1
    doc.descendants((node, pos) => {
      if (from < 0 && node.isText && node.text!.includes(word)) from = pos + node.text!.indexOf(word)
    })
    return from
  }
  return { fragment, doc, mapping: meta.mapping, at }
}

function suggestion(anchor: Suggestion['anchor'], text: string): Suggestion {
  return { id: 's1', anchor, text, author: rita, at: '2026-01-10T10:00:00Z', state: 'open', decidedBy: null, decidedAt: null }
}

function where(ydoc: Y.Doc, s: Suggestion) {
  const { fragment, doc, mapping } = view(ydoc)
  const r = resolveSuggestion(ydoc, fragment, mapping, s, (from, to) => doc.textBetween(from, to, '\n'))
  return r.orphaned ? null : { text: doc.textBetween(r.from, r.to), outdated: r.outdated, before: doc.textBetween(Math.max(1, r.from - 4), r.from) }
}

describe('suggestion anchors', () => {
  it('[S1][S2] a replacement follows its words through concurrent edits before and after it', () => {
    const { ydoc, text } = content()
    const v = view(ydoc)
    const from = v.at('tjugofyra')
    const s = suggestion(createAnchor(v.fragment, v.mapping, { from, to: from + 9 }, 'tjugofyra', 'arendet'), 'tjugofem')
    text.insert(0, 'Nu: ')
    text.insert(text.length, ' Slut.')
    expect(where(ydoc, s)).toMatchObject({ text: 'tjugofyra', outdated: false })
  })

  it('[S4] an edit inside the range makes it outdated; deleting the range orphans it', () => {
    const { ydoc, text } = content()
    const v = view(ydoc)
    const from = v.at('tjugofyra')
    const s = suggestion(createAnchor(v.fragment, v.mapping, { from, to: from + 9 }, 'tjugofyra', 'arendet'), 'tjugofem')
    const i = text.toString().indexOf('fyra')
    text.insert(i, 'x')
    expect(where(ydoc, s)).toMatchObject({ outdated: true })
    text.delete(text.toString().indexOf('tjugo'), 10)
    expect(where(ydoc, s)).toBeNull()
  })

  it('[S2] an insertion point stays between the same characters while text is typed before it', () => {
    const { ydoc, text } = content()
    const v = view(ydoc)
    const s = suggestion(createPointAnchor(v.fragment, v.mapping, v.at(' åtgärder'), 'arendet'), ' nya')
    text.insert(0, 'Nu: ')
    const r = where(ydoc, s)!
    expect(r.text).toBe('')
    expect(r.before).toBe('fyra')
  })
})

describe('suggestion rules', () => {
  const actor = (who: typeof rita, role: Actor['role']): Actor => ({ ...who, role, status: 'granskning' })
  const base = suggestion({ start: 'AA==', end: 'AB==', quote: 'x', sectionKey: 'arendet' }, 'y')

  it('[S3][G8] made by its author, decided only by authors under their own name, final once decided', () => {
    expect(judgeSuggestion('s1', undefined, base, actor(rita, 'reviewer')).ok).toBe(true)
    expect(judgeSuggestion('s1', undefined, base, actor(anna, 'author'))).toMatchObject({ ok: false, refusal: { kind: 'author' } })
    expect(judgeSuggestion('s1', undefined, base, actor(rita, 'reader'))).toMatchObject({ ok: false, refusal: { kind: 'role' } })
    const accepted = { ...base, state: 'accepted' as const, decidedBy: anna, decidedAt: '2026-01-10T11:00:00Z' }
    expect(judgeSuggestion('s1', base, accepted, actor(anna, 'author')).ok).toBe(true)
    expect(judgeSuggestion('s1', base, accepted, actor(rita, 'reviewer'))).toMatchObject({ ok: false, refusal: { kind: 'role' } })
    expect(judgeSuggestion('s1', base, { ...accepted, text: 'z' }, actor(anna, 'author'))).toMatchObject({ ok: false, refusal: { kind: 'shape' } })
    expect(judgeSuggestion('s1', accepted, { ...accepted, state: 'rejected' }, actor(anna, 'author'))).toMatchObject({
      ok: false,
      refusal: { kind: 'decided' },
    })
    expect(judgeSuggestion('s1', base, undefined, actor(rita, 'reviewer')).ok).toBe(true)
    expect(judgeSuggestion('s1', base, undefined, actor(anna, 'author'))).toMatchObject({ ok: false, refusal: { kind: 'deleted' } })
  })
})
