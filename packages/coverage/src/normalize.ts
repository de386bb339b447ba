/**
 * Loose text normalisation shared by placeholder matching, verdict detection and word
 * counting: lower case, word-internal joiners (`-`, `:`, `'`, `’`) dropped, every other run
 * of non-letters/digits collapsed to one space, padded with one space at both ends. PDF line
 * breaks, punctuation and dash variants then no longer matter when comparing texts.
 *
 * One hand-written pass over char codes: a regex replace with Unicode classes costs several
 * times more, and the checker runs on every edit of a 20-page document.
 */

const SEP = 0
const WORD = 1
const JOIN = 2
const UNKNOWN = 255

const CLASS = new Uint8Array(65536).fill(UNKNOWN)
const WORD_CHAR = /[\p{L}\p{N}]/u
for (let c = 0; c < 128; c++) CLASS[c] = WORD_CHAR.test(String.fromCharCode(c)) ? WORD : SEP
for (const j of "-:'’") CLASS[j.charCodeAt(0)] = JOIN

function classOf(c: number): number {
  let k = CLASS[c] as number
  if (k === UNKNOWN) {
    k = WORD_CHAR.test(String.fromCharCode(c)) ? WORD : SEP
    CLASS[c] = k
  }
  return k
}

const COMBINING = /[\u0300-\u036f]/

/** The text the offsets of a {@link Normalized} refer to (NFC when the input was decomposed). */
export function composed(text: string): string {
  return COMBINING.test(text) ? text.normalize('NFC') : text
}

export interface Normalized {
  /** ` words like this ` (or `' '` without words). */
  text: string
  words: number
  /** `source[i]` is the offset in `composed(input)` of `text[i]` (for reporting what was found). */
  source: Int32Array
  /** Offsets in `text` of each word's leading space, and a hash of the word. */
  starts: Int32Array
  hashes: Int32Array
}

// Reused work buffers: the checker runs often, and allocation dominated the profile.
let out = new Uint16Array(4096)
let src = new Int32Array(4096)
let startBuf = new Int32Array(2048)
let hashBuf = new Int32Array(2048)
const decoder = new TextDecoder('utf-16le')

function lowerCase(text: string): string {
  const low = text.toLowerCase()
  if (low.length === text.length) return low
  // A few letters (e.g. "İ") grow when lower-cased; keep offsets aligned char by char.
  let s = ''
  for (const ch of text) {
    const l = ch.toLowerCase()
    s += l.length === ch.length ? l : ch
  }
  return s
}

/** Hash of a word as {@link normalizeFull} computes it (for first-word lookup tables). */
export function wordHash(word: string): number {
  let h = 0
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0
  return h
}

/**
 * The work buffers after {@link normalizeInto}: valid until the next call. Callers that
 * keep results use {@link normalizeFull}, which copies them.
 */
export interface NormalizedBuffers {
  /** The text the `source` offsets refer to. */
  composed: string
  /** Normalised chars in `chars[0..length)`. */
  chars: Uint16Array
  length: number
  source: Int32Array
  words: number
  starts: Int32Array
  hashes: Int32Array
}

/** Normalises `text` into the shared buffers and records where each word starts. */
export function normalizeInto(input: string): NormalizedBuffers {
  const text = composed(input)
  const low = lowerCase(text)
  const n = low.length
  if (out.length < n + 2) {
    out = new Uint16Array(n * 2 + 2)
    src = new Int32Array(n * 2 + 2)
  }
  // At most one word per two chars (a word and its separator).
  if (startBuf.length < (n >> 1) + 2) {
    startBuf = new Int32Array(n + 2)
    hashBuf = new Int32Array(n + 2)
  }
  const o_ = out
  const s_ = src
  const st = startBuf
  const hs = hashBuf
  let words = 0
  let o = 0
  o_[o] = 32
  s_[o++] = 0
  let inWord = false
  let h = 0
  for (let i = 0; i < n; i++) {
    const c = low.charCodeAt(i)
    const k = c < 128 ? (CLASS[c] as number) : classOf(c)
    if (k === WORD) {
      if (!inWord) {
        inWord = true
        h = 0
        st[words] = o - 1
      }
      h = (Math.imul(h, 31) + c) | 0
      o_[o] = c
      s_[o++] = i
    } else if (inWord) {
      // A word-internal joiner ("SKR:s", "icke-diskriminering") is dropped.
      if (k === JOIN && i + 1 < n && classOf(low.charCodeAt(i + 1)) === WORD) continue
      inWord = false
      hs[words++] = h
      o_[o] = 32
      s_[o++] = i
    }
  }
  if (inWord) {
    hs[words++] = h
    o_[o] = 32
    s_[o++] = n
  }
  return { composed: text, chars: o_, length: o, source: s_, words, starts: st, hashes: hs }
}

/** Decodes `[start, end)` of the normalised chars. */
export function decodeChars(buffers: NormalizedBuffers, start: number, end: number): string {
  return decoder.decode(buffers.chars.subarray(start, Math.min(end, buffers.length)))
}

/** Normalises `text` (a copy that stays valid). */
export function normalizeFull(input: string): Normalized {
  const b = normalizeInto(input)
  return {
    text: decodeChars(b, 0, b.length),
    words: b.words,
    source: b.source.slice(0, b.length),
    starts: b.starts.slice(0, b.words),
    hashes: b.hashes.slice(0, b.words),
  }
}

export function countWords(text: string): number {
  return normalizeFull(text).words
}

/** The text as written (whitespace collapsed) behind `[start, end)` of the normalised chars. */
export function originalSpan(buffers: NormalizedBuffers, start: number, end: number): string {
  const from = buffers.source[start]
  const last = buffers.source[end - 1]
  if (from === undefined || last === undefined || end > buffers.length) return ''
  return buffers.composed
    .slice(from, last + 1)
    .replace(/\s+/g, ' ')
    .trim()
}
