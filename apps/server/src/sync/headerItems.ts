import * as Y from 'yjs'
import { META_MAP } from '@perspektiv/document'

/**
 * The items of a content room's header (the root map `meta` and every collaborative type
 * under it: title as Y.Text, handläggare as Y.Map, signatories as Y.Array of Y.Map, …), as
 * ID ranges per client, kept without a Y.Doc (the server holds update bytes only).
 *
 * Why items and not only the types' IDs: a decoded update names an item's parent only when
 * the item has no neighbours at insertion. A keystroke in the title carries its left
 * neighbour (origin) instead, and a map value set again carries the value it replaces.
 * An item has the parent of its origin (or right origin), so knowing which IDs are header
 * items attributes every insert, and a deletion (Backspace in the title) is a header edit
 * when its delete set overlaps them.
 *
 * Bounded: at most MAX_HEADER_RANGES ranges per room. A header is a few short texts, and
 * one client's continuous typing in it is one range; past the bound, new ranges are not
 * kept and edits only they would attribute reach the documents list on the slower path.
 */
export const MAX_HEADER_RANGES = 4096

export class HeaderItems {
  /** Per client: sorted, disjoint, non-adjacent [start, end) clock ranges, flattened. */
  private readonly byClient = new Map<number, number[]>()
  private ranges = 0

  /** From `toArray()` (e.g. what a state thread found, SRV-S15). */
  constructor(flat: readonly number[] = []) {
    for (let i = 0; i + 2 < flat.length; i += 3) this.add(flat[i]!, flat[i + 1]!, flat[i + 2]! - flat[i + 1]!)
  }

  /** Ranges held (the bound is on these). */
  get size(): number {
    return this.ranges
  }

  /** Is the struct with this ID a header item? */
  has(client: number, clock: number): boolean {
    const r = this.byClient.get(client)
    if (!r) return false
    const i = lastStartAtOrBefore(r, clock)
    return i >= 0 && clock < r[i + 1]!
  }

  /** `length` IDs from `clock` of `client` are header items. */
  add(client: number, clock: number, length: number): void {
    const end = clock + length
    let r = this.byClient.get(client)
    if (!r) {
      if (this.ranges >= MAX_HEADER_RANGES) return
      this.byClient.set(client, [clock, end])
      this.ranges++
      return
    }
    const n = r.length
    // The usual case: the client's next item (typing on), or one after a gap.
    if (clock >= r[n - 1]!) {
      if (clock === r[n - 1]!) r[n - 1] = end
      else if (this.ranges < MAX_HEADER_RANGES) {
        r.push(clock, end)
        this.ranges++
      }
      return
    }
    // Earlier than the last range (structs of one update seen out of order, a part read twice):
    // merge every range that overlaps or touches [clock, end).
    let lo = 0
    while (lo < n && r[lo + 1]! < clock) lo += 2
    let hi = lo
    while (hi < n && r[hi]! <= end) hi += 2
    if (lo === hi) {
      if (this.ranges >= MAX_HEADER_RANGES) return
      r.splice(lo, 0, clock, end)
      this.ranges++
      return
    }
    const merged = [Math.min(clock, r[lo]!), Math.max(end, r[hi - 1]!)]
    r = [...r.slice(0, lo), ...merged, ...r.slice(hi)]
    this.ranges -= (hi - lo) / 2 - 1
    this.byClient.set(client, r)
  }

  /** Does the delete set remove a header item (Backspace in the title, a signatory removed)? */
  touchedBy(ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
    if (this.ranges === 0) return false
    for (const [client, r] of this.byClient) {
      const deleted = ds.clients.get(client)
      if (!deleted) continue
      for (const { clock, len } of deleted) {
        const i = lastStartAtOrBefore(r, clock + len - 1)
        if (i >= 0 && r[i + 1]! > clock) return true
      }
    }
    return false
  }

  /** [client, start, end, …]: plain numbers, to send from a state thread. */
  toArray(): number[] {
    const flat: number[] = []
    for (const [client, r] of this.byClient) for (let i = 0; i < r.length; i += 2) flat.push(client, r[i]!, r[i + 1]!)
    return flat
  }
}

