/**
 * Edit markers: every measured edit inserts `{e:<sender>:<seq>:<sentAtMicros>}` into the
 * text. Yjs stores inserted strings as contiguous UTF-8 in an update, so a receiver finds
 * the markers in the raw message bytes without decoding it — that keeps the load generator
 * cheap enough to play 200 clients in one process.
 */

const PREFIX = Buffer.from('{e:', 'latin1')
const COLON = 0x3a
const CLOSE = 0x7d
const ZERO = 0x30
const NINE = 0x39

/** Wall-clock milliseconds with sub-millisecond precision; one clock for the whole process. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

export function markerText(sender: number, seq: number, sentAtMs: number): string {
  return `{e:${sender}:${seq}:${Math.round(sentAtMs * 1000)}}`
}

/** Calls `found` for every well-formed marker in `bytes`. */
export function scanMarkers(bytes: Buffer, found: (sender: number, seq: number, sentAtMs: number) => void): number {
  let count = 0
  let at = bytes.indexOf(PREFIX)
  while (at !== -1) {
    const fields = [0, 0, 0]
    let field = 0
    let digits = 0
    let i = at + PREFIX.length
    let ok = false
    for (; i < bytes.length; i++) {
      const c = bytes[i]!
      if (c >= ZERO && c <= NINE) {
        fields[field] = fields[field]! * 10 + (c - ZERO)
        digits++
      } else if (c === COLON && digits > 0 && field < 2) {
        field++
        digits = 0
      } else {
        ok = c === CLOSE && field === 2 && digits > 0
        break
      }
    }
    if (ok) {
      found(fields[0]!, fields[1]!, fields[2]! / 1000)
      count++
    }
    at = bytes.indexOf(PREFIX, i)
  }
  return count
}
