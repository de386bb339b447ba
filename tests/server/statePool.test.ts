/**
 * SRV-S15: the state pool decodes, validates and merges a large room's stored parts on a
 * worker thread, exactly as the inline load does; a thread that fails (out of heap, hung)
 * fails only its job and is replaced; jobs beyond the threads queue, beyond the queue are
 * refused; closing stops every thread.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadStoredState, readStoredState, StateJobError, StatePool, StatePoolError, type StatePoolOptions } from '@perspektiv/server'
import { smallestStructs, smallestStructsOf } from '../reliability/bigState.js'

const pools: StatePool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()))
})
const pool = (options: StatePoolOptions = {}) => {
  const p = new StatePool(options)
  pools.push(p)
  return p
}

/** A stored room: a snapshot of a text, then log rows typed on top of it by another client. */
function storedRoom(snapshotBytes: number) {
  const snapshot = smallestStructsOf(snapshotBytes)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, snapshot)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getText('pile').insert(3, 'Förslag till beslut')
  doc.getMap('meta').set('title', 'Stort ärende')
  doc.getText('pile').delete(0, 2)
  return { stored: { snapshot, updates }, doc }
}
const logOf = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }) => ({ loadRoom: () => stored })

describe('StatePool (SRV-S15)', () => {
  it('SRV-S15: a room of 128 kB or more loads on a thread into the same state, roots and sizes as the inline load', async () => {
    const { stored, doc } = storedRoom(300 * 1024)
    const p = pool({ size: 1 })
    const inline = readStoredState(logOf(stored), 'd', 'content')
    const threaded = await loadStoredState(logOf(stored), 'd', 'content', p)
    expect(p.threadCount).toBe(1) // it did go to a thread
    expect(threaded.roots).toEqual(new Set(['pile', 'meta']))
    expect(threaded.roots).toEqual(inline.roots)
    expect([threaded.count, threaded.logBytes, threaded.snapshotBytes]).toEqual([inline.count, inline.logBytes, inline.snapshotBytes])
    expect(Buffer.compare(threaded.state.stateAsUpdate(), inline.state.stateAsUpdate())).toBe(0)
    expect(Y.decodeStateVector(threaded.state.stateVector())).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
    const copy = threaded.state.toDoc()
    expect(copy.getText('pile').toString()).toBe(doc.getText('pile').toString())
    expect(copy.getMap('meta').get('title')).toBe('Stort ärende')
  })

  it('SRV-S15: a small room loads inline: no thread is started', async () => {
    const { stored } = storedRoom(10 * 1024)
    const p = pool()
    const loaded = await loadStoredState(logOf(stored), 'd', 'content', p)
    expect(loaded.roots.has('pile')).toBe(true)
    expect(p.threadCount).toBe(0)
  })

  it('SRV-S15: a part Yjs refuses fails the load as unreadable (naming the part), on a thread as inline', async () => {
    const { stored } = storedRoom(200 * 1024)
    const broken = { snapshot: stored.snapshot, updates: [stored.updates[0]!, new Uint8Array([1, 200, 3, 4, 5])] }
    const p = pool({ size: 1 })
    await expect(loadStoredState(logOf(broken), 'd', 'review', p)).rejects.toThrow(/cannot read stored review state: part 3 of 3/)
    expect(() => readStoredState(logOf(broken), 'd', 'review')).toThrow(/cannot read stored review state: part 3 of 3/)
    // The thread survives bad data: the next load uses it.
    await expect(loadStoredState(logOf(stored), 'd', 'review', p)).resolves.toBeTruthy()
    expect(p.threadCount).toBe(1)
  })

  it('SRV-S15: a thread that runs out of heap fails only its load (StatePoolError); the next load runs on a new thread', async () => {
    const logged: string[] = []
    const p = pool({ size: 1, maxHeapMb: 64, log: (event) => logged.push(event) })
    // 40 MB of the smallest structs: millions of decoded objects, far beyond 64 MB of heap.
    const huge = { snapshot: smallestStructsOf(40 * 1024 * 1024), updates: [] }
    const failed = loadStoredState(logOf(huge), 'd', 'content', p)
    await expect(failed).rejects.toBeInstanceOf(StatePoolError)
    await expect(failed).rejects.not.toThrow(/cannot read stored/)
    expect(logged).toContain('state thread failed')
    const { stored, doc } = storedRoom(200 * 1024)
    const next = await loadStoredState(logOf(stored), 'd', 'content', p)
    expect(next.state.toDoc().getText('pile').toString()).toBe(doc.getText('pile').toString())
  })

  it('SRV-S15: a job that takes too long fails with StatePoolError and its thread is replaced', async () => {
    const p = pool({ size: 1 })
    const big = [smallestStructs(300_000)]
    // No 300,000-struct decode finishes within a millisecond of being sent: it is cut off.
    await expect(p.run({ kind: 'load', parts: big }, { timeoutMs: 1 })).rejects.toThrow(/took longer than 1 ms/)
    const merged = await p.run({ kind: 'merge', parts: [smallestStructs(10), smallestStructs(10, 'pile', 7)] })
    const doc = new Y.Doc()
    Y.applyUpdate(doc, merged.update)
    expect(doc.getText('pile').length).toBe(20)
  })

  it('SRV-S15: jobs beyond the threads queue in order; beyond the queue they are refused at once', async () => {
    const p = pool({ size: 1, maxQueue: 2 })
    const parts = (n: number) => [smallestStructs(n)]
    await p.run({ kind: 'load', parts: parts(1) }) // a thread is up: the next job runs, two wait
    const jobs = [p.run({ kind: 'load', parts: parts(20_000) }), p.run({ kind: 'load', parts: parts(3) }), p.run({ kind: 'load', parts: parts(4) })]
    await expect(p.run({ kind: 'load', parts: parts(5) })).rejects.toThrow(/busy/)
    const done = await Promise.all(jobs)
    expect(done.map((r) => ('roots' in r ? r.roots : []))).toEqual([['pile'], ['pile'], ['pile']])
    expect(p.threadCount).toBe(1)
  })

  it('SRV-S15: closing fails what is queued or running and stops every thread', async () => {
    const p = pool({ size: 1 })
    await p.run({ kind: 'load', parts: [smallestStructs(10)] }) // a thread is up
    const outcome = (job: Promise<unknown>) =>
      job.then(
        () => undefined,
        (err: Error) => err,
      )
    const running = outcome(p.run({ kind: 'load', parts: [smallestStructs(300_000)] }))
    const queued = outcome(p.run({ kind: 'load', parts: [smallestStructs(10)] }))
    await p.close()
    expect(await running).toBeInstanceOf(StatePoolError)
    expect((await queued)?.message).toMatch(/closed/)
    expect(p.threadCount).toBe(0)
    await expect(p.run({ kind: 'merge', parts: [] })).rejects.toThrow(/closed/)
  })

  it('a failed job of bad data is a StateJobError', async () => {
    const p = pool({ size: 1 })
    await expect(p.run({ kind: 'load', parts: [new Uint8Array([9, 9, 9])] })).rejects.toBeInstanceOf(StateJobError)
  })
})
