import { describe, expect, it } from 'vitest'
import { Fragment, Node as PMNodeClass, Slice } from '@tiptap/pm/model'
import { applyTextEdits, hasTrackedChanges, perspektivSchema, tableNode, trackedChangeOf, trackTextEdits, type PMNode, type TextEdit } from './index.js'

const schema = perspektivSchema()
const section = (key: string, content: PMNode[]): PMNode => ({ type: 'section', attrs: { key, kind: 'text', title: key, notRelevant: false }, content })
const para = (...content: PMNode[]): PMNode => (content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' })
const text = (t: string, marks?: PMNode['marks']): PMNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) })

const doc: PMNode = {
  type: 'doc',
  content: [
    section('arendet', [para(text('Nämnden har '), text('tjugofyra', [{ type: 'bold' }]), text(' förslag.'), { type: 'hardBreak' }, text('Rad två.')), para()]),
    section('klimat', [tableNode([['Cell ett', 'Cell två']]), para(text('Sista stycket.'))]),
  ],
}
const pm = PMNodeClass.fromJSON(schema, doc)
const posOf = (needle: string, occurrence = 0) => {
  const found: number[] = []
  pm.descendants((node, pos) => {
    if (!node.isText) return true
    let i = node.text!.indexOf(needle)
    while (i >= 0) {
      found.push(pos + i)
      i = node.text!.indexOf(needle, i + 1)
    }
    return false
  })
  return found[occurrence]!
}
const edit = (from: number, to: number, t: string): TextEdit => ({ from, to, text: t, author: 'Rita Granskare', date: '2026-12-02T10:00:00.000Z' })
const plain = (json: PMNode) => PMNodeClass.fromJSON(schema, json).textBetween(0, PMNodeClass.fromJSON(schema, json).content.size, '|')

/** The same edits made by ProseMirror itself, last first: what accepting them in the editor does. */
function byProseMirror(edits: TextEdit[]): string {
  let node = pm
  for (const e of [...edits].sort((a, b) => b.from - a.from)) {
    node = node.replace(e.from, e.to, e.text ? new Slice(Fragment.from(schema.text(e.text)), 0, 0) : Slice.empty)
  }
  return node.textBetween(0, node.content.size, '|')
}

describe('text edits on ProseMirror JSON (suggestions applied or tracked)', () => {
  it('[DOC-T1] accepting edits reads as ProseMirror making them: replace, delete, insert, in paragraphs, after a hard break and in table cells', () => {
    const start = posOf('tjugofyra')
    const edits = [
      edit(start, start + 'tjugofyra'.length, 'tjugofem'),
      edit(posOf('Rad'), posOf('Rad') + 4, ''),
      edit(posOf('Cell två') + 5, posOf('Cell två') + 5, 'nummer '),
      edit(posOf('Sista'), posOf('Sista'), 'Det '),
    ]
    const accepted = applyTextEdits(doc, edits)
    expect(plain(accepted)).toBe(byProseMirror(edits))
    expect(plain(accepted)).toContain('Nämnden har tjugofem förslag.')
    // The replacement keeps the replaced text's emphasis, and the result is valid under the schema.
    expect(JSON.stringify(accepted)).toContain('{"type":"text","text":"tjugofem","marks":[{"type":"bold"}]}')
    expect(() => PMNodeClass.fromJSON(schema, accepted).check()).not.toThrow()
    expect(doc.content?.[0]?.content?.[0]?.content?.[1]?.text).toBe('tjugofyra')
  })

  it('[DOC-T1] an insertion into an empty paragraph applies; an edit across paragraphs or overlapping an earlier one is left out', () => {
    let empty = -1
    pm.descendants((node, pos) => {
      if (node.type.name === 'paragraph' && node.content.size === 0 && empty < 0) empty = pos + 1
    })
    expect(pm.resolve(empty).parent.content.size).toBe(0)
    const accepted = applyTextEdits(doc, [
      edit(empty, empty, 'Nytt.'),
      edit(posOf('Rad'), posOf('Sista'), ''),
      edit(posOf('Nämnden'), posOf('har'), 'X'),
      edit(posOf('den'), posOf('den') + 2, 'Y'),
    ])
    expect(plain(accepted)).toBe(byProseMirror([edit(empty, empty, 'Nytt.'), edit(posOf('Nämnden'), posOf('har'), 'X')]))
  })

  it('[DOC-T2][DOC-T3] tracked: the replaced text stays, marked deleted, followed by the new text marked inserted, with author and date', () => {
    const start = posOf('tjugofyra')
    const tracked = trackTextEdits(doc, [edit(start, start + 'tjugofyra'.length, 'tjugofem'), edit(posOf('Sista'), posOf('Sista'), 'Det ')])
    const inlines = tracked.content?.[0]?.content?.[0]?.content ?? []
    expect(inlines.map((n) => [n.text, trackedChangeOf(n)?.kind])).toEqual([
      ['Nämnden har ', undefined],
      ['tjugofyra', 'deletion'],
      ['tjugofem', 'insertion'],
      [' förslag.', undefined],
      [undefined, undefined],
      ['Rad två.', undefined],
    ])
    expect(trackedChangeOf(inlines[2]!)).toEqual({ kind: 'insertion', author: 'Rita Granskare', date: '2026-12-02T10:00:00.000Z' })
    expect(inlines[2]!.marks?.[0]).toEqual({ type: 'bold' })
    expect(hasTrackedChanges(tracked)).toBe(true)
    expect(hasTrackedChanges(doc)).toBe(false)
  })
})
