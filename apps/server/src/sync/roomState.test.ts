import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { inspectUpdate, loadState } from './roomState.js'

/** A document typed by two clients, with a deletion, as the updates it emitted. */
function history(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getXmlFragment('default').insert(0, [new Y.XmlText('Första stycket.')])
  doc.getMap('meta').set('title', 'Svar på remiss')
  doc.clientID = 42
  ;(doc.getXmlFragment('default').get(0) as Y.XmlText).insert(0, 'Nytt: ')
  ;(doc.getXmlFragment('default').get(0) as Y.XmlText).delete(0, 3)
  return { doc, updates }
}

describe('RoomState', () => {
  it('SRV-S4: holds the same document as the Y.Doc that emitted the updates, stored as snapshot + log', () => {
    const { doc, updates } = history()
    const { state, roots } = loadState(updates)
    expect(roots).toEqual(new Set(['default', 'meta']))
    const copy = state.toDoc()
    expect(copy.getXmlFragment('default').toString()).toBe(doc.getXmlFragment('default').toString())
    expect(copy.getMap('meta').get('title')).toBe('Svar på remiss')
    expect(Y.decodeStateVector(state.stateVector())).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
  })

  it('computes the state vector of one stored part like Yjs does, also with a gap (pending structs)', () => {
    const { updates } = history()
    for (const parts of [[Y.mergeUpdates(updates)], [Y.mergeUpdates([updates[0]!, updates[2]!])]]) {
      const { state } = loadState(parts)
      expect(Y.decodeStateVector(state.stateVector())).toEqual(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(parts[0]!)))
    }
  })

  it('SRV-S13: a repeated state vector is answered from a cache until the state changes', () => {
    const { updates } = history()
    const { state } = loadState([updates[0]!])
    const returning = new Y.Doc()
    Y.applyUpdate(returning, updates[0]!)
    const sv = Y.encodeStateVector(returning)
    const first = state.syncStep2(sv)
    // Same bytes in another array (a new message): the same answer, not a new diff.
    expect(state.syncStep2(new Uint8Array(sv))).toBe(first)
    state.append(updates[1]!, inspectUpdate(updates[1]!))
    const after = state.syncStep2(sv)
    expect(after).not.toBe(first)
    expect(after.byteLength).toBeGreaterThan(first.byteLength)
  })

  it('answers a returning client with only what it lacks, and a fresh one with everything', () => {
    const { doc, updates } = history()
    const { state } = loadState([updates[0]!])
    for (const u of updates.slice(1)) state.append(u, inspectUpdate(u))
    /** The update inside a [sync, step 2, update] message. */
    const payload = (message: Uint8Array) => {
      const d = decoding.createDecoder(message)
      decoding.readVarUint(d)
      decoding.readVarUint(d)
      return decoding.readVarUint8Array(d)
    }
    const returning = new Y.Doc()
    Y.applyUpdate(returning, updates[0]!)
    const missing = payload(state.syncStep2(Y.encodeStateVector(returning)))
    Y.applyUpdate(returning, missing)
    expect(returning.getXmlFragment('default').toString()).toBe(doc.getXmlFragment('default').toString())
    expect(missing.length).toBeLessThan(Y.encodeStateAsUpdate(doc).length)

    const fresh = new Y.Doc()
    const whole = state.syncStep2(new Uint8Array([0]))
    expect(state.syncStep2(new Uint8Array([0]))).toBe(whole)
    Y.applyUpdate(fresh, payload(whole))
    expect(fresh.getXmlFragment('default').toString()).toBe(doc.getXmlFragment('default').toString())
  })

  it('keeps hundreds of small appended updates as a few merged chunks, the same document', () => {
    const doc = new Y.Doc()
    const { state } = loadState([Y.encodeStateAsUpdate(doc)])
    doc.on('update', (u: Uint8Array) => state.append(u, inspectUpdate(u)))
    const text = doc.getText('t')
    for (let i = 0; i < 300; i++) text.insert(text.length, `${i} `)
    expect(state.tailLength).toBeLessThan(64)
    expect(state.toDoc().getText('t').toString()).toBe(text.toString())
    state.stateAsUpdate()
    expect(state.tailLength).toBe(0)
  })

  it('takes updates out of order (a dependency arriving later) like a Y.Doc does', () => {
    const { doc, updates } = history()
    const { state } = loadState([updates[0]!])
    // Later updates first: the text edits depend on the insert they come after.
    for (const u of [updates[3]!, updates[2]!, updates[1]!]) state.append(u, inspectUpdate(u))
    expect(state.toDoc().getXmlFragment('default').toString()).toBe(doc.getXmlFragment('default').toString())
    expect(Y.decodeStateVector(state.stateVector())).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
    const late = new Y.Doc()
    Y.applyUpdate(late, updates[0]!)
    const d = decoding.createDecoder(state.syncStep2(Y.encodeStateVector(late)))
    decoding.readVarUint(d)
    decoding.readVarUint(d)
    Y.applyUpdate(late, decoding.readVarUint8Array(d))
    expect(late.getXmlFragment('default').toString()).toBe(doc.getXmlFragment('default').toString())
  })

  it('SRV-S1: refuses a stored part that is not a Yjs update, naming which part', () => {
    const { updates } = history()
    expect(() => loadState([updates[0]!, new Uint8Array([1, 1, 7, 0, 4, 0xff, 0xff, 0xff, 0xff, 0x0f])])).toThrow(/part 2 of 2/)
  })

  it('inspectUpdate tells text from attributes and finds empty replies', () => {
    const { updates } = history()
    expect(inspectUpdate(updates[0]!)).toMatchObject({ empty: false, headerOrAttributes: false })
    expect(inspectUpdate(updates[1]!)).toMatchObject({ headerOrAttributes: true })
    expect(inspectUpdate(updates[3]!)).toMatchObject({ deletes: true, structs: 0 })
    expect(inspectUpdate(new Uint8Array([0, 0]))).toMatchObject({ empty: true })
    expect(() => inspectUpdate(new Uint8Array([5, 200]))).toThrow()
  })
})
