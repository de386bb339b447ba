import * as Y from 'yjs'

// Yjs types are invariant in their event type: `any` lets one name cover every Y type.
type AnyType = Y.AbstractType<any>

/**
 * [R6] How deep the review shape nests: root map → thread (Y.Map) → comments (Y.Array) →
 * a comment's JSON (person object). Anything deeper is not ours.
 */
export const MAX_TYPE_DEPTH = 3
/** Plain JSON values inside an entry: a comment → its author object → strings. */
export const MAX_JSON_DEPTH = 4

/** Is `value` (plain JSON) nested deeper than `max`? Iterative: never overflows the stack. */
export function jsonTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth >= max) return true
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1])
  }
  return false
}

/**
 * [R5][R6] A Y type's JSON, or undefined when it nests Y types or JSON deeper than the review
 * shape allows. Checked before `toJSON` (which recurses: a 30,000-deep entry would overflow the
 * stack of every reader and hide every thread).
 */
export function boundedJSON(type: AnyType, maxTypeDepth = 1): unknown {
  const stack: Array<[AnyType, number]> = [[type, 0]]
  while (stack.length > 0) {
    const [t, depth] = stack.pop()!
    const children: unknown[] = t instanceof Y.Map ? [...t.values()] : t instanceof Y.Array ? t.toArray() : []
    if (!(t instanceof Y.Map) && !(t instanceof Y.Array)) return undefined
    for (const child of children) {
      if (child instanceof Y.AbstractType) {
        if (depth + 1 > maxTypeDepth) return undefined
        stack.push([child, depth + 1])
      } else if (jsonTooDeep(child)) return undefined
    }
  }
  return type.toJSON()
}
