import * as Y from 'yjs'
import { HeaderItems, markHeaderItems } from './headerItems.js'
import { loadParts, type LoadedParts } from './stateJobs.js'
import { encodeSyncStep2FromUpdate, isEmptyStateVector } from './protocol.js'

/**
 * What the server needs to know about one update before storing it, from one decode:
 * decoding all of it is also what validates it (a malformed update throws here and is
 * never stored, so it can never make a document unreadable later).
 */
export interface UpdateInfo {
  /** No structs and no deletions (a client's reply when it has nothing new). */
  empty: boolean
  structs: number
  deletes: boolean
  /**
   * Edits the header (title, dnr, signatories, …: inserted into, deleted from or set on
   * `meta` and the types under it) or sets a map value or node attribute anywhere (e.g.
   * "not relevant"): the documents list should show it soon (SRV-S6).
   */
  headerOrAttributes: boolean
}

/**
 * Decodes `update` completely; throws when it is not a well-formed Yjs (v1) update. With
 * the room's `header`, its header items are added to it (also when the update is a map
 * value anyway: later keystrokes refer to them) and header edits are told apart from text.
 */
export function inspectUpdate(update: Uint8Array, header?: HeaderItems): UpdateInfo {
  return infoOf(Y.decodeUpdate(update), header)
}

type Decoded = ReturnType<typeof Y.decodeUpdate>

function infoOf({ structs, ds }: Decoded, header: HeaderItems | undefined): UpdateInfo {
  let headerOrAttributes = false
  for (const s of structs) {
    if (s instanceof Y.Item && s.content instanceof Y.ContentAny) {
      headerOrAttributes = true
      break
    }
  }
  const deletes = ds.clients.size > 0
  if (header) {
    if (markHeaderItems(structs, header)) headerOrAttributes = true
    // After marking: an update that inserts into the header and deletes it again is seen too.
    if (!headerOrAttributes && deletes && header.touchedBy(ds)) headerOrAttributes = true
  }
  return { empty: structs.length === 0 && !deletes, structs: structs.length, deletes, headerOrAttributes }
}

/** Merges the facts of several updates merged into one. */
export function mergeInfo(a: UpdateInfo, b: UpdateInfo): UpdateInfo {
  return {
    empty: a.empty && b.empty,
    structs: a.structs + b.structs,
    deletes: a.deletes || b.deletes,
    headerOrAttributes: a.headerOrAttributes || b.headerOrAttributes,
  }
}

/** A stored room read back: its state (with its header items), and the root types that hold content in it. */
export interface LoadedState {
  state: RoomState
  roots: Set<string>
}

/**
 * The stored parts of a room (snapshot, then log rows) as a RoomState, each part decoded
 * completely first, on this thread (statePool.ts does it on another). Throws (naming the
 * part) when one cannot be read.
 */
export function loadState(parts: Uint8Array[]): LoadedState {
  return fromLoaded(loadParts(parts))
}

/** The RoomState of parts read by `loadParts`, here or on a state thread. */
export function fromLoaded({ update, stateVector, roots, header }: LoadedParts): LoadedState {
  return { state: new RoomState(update, stateVector, new HeaderItems(header)), roots: new Set(roots) }
}

/**
 * Appended updates are merged in small steps so that neither their count nor the cost of
 * one merge grows with the document: every TAIL_CHUNK updates become one chunk, every
 * TAIL_CHUNK chunks one larger chunk. (Each update held on its own costs a few hundred
 * bytes of bookkeeping; a typed page is hundreds of updates.) The base is merged only
 * when someone needs the whole state, by compaction, or when the room is quiet.
 */
const TAIL_CHUNK = 32

/** Sync step 2 answers kept per version of a room (oldest dropped first). */
const MAX_CACHED_ANSWERS = 16
/** Larger answers are not kept (16 of them would hold too much memory); the work budget still charges them. */
const MAX_CACHED_ANSWER_BYTES = 8 * 1024 * 1024

/**
 * One room's Yjs document held as update bytes, not as a Y.Doc: a base update and the
 * updates stored since, merged only when someone needs the whole (a client syncing,
 * compaction). A Y.Doc of a ten-page text with its history takes ≈ 1.7 MB of heap and
 * 10–90 ms to build; its update bytes take ≈ 120 kB, and relaying an edit needs none of it.
 * A Y.Doc is built only for what reads the content (REST, coverage, export), and dropped.
 */
export class RoomState {
  /** Bumped by every append: "has the document changed since …?" */
  version = 0
  /** Merged chunks of earlier appends, then the latest appends one by one. */
  private chunks: Uint8Array[] = []
  private tail: Uint8Array[] = []
  private tailBytes = 0
  /** Caches, valid for the current version only (deleteSet: until the next deletion). */
  private sv: Uint8Array | undefined
  private wholeMessage: Uint8Array | undefined
  private deleteSet: Uint8Array | undefined
  /**
   * Sync step 2 answers by the state vector asked with, for the current version: a client
   * repeating its sync step 1 (or many clients at the same state) costs a lookup, not a
   * diff of the whole document (issue 22.1). Emptied by every change of the state.
   */
  private answers = new Map<string, Uint8Array>()

