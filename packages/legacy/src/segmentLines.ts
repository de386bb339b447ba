import type { Template } from '@perspektiv/model'
import { normalizeHeading, wordCount } from './headings.js'

/** The line patterns segment.ts recognises: list items, headings, the closing, signatures and template prompts. */

export const BULLET = /^[-–•*·▪●\u2022\ue000-\uf8ff]\s*/u
const NUMBERING = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+(?=\p{Lu})/u
export const LABEL = /^(\p{Lu}[\p{L}\p{N} ,/-]{1,60}?)\s*(?::|\s[–—-]\s|\t+)\s*(\S.*)$/u

/** A short line without sentence punctuation: a list item or a heading, not body text. */
export function isListLike(t: string): boolean {
  return wordCount(t) <= 7 && !/[.!?:;,]$/u.test(t)
}

/** A table-of-contents line: a title and its page number after a tab or dot leaders. */
export const TOC_ENTRY = /(?:\t|\.{3,}|…)\s*\d+\s*$/u

/** Strips Markdown emphasis and section numbering from a heading candidate. */
export function headingText(t: string): string {
  return t
    .replace(/\*\*|__/g, '')
    .replace(/^#+\s*/, '')
    .trim()
    .replace(NUMBERING, '')
    .trim()
}

/** "Förvaltningen föreslår att … nämnd godkänner …": the closing sentence repeating the proposal. */
export const CLOSING_START = /^(?:\p{L}+(?:en|et|na|iet)|förvaltningarna)(?:\s+och\s+\p{L}+)?\s+föreslår\s+(?:därför\s+|således\s+)?att\b/iu
/** The template section the closing sentence belongs in (templates/*.yaml). */
export const CLOSING_KEY = 'avslutning'
/** Sections where "Förvaltningen föreslår att …" summarises the proposal rather than closing the text. */
export const OPENING_KEYS = new Set(['forslag-till-beslut', 'sammanfattning'])
export const CLOSING_BODY = /(?:nämnd|styrelse|fullmäktige)/iu
export const CLOSING_ACT = /(?:godkänn|överlämn|besluta|anta|yttrande|tjänsteutlåtande|svar på remiss)/iu
/** Signature block: a title line under a name line ("Anders Carstorp" / "Stadsdelsdirektör"). */
export const TITLE_LINE = /^(?:(?:tf|t\.f|bitr|tillförordnad|biträdande)\.?\s+)?\p{L}*(?:direktör|chef|chefen|sekreterare)\b(?:\s{2,}.*)?$/iu
export const NAME_LINE = /^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,7}$/u
export const SIGNATURE_PLACEHOLDER = /^klicka och skriv (?:namn|titel)$/iu
/**
 * A line that is all a Word content-control prompt ("Klicka och skriv text", "Klicka eller
 * tryck här för att ange text."): left-over template text that ends what is above it (SPEC L12).
 */
const WORD_PROMPT_LINE =
  /^(?:(?:klicka|tryck)(?: eller tryck)?(?: här)? (?:och (?:skriv|ange|välj)|för att (?:ange|skriva|välja|lägga till|infoga))(?: [\p{L}\p{N}]+){0,3}|välj ett objekt|(?:skriv|ange|fyll i) (?:din |er )?(?:text )?här)\s*[.…]?$/iu
export const APPROVAL_RECORD = /^detta dokument har godkänts digitalt/iu
/** Template texts that instruct or ask ("Beskriv hur …", "Hur påverkas …?"): never real content. */
const INSTRUCTION = /^\s*(?:beskriv|ange|skriv|redovisa|sammanfatta|analysera|motivera|förklara|fyll|infoga|välj|klicka)\b|\?\s*$/iu

/**
 * Lines that are left-over template text (SPEC L12): Word prompts, and the template's own
 * instructions and guiding questions on a line of their own, punctuation-insensitive.
 */
export function promptLines(template: Template): (t: string) => boolean {
  const texts = new Set<string>()
  for (const s of template.sections) {
    for (const text of [s.placeholder, s.help, s.motivationHint ?? '', ...(s.guidingQuestions ?? [])]) {
      if (text.trim() && INSTRUCTION.test(text)) texts.add(normalizeHeading(text))
    }
  }
  return (t) => !SIGNATURE_PLACEHOLDER.test(t) && (WORD_PROMPT_LINE.test(t) || texts.has(normalizeHeading(t)))
}

/**
 * Splits source lines into sections by the headings the template knows (rules:
 * packages/legacy/SPEC.md). Headings are short lines of their own, at a paragraph start,
 * not ending a sentence, followed by text that starts like a sentence; or the format's own
 * headings (Markdown `#`, Word heading styles).
 */

/** Lines to text: line breaks inside a paragraph kept, paragraphs separated by one blank line. */
export function joinLines(lines: string[]): string {
  return lines
    .map((l) => l.replace(/\s+$/u, ''))
    .join('\n')
    .replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n')
    .trim()
}
