import type { Template } from '@perspektiv/model'
import { countWords, decodeChars, normalizeFull, normalizeInto, originalSpan, wordHash, type NormalizedBuffers } from './normalize.js'

interface Pattern {
  /** Loosely normalised, padded with spaces; empty for Word prompts (matched by regex). */
  text: string
  words: number
  /**
   * Declarative example text ("Nämnden godkänner förvaltningens tjänsteutlåtande …") is a
   * left-over only when it is all the section holds: real documents write such sentences.
   */
  wholeOnly: boolean
}

/** Placeholders that instruct ("Beskriv …", "Ange …") or ask are never real content. */
const INSTRUCTION = /^\s*(?:beskriv|ange|skriv|redovisa|sammanfatta|analysera|utgå|lägg|fyll|motivera|förklara|infoga|välj|lista|nämn|klicka)\b|\?\s*$/iu

/** A template's texts that must never be read as substance (SPEC C10, C11). */
export interface CompiledTemplate {
  /** Patterns by the hash of their first word, longest first. */
  byFirstWord: Map<number, Pattern[]>
  /** Cheap pre-filter on `hash & BLOOM_MASK` before the map lookup. */
  bloom: Uint8Array
}

const BLOOM_MASK = 4095
/** Whole template texts shorter than this are too generic to recognise as left-overs. */
const MIN_TEMPLATE_TEXT_WORDS = 3
/** Single sentences of a longer template text are recognised from this length. */
const MIN_TEMPLATE_SENTENCE_WORDS = 5

/**
 * Word's content-control prompts ("Klicka och skriv namn", "Klicka här för att ange text",
 * "Klicka eller tryck här för att ange text", "Välj ett objekt"), on normalised text.
 */
const WORD_PROMPT =
  / (?:klicka|tryck)(?: eller tryck)?(?: här)? (?:och (?:skriv|ange|välj)|för att (?:ange|skriva|välja|lägga till|infoga))(?: (?:ett|en|din|ditt))?(?: (?!klicka |tryck )[\p{L}\p{N}]+)?(?= )| välj ett objekt(?= )| (?:skriv|ange|fyll i) (?:din |er )?(?:text )?här(?= )/uy
const PROMPT_FIRST_WORDS = ['klicka', 'tryck', 'välj', 'skriv', 'ange', 'fyll']
const PROMPT_WINDOW = 90

/** Between sentences: not inside "t.ex. pensionärsrådet". */
const SENTENCE_END = /(?<=[.?!])\s+(?=\p{Lu})/u

const cache = new WeakMap<Template, CompiledTemplate>()

/** Compiles a template once; later calls with the same template object are free. */
export function compileTemplate(template: Template): CompiledTemplate {
  const hit = cache.get(template)
  if (hit) return hit
  const byFirstWord = new Map<number, Pattern[]>()
  const bloom = new Uint8Array(BLOOM_MASK + 1)
  const seen = new Set<string>()
  const index = (hash: number, p: Pattern): void => {
    const list = byFirstWord.get(hash) ?? []
    list.push(p)
    byFirstWord.set(hash, list)
    bloom[hash & BLOOM_MASK] = 1
  }
  const add = (text: string, minWords: number, wholeOnly: boolean): void => {
    const norm = normalizeFull(text)
    const first = norm.hashes[0]
    if (norm.words < minWords || first === undefined || seen.has(norm.text)) return
    seen.add(norm.text)
    index(first, { text: norm.text, words: norm.words, wholeOnly })
  }
  for (const s of template.sections) {
    const texts = [
      { text: s.placeholder, wholeOnly: !INSTRUCTION.test(s.placeholder) },
      ...[s.help, s.motivationHint ?? '', ...(s.guidingQuestions ?? [])].map((text) => ({ text, wholeOnly: false })),
    ]
    for (const { text, wholeOnly } of texts) {
      if (!text.trim()) continue
      add(text, MIN_TEMPLATE_TEXT_WORDS, wholeOnly)
      // Authors paste one question or one sentence of the help as often as the whole.
      if (!wholeOnly) for (const sentence of text.split(SENTENCE_END)) add(sentence, MIN_TEMPLATE_SENTENCE_WORDS, false)
    }
  }
  for (const w of PROMPT_FIRST_WORDS) index(wordHash(w), { text: '', words: 0, wholeOnly: false })
  for (const list of byFirstWord.values()) list.sort((a, b) => b.text.length - a.text.length)
  const compiled = { byFirstWord, bloom }
  cache.set(template, compiled)
  return compiled
}

