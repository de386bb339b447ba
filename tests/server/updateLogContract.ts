/**
 * The contract of the update log (`UpdateLog` in apps/server/src/storage/updateLog.ts):
 * what the sync server relies on from any storage backend. SQLite runs it in
 * updateLog.test.ts; a PostgreSQL backend runs the same function with its own fixture.
 * Each case cites its rule in apps/server/SPEC.md (SRV-ST1…ST6).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readStoredState, type RoomName, type UpdateLog } from '@perspektiv/server'

export interface UpdateLogFixture {
  log: UpdateLog
  /** A document row the log's rows may belong to (the log refuses rows of unknown documents). */
  addDocument(id: string): void
  /**
   * Overwrites what is stored for a room behind the log's back, as a damaged disk or a
   * bad manual edit would: the snapshot, or the log's first row (one is added if none).
   */
  damage(documentId: string, room: RoomName, where: 'snapshot' | 'log', bytes: Uint8Array): void
  /** The same storage through a new connection (what a restarted server sees). */
  reopen(): UpdateLog
  /** Makes the backend unreachable for `log` (its connection closed). */
  disconnect(): void
  close(): void
}

/** A Yjs update inserting `text` (a real client's edit), each on its own client. */
function edit(text: string, base?: Y.Doc): { update: Uint8Array; doc: Y.Doc } {
  const doc = base ?? new Y.Doc()
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, text)
  return { update: Y.encodeStateAsUpdate(doc, before), doc }
}

const textOf = (log: UpdateLog, id: string, room: RoomName) => readStoredState(log, id, room).state.toDoc().getText('t').toString()

let counter = 0
const newId = () => `contract-${++counter}`

export function updateLogContract(name: string, makeFixture: () => UpdateLogFixture): void {
  const withFixture = (fn: (f: UpdateLogFixture) => void) => () => {
    const f = makeFixture()
    try {
      fn(f)
    } finally {
      f.close()
    }
  }

  describe(`UpdateLog contract: ${name}`, () => {
    it('SRV-ST1: loads what was appended, byte for byte and in order, per document and room; an unwritten room is empty', withFixture((f) => {
      const [a, b] = [newId(), newId()]
      f.addDocument(a)
      f.addDocument(b)
      expect(f.log.loadRoom(a, 'content')).toEqual({ snapshot: null, updates: [] })
      const one = edit('Ett. ')
      const two = edit('Två.', one.doc)
      const review = edit('Kommentar')
      f.log.appendUpdates([{ documentId: a, room: 'content', data: one.update }])
      f.log.appendUpdates([
        { documentId: a, room: 'content', data: two.update },
        { documentId: a, room: 'review', data: review.update },
        { documentId: b, room: 'content', data: review.update },
      ])
      expect(f.log.loadRoom(a, 'content').updates.map((u) => [...u])).toEqual([[...one.update], [...two.update]])
      expect(f.log.loadRoom(a, 'review').updates.map((u) => [...u])).toEqual([[...review.update]])
      expect(f.log.loadRoom(a, 'content').updates.length).toBe(2)
      expect(textOf(f.log, a, 'content')).toBe('Ett. Två.')
      expect(textOf(f.log, b, 'content')).toBe('Kommentar')
      // SRV-ST6: a new connection sees every committed row.
      expect(textOf(f.reopen(), a, 'content')).toBe('Ett. Två.')
    }))

    it('SRV-ST2: a batch is stored whole or not at all', withFixture((f) => {
      const a = newId()
      f.addDocument(a)
      const kept = edit('Lagrad.')
      f.log.appendUpdates([{ documentId: a, room: 'content', data: kept.update }])
      const lost = edit(' Aldrig.', kept.doc)
      // The second row belongs to no document: the backend refuses it, and with it the first.
      expect(() =>
        f.log.appendUpdates([
          { documentId: a, room: 'content', data: lost.update },
          { documentId: 'no-such-document', room: 'content', data: lost.update },
        ]),
      ).toThrow()
      expect(f.log.loadRoom(a, 'content').updates.length).toBe(1)
      expect(textOf(f.log, a, 'content')).toBe('Lagrad.')
    }))

    it('SRV-ST3: compaction replaces the snapshot and the rows it merged, and later rows follow it; other rooms are untouched', withFixture((f) => {
      const [a, b] = [newId(), newId()]
      f.addDocument(a)
      f.addDocument(b)
      const one = edit('Före. ')
      const other = edit('Annat rum')
      f.log.appendUpdates([
        { documentId: a, room: 'content', data: one.update },
        { documentId: a, room: 'review', data: other.update },
        { documentId: b, room: 'content', data: other.update },
      ])
      f.log.compactRoom(a, 'content', Y.encodeStateAsUpdate(one.doc))
      expect(f.log.loadRoom(a, 'content').updates.length).toBe(0)
      const after = edit('Efter.', one.doc)
      f.log.appendUpdates([{ documentId: a, room: 'content', data: after.update }])
      const stored = f.log.loadRoom(a, 'content')
      expect(stored.snapshot).not.toBeNull()
      expect(stored.updates).toHaveLength(1)
      expect(textOf(f.log, a, 'content')).toBe('Före. Efter.')
      // A second compaction replaces the first snapshot.
      f.log.compactRoom(a, 'content', Y.encodeStateAsUpdate(after.doc))
      expect(f.log.loadRoom(a, 'content').updates).toHaveLength(0)
      expect(textOf(f.reopen(), a, 'content')).toBe('Före. Efter.')
      expect(f.log.loadRoom(a, 'review').updates.length).toBe(1)
      expect(textOf(f.log, b, 'content')).toBe('Annat rum')
    }))

    for (const where of ['snapshot', 'log'] as const) {
      it(`SRV-ST5: a damaged ${where} fails the load (garbage, truncated, empty), never loads as an empty room`, withFixture((f) => {
        const good = edit('En text som inte får försvinna.')
        for (const damaged of [new Uint8Array([0xff, 0x13, 0x37, 0, 0x42, 0x99, 1]), good.update.subarray(0, good.update.length >> 1), new Uint8Array(0)]) {
          const id = newId()
          f.addDocument(id)
          f.log.compactRoom(id, 'review', Y.encodeStateAsUpdate(good.doc))
          f.log.appendUpdates([{ documentId: id, room: 'review', data: edit(' Mer.', good.doc).update }])
          f.damage(id, 'review', where, damaged)
          expect(() => readStoredState(f.log, id, 'review'), `${where}: ${damaged.length} bytes`).toThrow(/cannot read stored review state/)
        }
      }))
    }

    it('SRV-ST5: an unreachable backend fails the load; it does not answer an empty room', withFixture((f) => {
      const id = newId()
      f.addDocument(id)
      f.log.appendUpdates([{ documentId: id, room: 'content', data: edit('Finns.').update }])
      f.disconnect()
      expect(() => f.log.loadRoom(id, 'content')).toThrow()
      expect(() => readStoredState(f.log, id, 'content')).toThrow(/cannot read stored content state/)
    }))
  })
}
