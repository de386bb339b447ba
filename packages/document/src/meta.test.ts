import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '@perspektiv/model'
import { readMeta, replaceText, signatoryYMap, stringDiff, writeMeta } from './meta.js'

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))

const FULL = {
  ...emptyMeta('Svar på remiss'),
  dnr: 'EÅV 2025/936',
  meetingDate: '2026-01-20',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  signatories: [{ name: 'Daniel Lauridsen', title: 'Stadsdelsdirektör', forvaltning: '' }],
}

describe('meta as shared types', () => {
  it('[DOC-D8] text fields are Y.Text, handläggare a Y.Map, signatories a Y.Array of Y.Maps; dates stay strings', () => {
    const doc = new Y.Doc()
    writeMeta(doc, FULL)
    const map = doc.getMap('meta')
    expect(map.get('title')).toBeInstanceOf(Y.Text)
    expect(map.get('dnr')).toBeInstanceOf(Y.Text)
    expect(map.get('meetingDate')).toBe('2026-01-20')
    const h = map.get('handlaggare') as Y.Map<unknown>
    expect(h.get('name')).toBeInstanceOf(Y.Text)
    const s = map.get('signatories') as Y.Array<Y.Map<unknown>>
    expect(s.get(0).get('title')).toBeInstanceOf(Y.Text)
  })

  it('[DOC-D8] ◆ reads as the same JSON as before (map.toJSON(), readMeta)', () => {
    const doc = new Y.Doc()
    writeMeta(doc, FULL)
    expect(doc.getMap('meta').toJSON()).toEqual(FULL)
    expect(readMeta(doc)).toEqual(FULL)
  })

  it('[DOC-D8] two authors typing in one field at once both keep their letters', () => {
    const a = new Y.Doc()
    writeMeta(a, FULL)
    const b = new Y.Doc()
    sync(a, b)
    const title = (d: Y.Doc) => d.getMap('meta').get('title') as Y.Text
    replaceText(title(a), 'Svar: Svar på remiss', 5)
    replaceText(title(b), 'Svar på remiss från KS')
    sync(a, b)
    sync(b, a)
    expect(readMeta(a).title).toBe('Svar: Svar på remiss från KS')
    expect(readMeta(b).title).toBe('Svar: Svar på remiss från KS')
  })

  it('a signatory made by a client has all three fields', () => {
    const doc = new Y.Doc()
    writeMeta(doc, FULL)
    ;(doc.getMap('meta').get('signatories') as Y.Array<Y.Map<unknown>>).push([signatoryYMap() as Y.Map<unknown>])
    expect(readMeta(doc).signatories[1]).toEqual({ name: '', title: '', forvaltning: '' })
  })
})

describe('stringDiff', () => {
  it('puts a typed letter where the caret is when equal diffs exist', () => {
    expect(stringDiff('Anderson', 'Andersson', 7)).toEqual({ index: 6, remove: 0, insert: 's' })
    expect(stringDiff('Anderson', 'Andersson', 6)).toEqual({ index: 5, remove: 0, insert: 's' })
  })
  it('a deletion, a replaced selection, no change', () => {
    expect(stringDiff('Mitten', 'Mien', 2)).toEqual({ index: 2, remove: 2, insert: '' })
    expect(stringDiff('Svar på remiss', 'Svar på ansökan', 15)).toEqual({ index: 8, remove: 6, insert: 'ansökan' })
    expect(stringDiff('lika', 'lika')).toEqual({ index: 4, remove: 0, insert: '' })
  })
  it('never splits a surrogate pair', () => {
    // "😀" and "😃" share their high surrogate: the change must take the whole pair.
    expect(stringDiff('a😀b', 'a😃b', 3)).toEqual({ index: 1, remove: 2, insert: '😃' })
  })
})
