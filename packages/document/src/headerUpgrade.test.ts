import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '@perspektiv/model'
import { upgradeHeaderText } from './headerUpgrade.js'
import { readMeta, replaceText, writeMeta } from './meta.js'
import { writeLegacyMeta } from './testing/legacyMeta.js'

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))

/** A header as documents were stored before DOC-D8, with the awkward values a long-lived one may hold. */
const OLD = {
  ...emptyMeta('Svar på remiss 🧾 om 𠀋-tecken'),
  subtitle: '',
  dnr: 'EÅV 2025/936',
  meetingDate: '2026-01-20',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  signatories: [
    { name: 'Daniel Lauridsen', title: 'Stadsdelsdirektör', forvaltning: '' },
    { name: 'Bo 👩‍👩‍👧' },
    { name: 'Cecilia', title: 'Chef', forvaltning: 'Kultur', extra: 'kvar' },
  ],
}

function oldDoc(meta: Record<string, unknown> = OLD): Y.Doc {
  const doc = new Y.Doc()
  writeLegacyMeta(doc, meta)
  return doc
}

const meta = (doc: Y.Doc) => doc.getMap<unknown>('meta')

describe('[DOC-D9] one-time upgrade of header fields stored as plain values', () => {
  it('converts every plain DOC-D8 field into its shared type and names them', () => {
    const doc = oldDoc()
    const result = upgradeHeaderText(doc)
    expect(result).toEqual({ converted: ['title', 'subtitle', 'dnr', 'namnd', 'forvaltning', 'avdelning', 'handlaggare', 'signatories'], unrecognised: [] })
    for (const key of ['title', 'subtitle', 'dnr', 'namnd', 'forvaltning', 'avdelning']) expect(meta(doc).get(key), key).toBeInstanceOf(Y.Text)
    const h = meta(doc).get('handlaggare') as Y.Map<unknown>
    expect(h).toBeInstanceOf(Y.Map)
    expect(h.get('phone')).toBeInstanceOf(Y.Text)
    const s = meta(doc).get('signatories') as Y.Array<Y.Map<unknown>>
    expect(s).toBeInstanceOf(Y.Array)
    expect(s.get(2).get('extra')).toBeInstanceOf(Y.Text)
    // Dates are whole values (DOC-D8): left as strings.
    expect(meta(doc).get('meetingDate')).toBe('2026-01-20')
  })

  it('◆ meta.toJSON() is exactly the same before and after, also in a copy that receives only the upgrade', () => {
    const doc = oldDoc()
    const other = new Y.Doc()
    sync(doc, other)
    const before = meta(doc).toJSON()
    expect(before).toStrictEqual(OLD)
    const vector = Y.encodeStateVector(doc)
    upgradeHeaderText(doc)
    expect(meta(doc).toJSON()).toStrictEqual(before)
    expect(JSON.stringify(meta(doc).toJSON())).toBe(JSON.stringify(before))
    // What the server appends: the upgrade alone, applied to the stored state.
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, vector))
    expect(meta(other).get('title')).toBeInstanceOf(Y.Text)
    expect(meta(other).toJSON()).toStrictEqual(before)
    expect(readMeta(other)).toEqual(readMeta(oldDoc()))
  })

  it('writes in one transaction, as the document’s own (random) client', () => {
    const doc = oldDoc()
    const transactions: Y.Transaction[] = []
    doc.on('afterTransaction', (t: Y.Transaction) => void transactions.push(t))
    const client = doc.clientID
    upgradeHeaderText(doc)
    expect(transactions).toHaveLength(1)
    expect(doc.clientID).toBe(client)
    expect((meta(doc).get('title') as Y.Text)._item!.id.client).toBe(client)
  })

  it('an absent field stays absent; a header with nothing plain left is not written', () => {
    const doc = oldDoc({ title: 'Bara titel' })
    expect(upgradeHeaderText(doc)).toEqual({ converted: ['title'], unrecognised: [] })
    expect(meta(doc).toJSON()).toStrictEqual({ title: 'Bara titel' })
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => void updates.push(u))
    // Second run, and a document made after DOC-D8: nothing to do, nothing written.
    expect(upgradeHeaderText(doc)).toEqual({ converted: [], unrecognised: [] })
    const made = new Y.Doc()
    writeMeta(made, OLD as Parameters<typeof writeMeta>[1])
    made.on('update', (u: Uint8Array) => void updates.push(u))
    expect(upgradeHeaderText(made)).toEqual({ converted: [], unrecognised: [] })
    expect(updates).toHaveLength(0)
  })

  it('leaves a value of another type alone and names it', () => {
    const doc = oldDoc({
      title: 42,
      dnr: 'KS 2026/1',
      namnd: null,
      handlaggare: { name: 'Anna', phone: 8 },
      signatories: [{ name: 'Bo' }, 'Cecilia'],
    })
    const before = meta(doc).toJSON()
    expect(upgradeHeaderText(doc)).toEqual({ converted: ['dnr'], unrecognised: ['title', 'namnd', 'handlaggare', 'signatories'] })
    expect(meta(doc).get('title')).toBe(42)
    expect(meta(doc).get('handlaggare')).toEqual({ name: 'Anna', phone: 8 })
    expect(meta(doc).toJSON()).toStrictEqual(before)
  })

  it('a plain string set into a shared handläggare or signatory map becomes a Y.Text', () => {
    const doc = new Y.Doc()
    writeMeta(doc, { handlaggare: { name: 'Anna', phone: '' }, signatories: [{ name: 'Bo', title: '', forvaltning: '' }] })
    doc.transact(() => {
      // What the form's whole-value path writes into a shared map that lacks the key.
      ;(meta(doc).get('handlaggare') as Y.Map<unknown>).set('phone', '010-1')
      ;(meta(doc).get('signatories') as Y.Array<Y.Map<unknown>>).get(0).set('title', 'Chef')
    })
    const before = meta(doc).toJSON()
    expect(upgradeHeaderText(doc)).toEqual({ converted: ['handlaggare.phone', 'signatories.0.title'], unrecognised: [] })
    expect((meta(doc).get('handlaggare') as Y.Map<unknown>).get('phone')).toBeInstanceOf(Y.Text)
    expect(meta(doc).toJSON()).toStrictEqual(before)
  })

  it('after the upgrade two authors typing in an old title both keep their letters', () => {
    const a = oldDoc()
    upgradeHeaderText(a)
    const b = new Y.Doc()
    sync(a, b)
    const title = (d: Y.Doc) => meta(d).get('title') as Y.Text
    replaceText(title(a), `Nytt: ${OLD.title}`, 6)
    replaceText(title(b), `${OLD.title} (KS)`)
    sync(a, b)
    sync(b, a)
    expect(title(a).toString()).toBe(`Nytt: ${OLD.title} (KS)`)
    expect(title(b).toString()).toBe(`Nytt: ${OLD.title} (KS)`)
  })
})
