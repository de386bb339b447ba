/**
 * The contract of the update log (`UpdateLog` / `AsyncUpdateLog` in
 * apps/server/src/storage/updateLog.ts): what the sync server relies on from any storage
 * backend. SQLite runs it in updateLog.test.ts, PostgreSQL in tests/scale/updateLog.pg.test.ts,
 * each with its own fixture. Each case cites its rule in apps/server/SPEC.md (SRV-ST1…ST6, ST12).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadStoredState, type AsyncUpdateLog, type RoomName, type UpdateLog } from '@perspektiv/server'

type MaybePromise<T> = T | Promise<T>
type AnyLog = UpdateLog | AsyncUpdateLog

export interface UpdateLogFixture<L extends AnyLog = AnyLog> {
  log: L
  /** A document row the log's rows may belong to (the log refuses rows of unknown documents). */
  addDocument(id: string): MaybePromise<void>
  /**
   * Overwrites what is stored for a room behind the log's back, as a damaged disk or a
   * bad manual edit would: the snapshot, or the log's first row (one is added if none).
   */
  damage(documentId: string, room: RoomName, where: 'snapshot' | 'log', bytes: Uint8Array): MaybePromise<void>
  /** The same storage through a new connection (what a restarted server sees). */
  reopen(): MaybePromise<L>
  /** Makes the backend unreachable for `log` (its connection closed). */
  disconnect(): MaybePromise<void>
  close(): MaybePromise<void>
  /**
   * Several writers share the backend (PostgreSQL): compaction must merge what it did not
   * write (SRV-ST12). SQLite has one writer, this process, and skips those cases.
   */
  sharedWriters?: { other(): MaybePromise<AnyLog> }
}

/** A Yjs update inserting `text` (a real client's edit), each on its own client. */
function edit(text: string, base?: Y.Doc): { update: Uint8Array; doc: Y.Doc } {
  const doc = base ?? new Y.Doc()
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, text)
  return { update: Y.encodeStateAsUpdate(doc, before), doc }
}

// Every call is awaited: a synchronous log's values pass through `await` unchanged, and its
// throws become rejections, so one suite serves both kinds.
const load = (log: AnyLog, id: string, room: RoomName) => loadStoredState({ loadRoom: async (d, r) => log.loadRoom(d, r) }, id, room)
const textOf = async (log: AnyLog, id: string, room: RoomName) => (await load(log, id, room)).state.toDoc().getText('t').toString()
const rows = async (log: AnyLog, id: string, room: RoomName) => (await log.loadRoom(id, room)).updates

let counter = 0
const newId = () => `contract-${++counter}`

