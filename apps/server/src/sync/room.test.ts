import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { MESSAGE_SYNC } from './protocol.js'
import { Connection, type Peer, type SocketLike } from './connection.js'
import { Room, type RoomHooks } from './room.js'
import { loadState } from './roomState.js'
import { DEFAULT_BYTE_QUOTAS, QuotaCheck } from './quotas.js'

/** A client as y-websocket runs one: its own Y.Doc, y-protocols' sync handling, over a Connection. */
function client(room: Room, name: string, closed: string[] = []) {
  const doc = new Y.Doc()
  const socket: SocketLike = {
    bufferedAmount: 0,
    close: (_code, reason) => void closed.push(reason),
    terminate: () => {},
    ping: () => {},
    send(data) {
      const decoder = decoding.createDecoder(data)
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MESSAGE_SYNC)
      syncProtocol.readSyncMessage(decoder, reply, doc, room)
      if (encoding.length(reply) > 1) room.receive(peer, encoding.toUint8Array(reply))
    },
  }
  const peer: Peer = new Connection(socket, { userId: 1, username: name, sessionHash: name, role: 'author', documentId: 'd1', room: 'content' }, () => {})
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
function roomLoadedFrom(state: Uint8Array, stored: Uint8Array[] = [], quota = new QuotaCheck()): Room {
  const hooks: RoomHooks = {
    canWrite: () => true,
    refusal: (r, peer, bytes) => quota.refusal(r, peer, bytes),
    onUpdate: (r, update, origin, info) => {
      stored.push(update)
      r.logBytes += update.byteLength
      r.state.append(update, info)
      r.broadcastUpdate(update, origin)
    },
    flushPending: () => {},
    log: () => {},
  }
  const room = new Room('d1', 'content', loadState([state]).state, hooks)
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
    expect(room.state.toDoc().getText('t').toString()).toBe('Lagrad text. Ny mening.')

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

describe('Room: relaying updates without a Y.Doc', () => {
  it('SRV-S4: sends on exactly the bytes a writer sent, and stores them once', () => {
    const stored: Uint8Array[] = []
    const seed = new Y.Doc()
    seed.getText('t').insert(0, 'Start.')
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(seed), stored)
    const a = client(room, 'a')
    const b = client(room, 'b')
    a.open()
    b.open()
    const sent: Uint8Array[] = []
    a.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== room && sent.push(u))
    a.doc.getText('t').insert(6, ' Mer.')
    expect(b.doc.getText('t').toString()).toBe('Start. Mer.')
    expect(stored).toEqual(sent)
  })

  it("a returning client's reply with only the delete set the room has is neither stored nor sent on", () => {
    const stored: Uint8Array[] = []
    const seed = new Y.Doc()
    seed.getText('t').insert(0, 'Text med ett fel.')
    seed.getText('t').delete(9, 4)
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(seed), stored)
    const returning = client(room, 'returning')
    Y.applyUpdate(returning.doc, Y.encodeStateAsUpdate(seed))
    returning.open()
    expect(stored).toEqual([])
    // A real deletion with no new structs is still stored.
    returning.doc.getText('t').delete(0, 5)
    expect(stored).toHaveLength(1)
    expect(room.state.toDoc().getText('t').toString()).toBe('med fel.')
  })

  it('SRV-S10: a malformed update closes only its connection and nothing is stored', () => {
    const stored: Uint8Array[] = []
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(new Y.Doc()), stored)
    const closed: string[] = []
    const bad = client(room, 'bad', closed)
    const good = client(room, 'good')
    bad.open()
    good.open()
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MESSAGE_SYNC)
    syncProtocol.writeUpdate(e, new Uint8Array([1, 1, 7, 0, 4, 0xff, 0xff, 0xff, 0xff, 0x0f]))
    room.receive(bad.peer, encoding.toUint8Array(e))
    expect(closed).toHaveLength(1)
    expect(stored).toEqual([])
    good.doc.getText('t').insert(0, 'Fortfarande öppet.')
    expect(stored).toHaveLength(1)
  })
})

describe('Room: byte quotas (SRV-S14)', () => {
  const quotas = (over: Partial<typeof DEFAULT_BYTE_QUOTAS>) => new QuotaCheck({ ...DEFAULT_BYTE_QUOTAS, ...over })
  const typeBytes = (c: ReturnType<typeof client>, n: number) => c.doc.getText('t').insert(0, 'x'.repeat(n))

  it('an update over the per-update limit closes its connection, naming the limit, and is never stored', () => {
    const stored: Uint8Array[] = []
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(new Y.Doc()), stored, quotas({ updateBytes: { content: 10_000, review: 10_000 } }))
    const closed: string[] = []
    const big = client(room, 'big', closed)
    const other = client(room, 'other')
    big.open()
    other.open()
    typeBytes(big, 20_000)
    expect(closed).toEqual(["update of 20 kB is over the content room's limit of 10 kB"])
    expect(stored).toEqual([])
    typeBytes(other, 100)
    expect(stored).toHaveLength(1)
  })

  it('a room over its total quota refuses more; what it holds stays', () => {
    const stored: Uint8Array[] = []
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(new Y.Doc()), stored, quotas({ roomBytes: { content: 50_000, review: 50_000 } }))
    const closed: string[] = []
    const writer = client(room, 'writer', closed)
    writer.open()
    for (let i = 0; i < 4; i++) typeBytes(writer, 10_000)
    expect(closed).toEqual([])
    typeBytes(writer, 15_000)
    expect(closed).toEqual(['the content room is full (its quota is 49 kB)'])
    expect(stored).toHaveLength(4)
  })

  it("one user's bytes in a time window are limited across connections", () => {
    const stored: Uint8Array[] = []
    const room = roomLoadedFrom(Y.encodeStateAsUpdate(new Y.Doc()), stored, quotas({ userBurstBytes: 30_000, userBytesPerSecond: 1 }))
    const closed: string[] = []
    const first = client(room, 'first', closed)
    const second = client(room, 'second', closed)
    first.open()
    second.open()
    typeBytes(first, 20_000)
    // The same user (both clients are user 1) on another connection: the window is shared.
    typeBytes(second, 20_000)
    expect(closed).toEqual(['more than 29 kB written in a short time; wait and reload'])
    expect(stored).toHaveLength(1)
  })
})
