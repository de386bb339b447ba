import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { HeaderItems, markHeaderItems } from './headerItems.js'
import { runContentJob, type ContentJob, type ContentRead, type ReviewRead, type SuggestedRead } from './contentJobs.js'
import type { ReviewChanges } from './reviewChanges.js'

/**
 * The work of reading a room's stored parts, as plain functions on bytes: run inline for
 * small rooms and on the state pool's threads for large ones (statePool.ts), so both paths
 * validate and merge exactly alike.
 */
export type StateJob = { kind: 'load'; parts: Uint8Array[] } | { kind: 'merge'; parts: Uint8Array[] } | ContentJob

/** A room's stored parts read back: one update holding them all, and what it tells. */
export interface LoadedParts {
  update: Uint8Array
  /** Known when it came for free (one part) or off the main thread (the pool computes it). */
  stateVector?: Uint8Array
  /** The root types that hold content (the content room must have sections). */
  roots: string[]
  /** The header's items (HeaderItems.toArray: plain numbers, as a state thread can send them). */
  header: number[]
}

export type StateResult = (LoadedParts | { update: Uint8Array } | ContentRead | SuggestedRead | ReviewRead | ReviewChanges) & {
  /** Milliseconds the job took on its thread (set by the thread: what a socket's work budget is charged, SRV-S18). */
  ms?: number
}

/** What a job of each kind answers. */
export type ResultOf<J extends StateJob> = (J extends { kind: 'load' }
  ? LoadedParts
  : J extends { kind: 'merge' | 'gc' | 'diff' }
    ? { update: Uint8Array }
    : J extends { kind: 'content' }
      ? ContentRead
      : J extends { kind: 'suggested' }
        ? SuggestedRead
        : J extends { kind: 'review' }
          ? ReviewRead
          : J extends { kind: 'reviewChanges' }
            ? ReviewChanges
            : never) & { ms?: number }

/** An update with nothing in it. */
export const EMPTY_UPDATE = new Uint8Array([0, 0])

type Decoded = ReturnType<typeof Y.decodeUpdate>

/**
 * Decodes every part completely (that is what validates it: a part Yjs refuses throws,
 * naming it) and merges them into one update. Parts are decoded one at a time and dropped,
 * so the decoded structs of the whole room are never held at once.
 */
export function loadParts(parts: Uint8Array[], withStateVector = false): LoadedParts {
  const roots = new Set<string>()
  // Parts in stored order: one refers only to items of itself or of earlier parts.
  const header = new HeaderItems()
  let single: Decoded | undefined
  parts.forEach((part, i) => {
    let decoded: Decoded
    try {
      decoded = Y.decodeUpdate(part)
    } catch (err) {
      throw new Error(`part ${i + 1} of ${parts.length}: ${(err as Error).message}`)
    }
    for (const s of decoded.structs) if (s instanceof Y.Item && typeof s.parent === 'string') roots.add(s.parent)
    markHeaderItems(decoded.structs, header)
    if (parts.length === 1) single = decoded
  })
  if (parts.length === 0)
    return { update: EMPTY_UPDATE, stateVector: withStateVector ? Y.encodeStateVectorFromUpdate(EMPTY_UPDATE) : undefined, roots: [], header: [] }
  // One part (a snapshot, the usual case): its state vector comes from the decode above.
  if (single) return { update: parts[0]!, stateVector: stateVectorOf(single.structs), roots: [...roots], header: header.toArray() }
  const update = Y.mergeUpdates(parts)
  return { update, stateVector: withStateVector ? Y.encodeStateVectorFromUpdate(update) : undefined, roots: [...roots], header: header.toArray() }
}

/** Runs one job (on whichever thread calls it). */
export function runJob(job: StateJob): StateResult {
  if (job.kind === 'load') return loadParts(job.parts, true)
  if (job.kind === 'merge') return { update: job.parts.length === 1 ? job.parts[0]! : Y.mergeUpdates(job.parts) }
  return runContentJob(job)
}

/**
 * The state vector of a decoded update: per client, the clock up to which it holds every
 * struct from 0 (as `Y.encodeStateVectorFromUpdate`, without decoding the bytes again).
 */
export function stateVectorOf(structs: Decoded['structs']): Uint8Array {
  const clocks: Array<[number, number]> = []
  let client = -1
  let clock = 0
  let counting = false
  for (const s of structs) {
    if (s.id.client !== client) {
      if (clock > 0) clocks.push([client, clock])
      client = s.id.client
      clock = 0
      counting = s.id.clock === 0
    }
    if (s instanceof Y.Skip || s.id.clock !== clock) counting = false
    if (counting) clock = s.id.clock + s.length
  }
  if (clock > 0) clocks.push([client, clock])
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, clocks.length)
  for (const [c, k] of clocks) {
    encoding.writeVarUint(e, c)
    encoding.writeVarUint(e, k)
  }
  return encoding.toUint8Array(e)
}

/** Bytes of `view` in an ArrayBuffer of their own (to transfer to, or copy cheaply into, another thread). */
export function ownBuffer(view: Uint8Array): Uint8Array {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer ? view : view.slice()
}