export function updateLogContract(name: string, makeFixture: () => MaybePromise<UpdateLogFixture>, options: { sharedWriters?: boolean } = {}): void {
  const withFixture = (fn: (f: UpdateLogFixture) => Promise<void>) => async () => {
    const f = await makeFixture()
    try {
      await fn(f)
    } finally {
      await f.close()
    }
  }

  describe(`UpdateLog contract: ${name}`, () => {
    it(
      'SRV-ST1: loads what was appended, byte for byte and in order, per document and room; an unwritten room is empty',
      withFixture(async (f) => {
        const [a, b] = [newId(), newId()]
        await f.addDocument(a)
        await f.addDocument(b)
        expect(await f.log.loadRoom(a, 'content')).toEqual({ snapshot: null, updates: [] })
        const one = edit('Ett. ')
        const two = edit('Två.', one.doc)
        const review = edit('Kommentar')
        await f.log.appendUpdates([{ documentId: a, room: 'content', data: one.update }])
        await f.log.appendUpdates([
          { documentId: a, room: 'content', data: two.update },
          { documentId: a, room: 'review', data: review.update },
          { documentId: b, room: 'content', data: review.update },
        ])
        expect((await rows(f.log, a, 'content')).map((u) => [...u])).toEqual([[...one.update], [...two.update]])
        expect((await rows(f.log, a, 'review')).map((u) => [...u])).toEqual([[...review.update]])
        expect(await textOf(f.log, a, 'content')).toBe('Ett. Två.')
        expect(await textOf(f.log, b, 'content')).toBe('Kommentar')
        // SRV-ST6: a new connection sees every committed row.
        expect(await textOf(await f.reopen(), a, 'content')).toBe('Ett. Två.')
      }),
    )

    it(
      'SRV-ST2: a batch is stored whole or not at all',
      withFixture(async (f) => {
        const a = newId()
        await f.addDocument(a)
        const kept = edit('Lagrad.')
        await f.log.appendUpdates([{ documentId: a, room: 'content', data: kept.update }])
        const lost = edit(' Aldrig.', kept.doc)
        // The second row belongs to no document: the backend refuses it, and with it the first.
        await expect(async () =>
          f.log.appendUpdates([
            { documentId: a, room: 'content', data: lost.update },
            { documentId: 'no-such-document', room: 'content', data: lost.update },
          ]),
        ).rejects.toThrow()
        expect(await rows(f.log, a, 'content')).toHaveLength(1)
        expect(await textOf(f.log, a, 'content')).toBe('Lagrad.')
      }),
    )

    it(
      'SRV-ST3: compaction replaces the snapshot and the rows it merged, and later rows follow it; other rooms are untouched',
      withFixture(async (f) => {
        const [a, b] = [newId(), newId()]
        await f.addDocument(a)
        await f.addDocument(b)
        const one = edit('Före. ')
        const other = edit('Annat rum')
        await f.log.appendUpdates([
          { documentId: a, room: 'content', data: one.update },
          { documentId: a, room: 'review', data: other.update },
          { documentId: b, room: 'content', data: other.update },
        ])
        await f.log.compactRoom(a, 'content', Y.encodeStateAsUpdate(one.doc))
        expect(await rows(f.log, a, 'content')).toHaveLength(0)
        const after = edit('Efter.', one.doc)
        await f.log.appendUpdates([{ documentId: a, room: 'content', data: after.update }])
        const stored = await f.log.loadRoom(a, 'content')
        expect(stored.snapshot).not.toBeNull()
        expect(stored.updates).toHaveLength(1)
        expect(await textOf(f.log, a, 'content')).toBe('Före. Efter.')
        // A second compaction replaces the first snapshot.
        await f.log.compactRoom(a, 'content', Y.encodeStateAsUpdate(after.doc))
        expect(await rows(f.log, a, 'content')).toHaveLength(0)
        expect(await textOf(await f.reopen(), a, 'content')).toBe('Före. Efter.')
        expect(await rows(f.log, a, 'review')).toHaveLength(1)
        expect(await textOf(f.log, b, 'content')).toBe('Annat rum')
      }),
    )

    for (const where of ['snapshot', 'log'] as const) {
      it(
        `SRV-ST5: a damaged ${where} fails the load (garbage, truncated, empty), never loads as an empty room`,
        withFixture(async (f) => {
          const good = edit('En text som inte får försvinna.')
          for (const damaged of [new Uint8Array([0xff, 0x13, 0x37, 0, 0x42, 0x99, 1]), good.update.subarray(0, good.update.length >> 1), new Uint8Array(0)]) {
            const id = newId()
            await f.addDocument(id)
            await f.log.compactRoom(id, 'review', Y.encodeStateAsUpdate(good.doc))
            await f.log.appendUpdates([{ documentId: id, room: 'review', data: edit(' Mer.', good.doc).update }])
            await f.damage(id, 'review', where, damaged)
            await expect(load(f.log, id, 'review'), `${where}: ${damaged.length} bytes`).rejects.toThrow(/cannot read stored review state/)
          }
        }),
      )
    }

    it(
      'SRV-ST5: an unreachable backend fails the load; it does not answer an empty room',
      withFixture(async (f) => {
        const id = newId()
        await f.addDocument(id)
        await f.log.appendUpdates([{ documentId: id, room: 'content', data: edit('Finns.').update }])
        await f.disconnect()
        await expect(async () => f.log.loadRoom(id, 'content')).rejects.toThrow()
        await expect(load(f.log, id, 'content')).rejects.toThrow(/cannot read stored content state/)
      }),
    )

    it.skipIf(!options.sharedWriters)(
      'SRV-ST12: a compaction keeps the rows another writer stored that its state lacks',
      withFixture(async (f) => {
        const other = await f.sharedWriters!.other()
        const id = newId()
        await f.addDocument(id)
        const mine = edit('Min text. ')
        await f.log.appendUpdates([{ documentId: id, room: 'content', data: mine.update }])
        // Another instance's author typed into the same room; this instance never saw it.
        const theirs = edit('Deras text.', new Y.Doc())
        await other.appendUpdates([{ documentId: id, room: 'content', data: theirs.update }])
        // This instance compacts with the state it holds in memory (its own edit only).
        await f.log.compactRoom(id, 'content', Y.encodeStateAsUpdate(mine.doc))
        const text = await textOf(await f.reopen(), id, 'content')
        expect(text).toContain('Min text. ')
        expect(text).toContain('Deras text.')
        expect(await rows(f.log, id, 'content')).toHaveLength(0)
        // A deletion only the other writer made survives too.
        const deleter = new Y.Doc()
        Y.applyUpdate(deleter, Y.encodeStateAsUpdate((await load(f.log, id, 'content')).state.toDoc()))
        const before = Y.encodeStateVector(deleter)
        deleter.getText('t').delete(deleter.getText('t').toString().indexOf('Min '), 'Min '.length)
        await other.appendUpdates([{ documentId: id, room: 'content', data: Y.encodeStateAsUpdate(deleter, before) }])
        await f.log.compactRoom(id, 'content', Y.encodeStateAsUpdate(mine.doc))
        expect(await textOf(f.log, id, 'content')).not.toContain('Min ')
        expect(await textOf(f.log, id, 'content')).toContain('text. ')
      }),
    )

    it.skipIf(!options.sharedWriters)(
      'SRV-ST12: two writers compacting one room at once while a third appends: nothing is lost',
      withFixture(async (f) => {
        const other = await f.sharedWriters!.other()
        const id = newId()
        await f.addDocument(id)
        const base = edit('Början. ')
        await f.log.appendUpdates([{ documentId: id, room: 'content', data: base.update }])
        const words: string[] = []
        const writers: Promise<void>[] = []
        for (let i = 0; i < 30; i++) {
          const word = `ord${i} `
          words.push(word)
          writers.push(Promise.resolve(other.appendUpdates([{ documentId: id, room: 'content', data: edit(word).update }])))
          if (i % 5 === 0) {
            writers.push(Promise.resolve(f.log.compactRoom(id, 'content', Y.encodeStateAsUpdate(base.doc))))
            writers.push(Promise.resolve(other.compactRoom(id, 'content', Y.encodeStateAsUpdate(base.doc))))
          }
        }
        await Promise.all(writers)
        await Promise.all([
          f.log.compactRoom(id, 'content', Y.encodeStateAsUpdate(base.doc)),
          other.compactRoom(id, 'content', Y.encodeStateAsUpdate(base.doc)),
        ])
        const text = await textOf(await f.reopen(), id, 'content')
        for (const word of [...words, 'Början. ']) expect(text).toContain(word)
        expect(text.length).toBe([...words, 'Början. '].join('').length)
      }),
    )
  })
}
