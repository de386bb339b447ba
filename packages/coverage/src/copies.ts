/**
 * Copy detection (SPEC C20): a perspective whose text is, word for word, mostly another
 * perspective's text was not assessed for its own sake. "Mostly" is the longest common
 * subsequence of the two word sequences — the words they share *in the same order* — as a
 * share of this perspective's words, so a pasted paragraph with the group's name changed
 * in a few places is still a copy, while an assessment that merely quotes a sentence from
 * another perspective is not.
 */
import { normalizeInto } from './normalize.js'

/** A perspective's words (as hashes) shared with another's, in order, from this share on. */
export const COPY_SHARE = 0.8

/** A text's words (C10) as hashes in order, and how often each occurs. */
export interface WordProfile {
  hashes: Int32Array
  counts: Map<number, number>
}

/** A profile of `text`, or of its word hashes when the caller has them (from `scanText`). */
export function wordProfile(text: string, known?: Int32Array): WordProfile {
  let hashes = known
  if (!hashes) {
    const b = normalizeInto(text)
    hashes = b.hashes.slice(0, b.words)
  }
  const counts = new Map<number, number>()
  for (let i = 0; i < hashes.length; i++) counts.set(hashes[i]!, (counts.get(hashes[i]!) ?? 0) + 1)
  return { hashes, counts }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/**
 * Length of the longest common subsequence of `a` and `b`, bit-parallel (Hyyrö 2004): one
 * bit per word of `a`, one pass over `b`, so O(|b| · |a| / 32) word operations. The checker
 * runs on every edit; a dynamic-programming table would be |a| · |b| steps.
 */
export function lcsLength(a: Int32Array, b: Int32Array): number {
  const m = a.length
  if (m === 0 || b.length === 0) return 0
  const blocks = (m + 31) >>> 5
  const masks = new Map<number, Uint32Array>()
  for (let i = 0; i < m; i++) {
    const h = a[i]!
    let mask = masks.get(h)
    if (!mask) {
      mask = new Uint32Array(blocks)
      masks.set(h, mask)
    }
    mask[i >>> 5]! |= 1 << (i & 31)
  }
  const v = new Uint32Array(blocks).fill(0xffffffff)
  for (let k = 0; k < b.length; k++) {
    const mask = masks.get(b[k]!)
    // A word `a` does not have leaves every bit as it is.
    if (!mask) continue
    let carry = 0
    for (let j = 0; j < blocks; j++) {
      const vj = v[j]!
      const mj = mask[j]!
      const sum = vj + ((vj & mj) >>> 0) + carry
      carry = sum > 0xffffffff ? 1 : 0
      v[j] = ((sum >>> 0) | (vj & ~mj)) >>> 0
    }
  }
  // Each zero bit among the first m is a word of `a` matched in order.
  let ones = 0
  for (let j = 0; j < blocks; j++) {
    const bits = j === blocks - 1 && (m & 31) !== 0 ? v[j]! & ((1 << (m & 31)) - 1) : v[j]!
    ones += popcount(bits >>> 0)
  }
  return m - ones
}

/** Whether `a` is, by {@link COPY_SHARE} of its words in order, the text `b`. */
export function isCopyOf(a: WordProfile, b: WordProfile): boolean {
  const need = Math.ceil(COPY_SHARE * a.hashes.length)
  // The common subsequence is no longer than either text, nor than the words they share
  // regardless of order: two different assessments fail here, before the bit-parallel pass.
  if (a.hashes.length === 0 || b.hashes.length < need) return false
  let shared = 0
  for (const [h, n] of a.counts) shared += Math.min(n, b.counts.get(h) ?? 0)
  if (shared < need) return false
  return lcsLength(a.hashes, b.hashes) >= need
}
