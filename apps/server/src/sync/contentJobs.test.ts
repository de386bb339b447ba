/**
 * SRV-S16, SRV-S17, SRV-S18: the content jobs give the same answer inline and on the state
 * pool (the same functions run on both), and a registry sends a large room's reads, its
 * unload and an uncached sync step 1 to the pool, a small room's not.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { emptyMeta } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { createDocumentYDoc, META_MAP, writeMeta, yDocToJSON } from '@perspektiv/document'
import { coverageOfDocument } from '@perspektiv/coverage'
import { createThread, setVerdict } from '@perspektiv/review'
import { readContent, readReview, runContentJob, type ContentRead, type ReviewRead, type SuggestedRead } from './contentJobs.js'
import { encodeSyncStep2FromUpdate, encodeUpdate, MESSAGE_SYNC, SYNC_STEP1 } from './protocol.js'
import { documentOnDisk, quietRooms, recordingPeer } from './registry.testSupport.js'
import { StateJobError, StatePool } from './statePool.js'

const templates = loadTemplates()
const remissvar = templates.get('remissvar')!
const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})
/** A pool of one thread that records the kind of every job it is given. */
const pool = () => {
  const p = new StatePool({ size: 1 })
  cleanup.push(() => p.close())
  const run = p.run.bind(p)
  const kinds: string[] = []
  p.run = (job, options) => {
    kinds.push(job.kind)
    return run(job, options)
  }
  return Object.assign(p, { kinds })
}

/** A document's content with a header, a pile of `pileBytes` one-character insertions, and edits on top as separate updates. */
function content(pileBytes: number) {
  const doc = createDocumentYDoc(remissvar, { ...emptyMeta('Stort ärende'), dnr: 'KS 2026/1' })
  const pile = doc.getText('pile')
  for (let i = 0; i < pileBytes / 8; i++) pile.insert(0, 'x')
  const parts = [Y.encodeStateAsUpdate(doc)]
  doc.on('update', (u: Uint8Array) => parts.push(u))
  writeMeta(doc, { ...emptyMeta('Stort ärende, ändrat'), dnr: 'KS 2026/1' })
  pile.delete(0, 100)
  return { doc, parts }
}