/** Index (even) of the last range of `r` starting at or before `clock`, or -1. */
function lastStartAtOrBefore(r: number[], clock: number): number {
  let lo = 0
  let hi = r.length / 2 - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (r[mid * 2]! <= clock) {
      found = mid * 2
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

type Structs = ReturnType<typeof Y.decodeUpdate>['structs']

const UNKNOWN = 0
const HEADER = 1
const ELSEWHERE = 2
const VISITING = 3

/** Up to this many structs, a reference into the update is looked up by scanning it (a keystroke is one). */
const SCAN_BELOW = 16

/**
 * Adds the header items among `structs` (one decoded update) to `header`; true when there
 * is one. An item belongs to the header when it is set on `meta`, or its origin, right
 * origin or parent (in that order: whichever the encoding kept) is a header item, known
 * already or in this update. One update may list an item before the one it refers to
 * (structs are ordered by client, not by dependency): references are followed depth-first
 * with each struct's verdict kept, so every struct is judged once, however long the chain.
 */
export function markHeaderItems(structs: Structs, header: HeaderItems): boolean {
  // Nothing can belong to the header of a room that has none unless it is set on `meta`
  // here: the usual keystroke in such a room costs this loop only.
  if (header.size === 0 && !structs.some((s) => s instanceof Y.Item && (s.parent as unknown) === META_MAP)) return false
  // One struct (a keystroke): what it refers to is known already or not at all; nothing to allocate.
  if (structs.length === 1) {
    const s = structs[0]!
    if (!(s instanceof Y.Item)) return false
    const ref = referenceOf(s)
    const inHeader = typeof ref === 'string' ? ref === META_MAP : ref !== null && header.has(ref.client, ref.clock)
    if (inHeader) header.add(s.id.client, s.id.clock, s.length)
    return inHeader
  }
  const verdicts = new Uint8Array(structs.length)
  let index: Map<number, number[]> | undefined
  const find = (id: Y.ID): number => {
    if (structs.length < SCAN_BELOW) {
      for (let k = 0; k < structs.length; k++) if (holds(structs[k]!, id)) return k
      return -1
    }
    index ??= indexByClient(structs)
    const ks = index.get(id.client)
    if (!ks) return -1
    let lo = 0
    let hi = ks.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = structs[ks[mid]!]!
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return ks[mid]!
    }
    return -1
  }
  let found = false
  const stack: number[] = []
  for (let i = 0; i < structs.length; i++) {
    if (verdicts[i] !== UNKNOWN) continue
    stack.push(i)
    while (stack.length > 0) {
      const j = stack[stack.length - 1]!
      const s = structs[j]!
      let verdict = ELSEWHERE
      if (s instanceof Y.Item) {
        const ref = referenceOf(s)
        if (typeof ref === 'string') verdict = ref === META_MAP ? HEADER : ELSEWHERE
        else if (ref && header.has(ref.client, ref.clock)) verdict = HEADER
        else if (ref) {
          const k = find(ref)
          const known = k < 0 ? ELSEWHERE : verdicts[k]!
          // VISITING: a reference cycle, which no update Yjs wrote has; judged not header.
          if (known === UNKNOWN) {
            verdicts[j] = VISITING
            stack.push(k)
            continue
          }
          verdict = known === HEADER ? HEADER : ELSEWHERE
        }
      }
      verdicts[j] = verdict
      if (verdict === HEADER) {
        header.add(s.id.client, s.id.clock, s.length)
        found = true
      }
      stack.pop()
    }
  }
  return found
}

/** What decides an item's parent: its origin, right origin or parent, whichever the encoding kept (a root's name or an ID). */
const referenceOf = (s: Y.Item): Y.ID | string | null => s.origin ?? s.rightOrigin ?? (s.parent as Y.ID | string | null)

const holds = (s: Structs[number], id: Y.ID) => s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length

/** Each client's structs' positions in `structs`, in clock order (as an update lists them). */
function indexByClient(structs: Structs): Map<number, number[]> {
  const index = new Map<number, number[]>()
  structs.forEach((s, k) => {
    let ks = index.get(s.id.client)
    if (!ks) index.set(s.id.client, (ks = []))
    ks.push(k)
  })
  return index
}
