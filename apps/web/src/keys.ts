// React keys for lists whose items carry no id (layout blocks, diff pieces, header lines).
// An index key would tie React's DOM to positions: inserting one paragraph at the top of the
// preview would re-render every paragraph below it. A key from the item's content keeps an
// unchanged item's element wherever it moves.

/** FNV-1a, 32 bits: short keys for long paragraphs; a collision is numbered like a repeat. */
function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(36)
}

/**
 * Each item with a key derived from its content (`content`, JSON by default); repeated content
 * gets its occurrence number, so keys are unique within the list and stay with the item.
 */
export function keyed<T>(items: readonly T[], content: (item: T) => string = (item) => JSON.stringify(item) ?? ''): Array<{ key: string; item: T }> {
  const seen = new Map<string, number>()
  return items.map((item) => {
    const base = hash(content(item))
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return { key: n === 1 ? base : `${base}.${n}`, item }
  })
}