/** "XXX", "20XX", "ÅÅÅÅ-MM-DD": fill-in markers, on the text as written. */
const FILL_MARKER = /(?<![\p{L}\p{N}])(?:X{3,}|x{3,}|\d+X{2,}|ÅÅÅÅ-MM-DD|YYYY-MM-DD)(?![\p{L}\p{N}])/gu
/** "[Namn]", "[ange datum]" — but not "[…]", "[1]", "[sic]", editorial "[staden]" or Markdown links. */
const BRACKET_MARKER = /\[([^[\]\n]{1,40})\](?!\()/gu
const BRACKET_WORDS = /\b(?:ange|skriv|fyll|infoga|namn|datum|titel|rubrik|text)\b/iu

function isBracketPlaceholder(inner: string): boolean {
  const t = inner.trim()
  if (!/\p{L}/u.test(t) || /^sic$/i.test(t)) return false
  return /^\p{Lu}/u.test(t) || BRACKET_WORDS.test(t)
}

/**
 * Template text is a left-over only as sentences of their own: "… föreslår att nämnden
 * godkänner förvaltningens tjänsteutlåtande …" quotes no template.
 */
function atSentenceBounds(buf: NormalizedBuffers, start: number, end: number): boolean {
  const text = buf.composed
  let i = (buf.source[start] as number) - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--
  if (i >= 0 && !BEFORE_SENTENCE.test(text[i] as string)) return false
  let j = (buf.source[end - 1] as number) + 1
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++
  return j >= text.length || AFTER_SENTENCE.test(text[j] as string)
}
const BEFORE_SENTENCE = /[\n\r.!?:;)\]"”»•*\u2013\u2014-]/u
const AFTER_SENTENCE = /[\n\r.!?:;,)"”»]/u

function matchesAt(chars: Uint16Array, length: number, at: number, pattern: string): boolean {
  if (at + pattern.length > length) return false
  for (let i = 0; i < pattern.length; i++) if (chars[at + i] !== pattern.charCodeAt(i)) return false
  return true
}

export interface TextScan {
  /** All words, as a word processor counts them. */
  words: number
  /** Words that are not placeholder or guidance text. */
  substantiveWords: number
  /** Left-over template text as written in the document, in order, without repeats. */
  placeholders: string[]
  /** Every word's hash, in order, when asked for (copy detection, SPEC C20). */
  hashes?: Int32Array
}

/** Finds left-over template text in `text` and counts the words that remain (SPEC C10, C11). */
export function scanText(text: string, compiled: CompiledTemplate, keepHashes = false): TextScan {
  const buf = normalizeInto(text)
  const { chars, starts, hashes, words: total } = buf
  if (total === 0) return { words: 0, substantiveWords: 0, placeholders: [] }
  const kept = keepHashes ? hashes.slice(0, total) : undefined
  const { byFirstWord, bloom } = compiled
  const spans: Array<[number, number]> = []
  let spanEnd = 0
  let removed = 0

  // Only words that begin some template text are looked at: one pass, no per-pattern scans.
  for (let w = 0; w < total; w++) {
    const h = hashes[w] as number
    if (bloom[h & BLOOM_MASK] === 0) continue
    const list = byFirstWord.get(h)
    if (!list) continue
    const at = starts[w] as number
    if (at + 1 < spanEnd) continue
    for (const p of list) {
      let end = -1
      let words = p.words
      if (p.text === '') {
        WORD_PROMPT.lastIndex = 0
        const m = WORD_PROMPT.exec(decodeChars(buf, at, at + PROMPT_WINDOW))
        if (m) {
          end = at + m[0].length
          words = m[0].split(' ').length - 1
        }
      } else if (p.wholeOnly) {
        if (at === 0 && p.text.length === buf.length && matchesAt(chars, buf.length, at, p.text)) end = at + p.text.length - 1
      } else if (matchesAt(chars, buf.length, at, p.text) && atSentenceBounds(buf, at + 1, at + p.text.length - 1)) {
        end = at + p.text.length - 1
      }
      if (end < 0) continue
      spans.push([at + 1, end])
      spanEnd = end
      removed += words
      break
    }
  }

  // Read the spans before anything else reuses the buffers.
  const found = spans.map(([s, e]) => originalSpan(buf, s, e))
  const placeholders: string[] = []
  const push = (found: string): void => {
    if (found && !placeholders.includes(found)) placeholders.push(found)
  }
  for (const f of found) push(f)
  if (text.includes('[') || /[xXÅY]{2}/.test(text)) {
    for (const m of text.matchAll(FILL_MARKER)) {
      push(m[0])
      removed += 1
    }
    for (const m of text.matchAll(BRACKET_MARKER)) {
      if (!isBracketPlaceholder(m[1] ?? '')) continue
      push(m[0])
      removed += countWords(m[1] ?? '')
    }
  }
  return { words: total, substantiveWords: Math.max(0, total - removed), placeholders, ...(kept ? { hashes: kept } : {}) }
}
