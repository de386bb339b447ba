import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { HeaderItems, MAX_HEADER_RANGES, markHeaderItems } from './headerItems.js'
import { applyRemoteUpdate } from './instancePeers.js'
import type { LiveDocument } from './liveDocument.js'
import { Room, type RoomHooks } from './room.js'
import { fromLoaded, inspectUpdate, loadState, type RoomState } from './roomState.js'
import { loadParts } from './stateJobs.js'
import { StatePool } from './statePool.js'

/**
 * A document whose header holds collaborative types, built with yjs here (as the server
 * creates them; tests elsewhere still write plain strings): title and dnr as Y.Text,
 * handläggare as Y.Map of Y.Text, signatories as Y.Array of Y.Map, the date a string,
 * and a paragraph of body text.
 */
function headerDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1
  doc.transact(() => {
    const body = doc.getXmlFragment('default')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Brödtext.')])
    body.insert(0, [paragraph])
    const meta = doc.getMap('meta')
    meta.set('title', new Y.Text('Svar på remiss'))
    meta.set('dnr', new Y.Text('KS 2026/1'))
    const handlaggare = new Y.Map<Y.Text>()
    handlaggare.set('name', new Y.Text('Anna'))
    handlaggare.set('phone', new Y.Text('010-123'))
    meta.set('handlaggare', handlaggare)
    const signatories = new Y.Array<Y.Map<Y.Text>>()
    signatories.push([signatory('Bo')])
    meta.set('signatories', signatories)
    meta.set('date', '2026-12-07')
  })
  return doc
}

function signatory(name: string): Y.Map<Y.Text> {
  const m = new Y.Map<Y.Text>()
  m.set('name', new Y.Text(name))
  m.set('title', new Y.Text(''))
  m.set('forvaltning', new Y.Text(''))
  return m
}

/**
 * A client's copy of `doc`, and the update each edit of it emits (as a provider sends it:
 * with the edit's deletions only, where `encodeStateAsUpdate` would carry every deletion).
 */
function clientOf(doc: Y.Doc, clientID = 7) {
  const client = new Y.Doc()
  client.clientID = clientID
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc))
  const edit = (f: (meta: Y.Map<unknown>, body: Y.XmlText) => void): Uint8Array => {
    const emitted: Uint8Array[] = []
    const keep = (u: Uint8Array) => void emitted.push(u)
    client.on('update', keep)
    client.transact(() => f(client.getMap('meta'), (client.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText))
    client.off('update', keep)
    expect(emitted).toHaveLength(1)
    return emitted[0]!
  }
  return { client, edit }
}

const title = (meta: Y.Map<unknown>) => meta.get('title') as Y.Text