describe('content jobs (SRV-S16, SRV-S17)', () => {
  it('SRV-S16: the content read on a thread is the one read inline, and what a Y.Doc of it shows', async () => {
    const { doc, parts } = content(200 * 1024)
    const inline = readContent(parts, remissvar, true)
    const threaded = (await pool().run({ kind: 'content', parts, template: remissvar, gc: true })) as ContentRead & { ms: number }
    expect(threaded.json).toEqual(inline.json)
    expect(threaded.metaJson).toEqual(inline.metaJson)
    expect(threaded.meta).toEqual(inline.meta)
    expect(threaded.coverage).toEqual(inline.coverage)
    expect(inline.json).toEqual(yDocToJSON(doc))
    expect(inline.meta.title).toBe('Stort ärende, ändrat')
    expect(inline.coverage).toEqual(coverageOfDocument(remissvar, yDocToJSON(doc), doc.getMap(META_MAP).toJSON()))
    // The garbage-collected encoding (unload's snapshot, SRV-S17): the same bytes, and the same text.
    expect(Buffer.compare(threaded.update!, inline.update!)).toBe(0)
    const back = new Y.Doc()
    Y.applyUpdate(back, threaded.update!)
    expect(back.getText('pile').toString()).toBe(doc.getText('pile').toString())
    expect(threaded.ms).toBeGreaterThan(0)
  })

  it('SRV-S16: coverage as accepted and the tracked content are the same on a thread', async () => {
    const { parts } = content(10 * 1024)
    const review = [Y.encodeStateAsUpdate(new Y.Doc())]
    const p = pool()
    for (const as of ['coverage', 'tracked'] as const) {
      const job = { kind: 'suggested' as const, parts, review, template: remissvar, as }
      const { ms: _ms, ...threaded } = (await p.run(job)) as SuggestedRead & { ms: number }
      expect(threaded).toEqual(runContentJob(job))
    }
  })

  it('SRV-S16: the review room read on a thread (verdicts, threads, suggestions) is the one read inline', async () => {
    const review = new Y.Doc()
    setVerdict(review, 'barnratt', {
      verdict: 'komplettering',
      comment: 'Beskriv konsekvenserna.',
      by: { username: 'rita', name: 'Rita' },
      at: '2026-12-01T10:00:00.000Z',
      sectionFingerprint: 'x',
    })
    createThread(review, {
      id: 't1',
      anchor: { start: 'AA==', end: 'AA==', quote: 'åtgärder', sectionKey: 'sammanfattning' },
      comment: { id: 't1-c1', author: { username: 'rita', name: 'Rita' }, text: 'Vilka åtgärder avses?', at: '2026-12-01T10:00:00.000Z' },
    })
    review.getText('pile').insert(0, 'x'.repeat(10)) // not part of the review shape: ignored by both
    const parts = [Y.encodeStateAsUpdate(review)]
    const { ms: _ms, ...threaded } = (await pool().run({ kind: 'review', parts })) as ReviewRead & { ms: number }
    expect(threaded).toEqual(readReview(parts))
    expect(threaded.threads.map((t) => t.id)).toEqual(['t1'])
    expect(threaded.verdicts.barnratt?.verdict).toBe('komplettering')
  })

  it('SRV-S19: what a review-room update added (a reply, a verdict) reads the same on a thread as inline; earlier comments are not news', async () => {
    const review = new Y.Doc()
    createThread(review, {
      id: 't1',
      anchor: { start: 'AA==', end: 'AA==', quote: 'åtgärder', sectionKey: 'sammanfattning' },
      comment: { id: 't1-c1', author: { username: 'rita', name: 'Rita' }, text: 'Vilka åtgärder avses?', at: '2026-12-01T10:00:00.000Z' },
    })
    review.getText('pile').insert(0, 'x'.repeat(1000)) // not part of the review shape
    const before = Y.encodeStateVector(review)
    const comments = (review.getMap('threads').get('t1') as Y.Map<unknown>).get('comments') as Y.Array<unknown>
    review.transact(() => {
      comments.push([{ id: 't1-c2', author: { username: 'anna', name: 'Anna' }, text: '@rita Se avsnitt 3.', at: '2026-12-01T11:00:00.000Z' }])
      setVerdict(review, 'barnratt', {
        verdict: 'godkand',
        comment: '',
        by: { username: 'rita', name: 'Rita' },
        at: '2026-12-01T11:00:00.000Z',
        sectionFingerprint: 'x',
      })
    })
    const update = Y.encodeStateAsUpdate(review, before)
    const parts = [Y.encodeStateAsUpdate(review)]
    const inline = runContentJob({ kind: 'reviewChanges', parts, update })
    const { ms: _ms, ...threaded } = (await pool().run({ kind: 'reviewChanges', parts, update })) as typeof inline & { ms: number }
    expect(threaded).toEqual(inline)
    expect(threaded).toMatchObject({
      comments: [{ threadId: 't1', comment: { id: 't1-c2' }, earlier: [{ id: 't1-c1' }] }],
      verdicts: [{ perspectiveKey: 'barnratt', verdict: { verdict: 'godkand' } }],
    })
  })

  it('SRV-S18: a diff for a state vector is the one Yjs computes; a malformed state vector fails its job only', async () => {
    const { doc, parts } = content(200 * 1024)
    const other = new Y.Doc()
    Y.applyUpdate(other, parts[0]!)
    const stateVector = Y.encodeStateVector(other)
    const p = pool()
    const { update } = (await p.run({ kind: 'diff', parts, stateVector })) as { update: Uint8Array }
    expect(Buffer.compare(update, Y.diffUpdate(Y.mergeUpdates(parts), stateVector))).toBe(0)
    Y.applyUpdate(other, update)
    expect(other.getText('pile').toString()).toBe(doc.getText('pile').toString())
    await expect(p.run({ kind: 'diff', parts, stateVector: new Uint8Array([5, 0xff]) })).rejects.toBeInstanceOf(StateJobError)
    expect(p.threadCount).toBe(1)
  })
})

