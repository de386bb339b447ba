import { judgesNotRelevant } from './judgement.js'
import { countWords } from './normalize.js'

export { judgesNotRelevant } from './judgement.js'

/** A sentence this short that judges "not relevant" says nothing else: a bare verdict. */
export const BARE_VERDICT_MAX_WORDS = 6
const BARE_VERDICT_MAX_CHARS = 120

/** Sentences: split after . ! ? followed by a capital, and at blank lines. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"”«(])|\n\s*\n/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

export interface NotRelevantReading {
  /** The text (or heading) judges the perspective not relevant. */
  judged: boolean
  /** Words in bare verdict sentences ("Ej relevant."): not part of a motivation. */
  verdictWords: number
}

/**
 * Decides whether a perspective section *without* our editor's flag is a not-relevant
 * judgement (SPEC C7): the heading says so, or the leading sentence does, or the whole text is
 * shorter than an assessment and says so anywhere. A long assessment that merely contains
 * "påverkas inte" further on stays an assessment.
 */
export function readNotRelevant(heading: string, text: string, substantiveWords: number, minWords: number, flagged: boolean): NotRelevantReading {
  const parts = sentences(text)
  const first = parts[0] ?? ''
  const judged =
    flagged || judgesNotRelevant(heading) || (first !== '' && judgesNotRelevant(first)) || (substantiveWords < minWords && parts.some(judgesNotRelevant))
  if (!judged) return { judged: false, verdictWords: 0 }
  let verdictWords = 0
  for (const s of parts) {
    // Six words never take more than a line; longer sentences cannot be bare verdicts.
    if (s.length > BARE_VERDICT_MAX_CHARS) continue
    const words = countWords(s)
    if (words <= BARE_VERDICT_MAX_WORDS && judgesNotRelevant(s)) verdictWords += words
  }
  return { judged, verdictWords }
}