  constructor(
    private base: Uint8Array,
    stateVector?: Uint8Array,
    /**
     * The header's items (headerItems.ts), found when loading and kept up to date by
     * `inspectUpdate` of every update stored here or by another instance. Replacing the
     * state by a compacted one keeps it: compaction keeps every ID.
     */
    readonly header = new HeaderItems(),
  ) {
    this.sv = stateVector
  }

  /** Bytes held (base and tail). */
  get byteLength(): number {
    return this.base.byteLength + this.tailBytes
  }

  /** Arrays held besides the base (appended updates and chunks of them). */
  get tailLength(): number {
    return this.chunks.length + this.tail.length
  }

  /** A stored update joins the state. */
  append(update: Uint8Array, info: UpdateInfo): void {
    this.tail.push(update)
    this.tailBytes += update.byteLength
    if (this.tail.length >= TAIL_CHUNK) {
      this.chunks.push(Y.mergeUpdates(this.tail))
      this.tail = []
      if (this.chunks.length >= TAIL_CHUNK) this.chunks = [Y.mergeUpdates(this.chunks)]
      this.tailBytes = this.chunks.reduce((n, c) => n + c.byteLength, 0)
    }
    this.version++
    this.sv = undefined
    this.wholeMessage = undefined
    this.answers.clear()
    // Structs alone do not change the delete set.
    if (info.deletes) this.deleteSet = undefined
  }

  /** The whole state as one update (merging what was appended since the last call). */
  stateAsUpdate(): Uint8Array {
    if (this.tailLength > 0) {
      const parts = isEmptyUpdate(this.base) ? [...this.chunks, ...this.tail] : [this.base, ...this.chunks, ...this.tail]
      this.base = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts)
      this.chunks = []
      this.tail = []
      this.tailBytes = 0
    }
    return this.base
  }

  /** Replaces the state with an equivalent, smaller encoding of it (e.g. garbage-collected). */
  replace(update: Uint8Array): void {
    this.base = update
    this.chunks = []
    this.tail = []
    this.tailBytes = 0
    this.wholeMessage = undefined
    this.deleteSet = undefined
    this.answers.clear()
  }

  stateVector(): Uint8Array {
    return (this.sv ??= Y.encodeStateVectorFromUpdate(this.stateAsUpdate()))
  }

  /** Sync step 2 for a client with `stateVector`. Throws on a malformed state vector. */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    const known = this.knownSyncStep2(stateVector)
    if (known) return known
    const answer = encodeSyncStep2FromUpdate(Y.diffUpdate(this.stateAsUpdate(), stateVector))
    this.keepAnswer(stateVector, this.version, answer)
    return answer
  }

  /**
   * Sync step 2 for `stateVector` when it costs no diff: the whole document (encoded once
   * per version) or an answer kept for this version; undefined when a diff is needed.
   * `withoutMerge`: undefined too when the whole document would first have to be merged
   * (a large room's fresh open then goes to the state pool, SRV-S18).
   */
  knownSyncStep2(stateVector: Uint8Array, withoutMerge = false): Uint8Array | undefined {
    // Every fresh open gets the whole document: encoded once per version.
    if (isEmptyStateVector(stateVector)) {
      if (withoutMerge && !this.wholeMessage && this.tailLength > 0) return undefined
      return (this.wholeMessage ??= encodeSyncStep2FromUpdate(this.stateAsUpdate()))
    }
    return this.answers.get(answerKey(stateVector))
  }

  /** Keeps a sync step 2 answer computed for `version` (here or on a state thread, SRV-S18), unless the state changed since. */
  keepAnswer(stateVector: Uint8Array, version: number, answer: Uint8Array): void {
    // A few distinct state vectors per version (the clients in the room); more are not repeats.
    if (version !== this.version) return
    if (isEmptyStateVector(stateVector)) {
      this.wholeMessage = answer
      return
    }
    if (answer.byteLength > MAX_CACHED_ANSWER_BYTES) return
    if (this.answers.size >= MAX_CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value!)
    this.answers.set(answerKey(stateVector), answer)
  }

  /**
   * Is `update` (one with no structs) exactly the room's delete set? Every client's reply
   * to the server's sync step 1 carries its whole delete set; when that is what the room
   * has, there is nothing to store or send on.
   */
  isKnownDeleteSet(update: Uint8Array): boolean {
    const known = (this.deleteSet ??= Y.diffUpdate(this.stateAsUpdate(), this.stateVector()))
    return known.byteLength === update.byteLength && Buffer.compare(known, update) === 0
  }

  /** The state as the updates it is held in now (nothing merged): to hand to another thread. */
  parts(): Uint8Array[] {
    return [this.base, ...this.chunks, ...this.tail]
  }

  /** A Y.Doc of the current state, for reading (nothing done to it is stored). */
  toDoc(): Y.Doc {
    const doc = new Y.Doc({ gc: true })
    Y.applyUpdate(doc, this.stateAsUpdate())
    return doc
  }
}

const answerKey = (stateVector: Uint8Array) => Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString('latin1')

/** An update with no structs and no deletions ([0, 0]), e.g. a read-only client's sync step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0
}
