import * as Y from 'yjs'
import {
  boundedJSON,
  jsonTooDeep,
  judgeSuggestion,
  judgeThread,
  judgeVerdict,
  MAX_TYPE_DEPTH,
  SUGGESTIONS_MAP,
  THREADS_MAP,
  VERDICTS_MAP,
  type Actor,
  type AuditNote,
  type Judgement,
  type Refusal,
} from '@perspektiv/review'

// Yjs types are invariant in their event type: `any` lets one name cover every Y type.
type AnyType = Y.AbstractType<any>

/** The review room's top-level maps, and how an entry of each is read and judged. */
const ROOTS: Record<
  string,
  { read: (value: unknown) => unknown | typeof MALFORMED; judge: (key: string, before: unknown, after: unknown, actor: Actor) => Judgement }
> = {
  [THREADS_MAP]: { read: readThread, judge: judgeThread },
  [VERDICTS_MAP]: { read: readPlain, judge: judgeVerdict },
  [SUGGESTIONS_MAP]: { read: readPlain, judge: judgeSuggestion },
}

/** An entry whose structure is not the review shape (Y types where JSON belongs, too deep…). */
const MALFORMED = Symbol('malformed')

/** A thread is a Y.Map of plain values plus `comments`, a Y.Array of plain comments. */
function readThread(value: unknown): unknown {
  if (value === undefined) return undefined
  if (!(value instanceof Y.Map)) return MALFORMED
  for (const [k, v] of value.entries()) {
    if (k === 'comments' ? !(v instanceof Y.Array) : v instanceof Y.AbstractType) return MALFORMED
  }
  const comments = value.get('comments') as Y.Array<unknown>
  if (comments.toArray().some((c) => c instanceof Y.AbstractType)) return MALFORMED
  return boundedJSON(value) ?? MALFORMED
}

function readPlain(value: unknown): unknown {
  return value instanceof Y.AbstractType || jsonTooDeep(value) ? MALFORMED : value
}

/** What of a doc waits for structs it does not have, as comparable text (undefined: nothing). */
function pendingOf(doc: Y.Doc): string | undefined {
  const { pendingStructs, pendingDs } = doc.store
  if (!pendingStructs && !pendingDs) return undefined
  return `${pendingStructs ? Buffer.from(pendingStructs.update).toString('base64') : ''}/${pendingDs ? Buffer.from(pendingDs).toString('base64') : ''}`
}

export type GuardResult = { ok: true; audit: AuditNote[] } | { ok: false; refusal: Refusal }

/**
 * ◆ The server-held review Y.Doc of one live document (issue 22 items 5, 6, 9): every
 * review-room update is applied to it before it is stored, the entries it changed are
 * judged against the connected user (packages/review rules), and an update that does not
 * integrate (pending structs or deletions: the "poisoned update") or breaks a rule is
 * refused; nothing of it is stored or sent on. Built on the first write after a load from
 * the room's state plus the accepted updates not yet stored, and rebuilt after a refusal
 * (the refused update was applied to it).
 */
export class ReviewGuard {
  private doc: Y.Doc | undefined
  /** Each entry's JSON as last accepted (`root\0key`), so "before" needs no second doc. */
  private readonly entries = new Map<string, unknown>()
  /** Accepted updates the store does not have yet (the group commit is one turn behind). */
  private unstored: Uint8Array[] = []

  constructor(private readonly stored: () => Uint8Array) {}

