import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { MESSAGE_SYNC } from './protocol.js'
import { Room, type Peer, type RoomHooks } from './room.js'

/** A client as y-websocket runs one: its own Y.Doc, y-protocols' sync handling. */
function client(room: Room, name: string) {
  const doc = new Y.Doc()
  const peer: Peer = {
    userId: 1,
    username: name,
    sessionHash: name,
    role: 'author',
    bufferedAmount: () => 0,
    close: () => {},
    terminate: () => {},
    send(data) {
      const decoder = decoding.createDecoder(data)
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MESSAGE_SYNC)
      syncProtocol.readSyncMessage(decoder, reply, doc, room)
      if (encoding.length(reply) > 1) room.receive(peer, encoding.toUint8Array(reply))
    },
  }
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === room) return
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MESSAGE_SYNC)
    syncProtocol.writeUpdate(e, update)
    room.receive(peer, encoding.toUint8Array(e))
  })
  return {
    doc,
    peer,
    open() {
      room.join(peer)
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, MESSAGE_SYNC)
      syncProtocol.writeSyncStep1(e, doc)
      room.receive(peer, encoding.toUint8Array(e))
    },
  }
}

const rooms: Room[] = []
afterEach(() => {
  for (const r of rooms.splice(0)) r.destroy()
})

/** A room whose updates are "stored" at once and broadcast, like Rooms does after its commit. */
function roomLoadedFrom(state: Uint8Array): Room {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const hooks: RoomHooks = {
    canWrite: () => true,
    onUpdate: (r, update, origin) => r.broadcastUpdate(update, origin),
    flushPending: () => {},
    log: () => {},
  }
  const room = new Room('d1', 'content', doc, hooks)
  room.rememberWholeState(state)
  rooms.push(room)
  return room
}

describe('Room: opening a document', () => {
  it('a fresh client receives the stored document, and after an edit the edited one', () => {
    const stored = new Y.Doc()
    stored.getText('t').insert(0, 'Lagrad text.')
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(stored))

    const first = client(room, 'first')
    first.open()
    expect(first.doc.getText('t').toString()).toBe('Lagrad text.')

    first.doc.getText('t').insert(12, ' Ny mening.')
    expect(room.doc.getText('t').toString()).toBe('Lagrad text. Ny mening.')

    // The whole state answered to the first client must not be reused once it is stale.
    const second = client(room, 'second')
    second.open()
    expect(second.doc.getText('t').toString()).toBe('Lagrad text. Ny mening.')
    const third = client(room, 'third')
    third.open()
    expect(third.doc.getText('t').toString()).toBe('Lagrad text. Ny mening.')
  })

  it('a client that already has part of the document receives the rest', () => {
    const stored = new Y.Doc()
    stored.getText('t').insert(0, 'Början.')
    const early = Y.encodeStateAsUpdate(stored)
    stored.getText('t').insert(7, ' Slutet.')
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(stored))

    const returning = client(room, 'returning')
    Y.applyUpdate(returning.doc, early)
    returning.open()
    expect(returning.doc.getText('t').toString()).toBe('Början. Slutet.')
  })
})
