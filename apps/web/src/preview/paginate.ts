/** One unbreakable piece of the document as measured in the page: its height, and whether it must share a page with the next. */
export interface Measured {
  height: number
  /** Headings: never the last thing on a page (export SPEC X-LAY-7). */
  keepWithNext: boolean
}

/**
 * Splits units into pages of `pageHeight` (pure): greedy, in order; a unit that keeps with
 * the next moves to a new page with it when both do not fit; a unit taller than a page gets
 * a page of its own. Returns the unit indices per page; at least one (empty) page.
 */
export function paginate(units: Measured[], pageHeight: number): number[][] {
  const pages: number[][] = [[]]
  let used = 0
  let i = 0
  while (i < units.length) {
    // A heading and what follows it are placed as one group.
    let end = i
    let height = units[i]!.height
    while (units[end]!.keepWithNext && end + 1 < units.length) {
      end++
      height += units[end]!.height
    }
    const page = pages[pages.length - 1]!
    if (used + height > pageHeight && page.length > 0) {
      pages.push([])
      used = 0
    }
    for (let k = i; k <= end; k++) pages[pages.length - 1]!.push(k)
    used += height
    i = end + 1
  }
  return pages
}