  /** Judges `update` from `actor`; when it is accepted it counts as applied. */
  check(update: Uint8Array, actor: Actor): GuardResult {
    const doc = this.build()
    const pendingBefore = pendingOf(doc)
    const changed = new Map<AnyType, Set<string | null>>()
    const collect = (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) changed.set(type, new Set([...(changed.get(type) ?? []), ...keys]))
    }
    doc.on('afterTransaction', collect)
    try {
      Y.applyUpdate(doc, update)
    } catch (err) {
      return this.refused({ kind: 'integrate', detail: `update does not apply: ${(err as Error).message}` })
    } finally {
      doc.off('afterTransaction', collect)
    }
    const pending = pendingOf(doc)
    // (Junk a pre-guard server stored stays pending; only what this update adds is judged.)
    if (pending !== undefined && pending !== pendingBefore) {
      return this.refused({ kind: 'integrate', detail: 'update refers to structs the room does not have' })
    }
    const touched = this.touched(doc, changed)
    if ('kind' in touched) return this.refused(touched)
    const audit: AuditNote[] = []
    const accepted: Array<[string, unknown]> = []
    for (const [root, key] of touched) {
      const after = ROOTS[root]!.read(doc.getMap(root).get(key))
      if (after === MALFORMED) return this.refused({ kind: 'shape', detail: `${root} entry ${key} does not have the review shape` })
      const id = `${root}\0${key}`
      const judged = ROOTS[root]!.judge(key, this.entries.get(id), after, actor)
      if (!judged.ok) return this.refused(judged.refusal)
      audit.push(...judged.audit)
      accepted.push([id, after])
    }
    for (const [id, after] of accepted) {
      if (after === undefined) this.entries.delete(id)
      else this.entries.set(id, after)
    }
    this.unstored.push(update)
    return { ok: true, audit }
  }

  /** The store has everything accepted so far. */
  storedAll(): void {
    this.unstored = []
  }

  destroy(): void {
    this.doc?.destroy()
    this.doc = undefined
  }

  private build(): Y.Doc {
    if (this.doc) return this.doc
    const doc = new Y.Doc({ gc: true })
    Y.applyUpdate(doc, this.stored())
    for (const u of this.unstored) Y.applyUpdate(doc, u)
    for (const root of Object.keys(ROOTS)) {
      doc.getMap(root).forEach((value, key) => {
        if (this.entries.has(`${root}\0${key}`)) return
        const json = ROOTS[root]!.read(value)
        // Junk stored before the guard existed is treated as absent: replacing it must be valid.
        if (json !== MALFORMED) this.entries.set(`${root}\0${key}`, json)
      })
    }
    this.doc = doc
    return doc
  }

  private refused(refusal: Refusal): GuardResult {
    // The refused update was (partly) applied: build again from what was accepted.
    this.destroy()
    return { ok: false, refusal }
  }

  /** The (root, key) entries a transaction changed; a refusal for anything outside the shape. */
  private touched(doc: Y.Doc, changed: Map<AnyType, Set<string | null>>): Array<[string, string]> | Refusal {
    const names = new Map<AnyType, string>()
    for (const [name, type] of doc.share) names.set(type, name)
    const out = new Map<string, [string, string]>()
    const add = (root: string, key: string | null): Refusal | undefined => {
      if (!(root in ROOTS)) return { kind: 'shape', detail: `unknown top-level type "${root.slice(0, 40)}"` }
      if (key === null) return { kind: 'shape', detail: `${root} is a map of entries` }
      out.set(`${root}\0${key}`, [root, key])
      return undefined
    }
    for (const [type, keys] of changed) {
      const root = names.get(type)
      if (root !== undefined) {
        for (const key of keys) {
          const problem = add(root, key)
          if (problem) return problem
        }
        continue
      }
      // Walk up to the root's entry; never further than the shape nests (iterative, bounded).
      let current: AnyType = type
      let depth = 0
      while (current._item && !names.has(current._item.parent as AnyType)) {
        if (++depth >= MAX_TYPE_DEPTH) return { kind: 'shape', detail: 'entry nested deeper than the review shape' }
        current = current._item.parent as AnyType
      }
      const item = current._item
      if (!item) continue
      const problem = add(names.get(item.parent as AnyType)!, item.parentSub)
      if (problem) return problem
    }
    return [...out.values()]
  }
}