/** A registry on SQLite with one document whose content room holds `pileBytes` more, loaded. */
async function registryWith(pileBytes: number, statePool: StatePool) {
  const { db, store, author, record } = await documentOnDisk(cleanup, 'contentjobs', remissvar, 'Stort')
  const pile = new Y.Doc()
  pile.clientID = 4242
  for (let i = 0; i < pileBytes / 8; i++) pile.getText('pile').insert(0, 'x')
  const snapshot = db.prepare("SELECT data FROM snapshots WHERE document_id = ? AND room = 'content'").get(record.id) as { data: Buffer }
  db.prepare("UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'").run(
    Buffer.from(Y.mergeUpdates([snapshot.data, Y.encodeStateAsUpdate(pile)])),
    record.id,
  )
  const rooms = quietRooms(cleanup, store, templates, statePool)
  const live = await rooms.open(record)
  const { connection: peer, sent } = recordingPeer(record.id, { userId: author.id, username: 'anna', sessionHash: 'h' })
  const room = rooms.join(live, 'content', peer)
  return { db, rooms, live, record, room, peer, sent }
}

describe('a registry with a state pool (SRV-S16, SRV-S17, SRV-S18)', () => {
  it('SRV-S16: a large room is read on the pool once per version; a small room inline', async () => {
    const p = pool()
    const small = await registryWith(1024, p)
    expect((await small.rooms.content(small.live)).meta.title).toBe('Stort')
    expect(p.kinds).toEqual([])
    const large = await registryWith(200 * 1024, p)
    const [a, b] = await Promise.all([large.rooms.content(large.live), large.rooms.content(large.live)])
    expect(a).toBe(b) // one read for both
    expect(await large.rooms.content(large.live)).toBe(a) // unchanged: nothing read again
    expect(a.meta.title).toBe('Stort')
    expect(p.kinds).toEqual(['load', 'content'])
  })

  it('SRV-S17: unloading a large room compacts it with its garbage-collected state and writes the summary, from the pool; it reopens whole', async () => {
    const p = pool()
    const { db, rooms, live, record, room, peer } = await registryWith(200 * 1024, p)
    const client = new Y.Doc()
    Y.applyUpdate(client, live.content.state.stateAsUpdate())
    const before = Y.encodeStateVector(client)
    writeMeta(client, { ...emptyMeta('Stort, omdöpt'), dnr: 'KS 2026/9' })
    client.getText('pile').delete(0, 1000)
    room.receive(peer, encodeUpdate(Y.encodeStateAsUpdate(client, before)))
    await rooms.flush()
    expect(db.prepare('SELECT count(*) AS n FROM doc_updates WHERE document_id = ?').get(record.id)).toEqual({ n: 1 })
    const expected = new Y.Doc()
    Y.applyUpdate(expected, live.content.state.stateAsUpdate())
    const gc = Y.encodeStateAsUpdate(expected)
    rooms.leave(room, peer)
    const unloaded = rooms.unload(live)
    // Opened again once it is dropped, while the pool is still building what unload writes:
    // the load waits, and reads what that leaves (else it would count a log row compaction deletes).
    while (rooms.isLoaded(record.id)) await new Promise((r) => setImmediate(r))
    const reopened = rooms.open(record)
    await unloaded
    expect(p.kinds.slice(1)).toEqual(['content']) // one build on the pool: summary and snapshot
    expect(db.prepare('SELECT count(*) AS n FROM doc_updates WHERE document_id = ?').get(record.id)).toEqual({ n: 0 })
    const snapshot = db.prepare("SELECT data FROM snapshots WHERE document_id = ? AND room = 'content'").get(record.id) as { data: Buffer }
    expect(Buffer.compare(snapshot.data, gc)).toBe(0)
    expect(db.prepare('SELECT title, dnr FROM documents WHERE id = ?').get(record.id)).toEqual({ title: 'Stort, omdöpt', dnr: 'KS 2026/9' })
    const again = await reopened
    expect(again).not.toBe(live)
    expect((await rooms.content(again)).meta.title).toBe('Stort, omdöpt')
    expect(again.content.logCount).toBe(0)
  })

  it('SRV-S18: an uncached sync step 1 of a large room is answered from the pool with its ms; the repeat from the cache at once', async () => {
    const p = pool()
    const { live, room, peer, sent } = await registryWith(200 * 1024, p)
    // A client holding the first half of the pile: its sync step 1 asks for the rest.
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, 4242)
    encoding.writeVarUint(e, 12_800)
    const sv = encoding.toUint8Array(e)
    const step1 = () => {
      const m = encoding.createEncoder()
      encoding.writeVarUint(m, MESSAGE_SYNC)
      encoding.writeVarUint(m, SYNC_STEP1)
      encoding.writeVarUint8Array(m, sv)
      return encoding.toUint8Array(m)
    }
    sent.length = 0
    const pending = room.receive(peer, step1())
    expect(pending).toBeInstanceOf(Promise)
    expect(sent).toHaveLength(0) // not answered on this thread
    const ms = await pending
    expect(ms).toBeGreaterThan(0)
    const expected = encodeSyncStep2FromUpdate(Y.diffUpdate(live.content.state.stateAsUpdate(), sv))
    expect(sent).toHaveLength(1)
    expect(Buffer.compare(sent[0]!, expected)).toBe(0)
    // The same state vector again, same version: from the cache, no job.
    expect(room.receive(peer, step1())).toBeUndefined()
    expect(Buffer.compare(sent[1]!, expected)).toBe(0)
  })

  it('SRV-S18: a fresh client of a large room with updates appended since its load gets the whole document from the pool, merged there', async () => {
    const p = pool()
    const { rooms, live, room, peer, sent } = await registryWith(200 * 1024, p)
    const client = new Y.Doc()
    Y.applyUpdate(client, live.content.state.stateAsUpdate())
    const before = Y.encodeStateVector(client)
    client.getText('anteckning').insert(0, 'Tillagt efter laddningen.')
    room.receive(peer, encodeUpdate(Y.encodeStateAsUpdate(client, before)))
    await rooms.flush()
    expect(live.content.state.tailLength).toBe(1)
    const fresh = encoding.createEncoder()
    encoding.writeVarUint(fresh, MESSAGE_SYNC)
    encoding.writeVarUint(fresh, SYNC_STEP1)
    encoding.writeVarUint8Array(fresh, Y.encodeStateVector(new Y.Doc()))
    sent.length = 0
    const pending = room.receive(peer, encoding.toUint8Array(fresh))
    expect(pending).toBeInstanceOf(Promise)
    expect(live.content.state.tailLength).toBe(1) // nothing merged on this thread
    await pending
    expect(p.kinds.at(-1)).toBe('diff')
    const opened = new Y.Doc()
    const message = sent[0]!
    // [MESSAGE_SYNC, SYNC_STEP2, varUint8Array update]: the update starts after the length prefix.
    const decoder = decoding.createDecoder(message)
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    Y.applyUpdate(opened, decoding.readVarUint8Array(decoder))
    expect(opened.getText('anteckning').toString()).toBe('Tillagt efter laddningen.')
    expect(opened.getText('pile').length).toBe(client.getText('pile').length)
    // The next fresh client: the answer kept for this version, no job.
    expect(room.receive(peer, encoding.toUint8Array(fresh))).toBeUndefined()
  })
})