describe('HeaderItems (SRV-S6: header edits reach the documents list soon)', () => {
  it('a room loaded from parts knows its header items, also as a state thread sends them', () => {
    const doc = headerDoc()
    const meta = doc.getMap('meta')
    const bodyText = (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText
    const isHeader = (header: HeaderItems, type: { _item: Y.Item | null }) => header.has(type._item!.id.client, type._item!.id.clock)
    // One snapshot, and a snapshot then a log row that adds a signatory.
    const snapshot = Y.encodeStateAsUpdate(doc)
    const { client, edit } = clientOf(doc)
    const row = edit((m) => (m.get('signatories') as Y.Array<Y.Map<Y.Text>>).push([signatory('Cecilia')]))
    for (const parts of [[snapshot], [snapshot, row]]) {
      // What a state thread answers is structured-cloned (SRV-S15): plain numbers survive it.
      const inline = loadState(parts).state.header
      const fromThread = fromLoaded(structuredClone(loadParts(parts, true))).state.header
      for (const h of [inline, fromThread]) {
        expect(isHeader(h, title(meta))).toBe(true)
        expect(isHeader(h, (meta.get('handlaggare') as Y.Map<Y.Text>).get('phone')!)).toBe(true)
        expect(isHeader(h, (meta.get('signatories') as Y.Array<Y.Map<Y.Text>>).get(0).get('name')!)).toBe(true)
        // Inside the title: its characters (one struct of client 1 at the title's clock + 1).
        expect(h.has(1, title(meta)._item!.id.clock + 1)).toBe(true)
        expect(isHeader(h, bodyText)).toBe(false)
      }
    }
    const withRow = new HeaderItems(loadParts([snapshot, row]).header)
    const added = (client.getMap('meta').get('signatories') as Y.Array<Y.Map<Y.Text>>).get(1)
    expect(withRow.has(7, added._item!.id.clock)).toBe(true)
    expect(withRow.has(7, (added.get('name') as Y.Text)._item!.id.clock)).toBe(true)
  })

  it('SRV-S15: a room loaded on a state thread comes back with its header items', async () => {
    const doc = headerDoc()
    const pool = new StatePool({ size: 1 })
    try {
      const loaded = await pool.run({ kind: 'load', parts: [Y.encodeStateAsUpdate(doc)] })
      const { state } = fromLoaded(loaded)
      expect(state.header.has(1, title(doc.getMap('meta'))._item!.id.clock)).toBe(true)
      expect(state.header.toArray()).toEqual(loadState([Y.encodeStateAsUpdate(doc)]).state.header.toArray())
    } finally {
      await pool.close()
    }
  })

  it('a title keystroke, Backspace in it, a map value and a new signatory are soon; body text is not', () => {
    const doc = headerDoc()
    const { state } = loadState([Y.encodeStateAsUpdate(doc)])
    const { edit } = clientOf(doc)
    const soon = (update: Uint8Array) => inspectUpdate(update, state.header).headerOrAttributes
    expect(soon(edit((_, body) => body.insert(9, ' Mer.')))).toBe(false)
    expect(soon(edit((_, body) => body.delete(0, 1)))).toBe(false)
    expect(soon(edit((m) => title(m).insert(title(m).length, '!')))).toBe(true)
    // The next keystroke refers to the one before (an item of this client no load knew).
    expect(soon(edit((m) => title(m).insert(title(m).length, '?')))).toBe(true)
    expect(soon(edit((m) => title(m).insert(0, 'Nytt: ')))).toBe(true)
    expect(soon(edit((m) => title(m).format(0, 4, { bold: true })))).toBe(true)
    expect(soon(edit((m) => title(m).delete(title(m).length - 1, 1)))).toBe(true)
    expect(soon(edit((m) => (m.get('handlaggare') as Y.Map<Y.Text>).get('phone')!.insert(0, '+46 ')))).toBe(true)
    expect(soon(edit((m) => m.set('date', '2026-12-08')))).toBe(true)
    const signatories = (m: Y.Map<unknown>) => m.get('signatories') as Y.Array<Y.Map<Y.Text>>
    expect(soon(edit((m) => signatories(m).push([signatory('Cecilia')])))).toBe(true)
    expect(soon(edit((m) => signatories(m).get(1).get('title')!.insert(0, 'Ordförande')))).toBe(true)
    expect(soon(edit((m) => signatories(m).delete(0, 1)))).toBe(true)
    // Body text after all that is still the slow path.
    expect(soon(edit((_, body) => body.insert(0, 'Inledning. ')))).toBe(false)
    expect(soon(edit((_, body) => body.delete(0, 3)))).toBe(false)
  })

  it('an empty title typed into, and an update that lists a child before its parent', () => {
    const doc = new Y.Doc()
    doc.clientID = 5
    doc.getXmlFragment('default').insert(0, [new Y.XmlText('Text.')])
    const { state } = loadState([Y.encodeStateAsUpdate(doc)])
    expect(state.header.size).toBe(0)
    // Client 3 creates the title, client 9 (listed first: an update lists higher clients first) types into it;
    // merged, as a group commit or another instance may hand them over.
    const a = new Y.Doc()
    a.clientID = 3
    Y.applyUpdate(a, Y.encodeStateAsUpdate(doc))
    const created = Y.encodeStateAsUpdate(a)
    a.getMap('meta').set('title', new Y.Text())
    const creation = Y.encodeStateAsUpdate(a, Y.encodeStateVectorFromUpdate(created))
    const b = new Y.Doc()
    b.clientID = 9
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const beforeB = Y.encodeStateVector(b)
    title(b.getMap('meta')).insert(0, 'Rubrik')
    const typing = Y.encodeStateAsUpdate(b, beforeB)
    const merged = Y.mergeUpdates([creation, typing])
    const order = Y.decodeUpdate(merged).structs.map((s) => s.id.client)
    expect(order.indexOf(9)).toBeLessThan(order.indexOf(3))
    const header = new HeaderItems()
    expect(markHeaderItems(Y.decodeUpdate(merged).structs, header)).toBe(true)
    expect(header.has(9, 0)).toBe(true)
    expect(header.has(3, title(a.getMap('meta'))._item!.id.clock)).toBe(true)
    // Only the typing, into a title the room learnt of from the creation.
    const room = loadState([Y.encodeStateAsUpdate(doc)]).state
    expect(inspectUpdate(creation, room.header).headerOrAttributes).toBe(true)
    expect(inspectUpdate(typing, room.header).headerOrAttributes).toBe(true)
  })

  it('a legacy string title is still soon, without header items', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('title', 'Gammal')
    const { state } = loadState([Y.encodeStateAsUpdate(doc)])
    const before = Y.encodeStateVector(doc)
    doc.getMap('meta').set('title', 'Ny')
    expect(inspectUpdate(Y.encodeStateAsUpdate(doc, before), state.header).headerOrAttributes).toBe(true)
    expect(inspectUpdate(Y.encodeStateAsUpdate(doc, before)).headerOrAttributes).toBe(true)
  })

  it('an update from another instance keeps the header items up to date', () => {
    const doc = headerDoc()
    const room = contentRoom(loadState([Y.encodeStateAsUpdate(doc)]).state)
    const other = clientOf(doc, 11)
    const here = clientOf(doc, 12)
    // A signatory added by a client of another instance reaches this one through the relay.
    const remote = other.edit((m) => (m.get('signatories') as Y.Array<Y.Map<Y.Text>>).push([signatory('Cecilia')]))
    applyRemoteUpdate({} as LiveDocument, room, remote)
    Y.applyUpdate(here.client, remote)
    // This instance's client types into it: its first character's parent is that remote type.
    const typing = here.edit((m) => (m.get('signatories') as Y.Array<Y.Map<Y.Text>>).get(1).get('title')!.insert(0, 'Chef'))
    expect(inspectUpdate(typing, room.state.header).headerOrAttributes).toBe(true)
  })

  it('keeps at most MAX_HEADER_RANGES ranges; touching ranges merge', () => {
    const header = new HeaderItems()
    for (let i = 0; i < MAX_HEADER_RANGES + 10; i++) header.add(1, i * 2, 1)
    expect(header.size).toBe(MAX_HEADER_RANGES)
    expect(header.has(1, 0)).toBe(true)
    expect(header.has(1, (MAX_HEADER_RANGES + 5) * 2)).toBe(false)
    // Filling the gaps merges neighbours: below the bound again.
    header.add(1, 1, 1)
    header.add(1, 3, 1)
    expect(header.size).toBe(MAX_HEADER_RANGES - 2)
    expect(header.has(1, 4)).toBe(true)
    expect(new HeaderItems(header.toArray()).toArray()).toEqual(header.toArray())
    // Full, a range before the others (an update's structs out of clock order) is not kept either.
    const full = new HeaderItems()
    for (let i = 1; full.size < MAX_HEADER_RANGES; i++) full.add(2, i * 4, 1)
    full.add(2, 1, 1)
    full.add(3, 0, 1)
    expect([full.size, full.has(2, 1), full.has(3, 0), full.has(2, 4)]).toEqual([MAX_HEADER_RANGES, false, false, true])
  })
})

const rooms: Room[] = []
afterEach(() => {
  for (const r of rooms.splice(0)) r.destroy()
})

/** A content room over `state` that stores nothing (applyRemoteUpdate only appends and broadcasts). */
function contentRoom(state: RoomState): Room {
  const hooks: RoomHooks = { canWrite: () => true, refusal: () => null, onUpdate: () => {}, flushPending: () => {}, log: () => {} }
  const room = new Room('d1', 'content', state, hooks)
  rooms.push(room)
  return room
}
