import { countNormalizedWords, normalizeLoose } from './normalize.js'

/**
 * Phrases that judge a perspective not relevant, on loosely normalised text (SPEC C6).
 * Written for Swedish as TUs phrase it: "Ej relevant.", "Bedöms inte beröra barn.",
 * "Påverkas inte.", "Saknar betydelse för …", "Förslaget medför inga konsekvenser för …".
 */
const NOT = '(?:inte|ej|icke)'
const NOT_RELEVANT = new RegExp(
  [
    // "ej relevant", "är inte relevant", "bedöms inte vara relevant", "inte aktuellt", "ej tillämpligt"
    ` ${NOT} (?:längre |heller |alls )?(?:vara |bedömas vara |anses vara )?(?:relevant|relevanta|relevans|aktuell|aktuellt|aktuella|tillämplig|tillämpligt|tillämpliga) `,
    // "bedöms inte beröra", "bedöms ej påverka", "att förslaget inte påverkar"
    ` ${NOT} (?:direkt |nämnvärt |alls |heller )?(?:beröra|berör|beröras|berörs|påverka|påverkar|påverkas|röra|rör) `,
    // "påverkas inte", "berörs inte", "ärendet berör därmed inte" — not "påverkar inte bara …"
    ` (?:berör|berörs|påverkar|påverkas|rör) (?:[\\p{L}\\p{N}]+ ){0,2}?${NOT} (?!bara |endast |enbart |minst )`,
    ` sakna[rt]? (?:[\\p{L}\\p{N}]+ )?(?:betydelse|relevans|bäring|påverkan|konsekvenser|inverkan|koppling) `,
    // "Förslaget är neutralt ur ett jämställdhetsperspektiv"
    ` (?:är|bedöms vara|bedöms som|anses vara) (?:köns|helt )?neutral(?:t|a)? `,
    ` (?:ingen|inga) (?:[\\p{L}\\p{N}]+ )?(?:påverkan|konsekvens|konsekvenser|effekt|effekter|betydelse|inverkan|bäring|relevans|koppling) `,
    ` ${NOT} (?:har|ha|få|får|medför|medföra|innebär|innebära) (?:någon|några|nämnvärd|nämnvärda) (?:[\\p{L}\\p{N}]+ )?(?:påverkan|konsekvens|konsekvenser|effekt|effekter|betydelse|inverkan) `,
    ` inget (?:särskilt )?att (?:redovisa|rapportera|tillägga|anmärka) `,
  ].join('|'),
  'u',
)

/** A sentence this short that judges "not relevant" says nothing else: a bare verdict. */
export const BARE_VERDICT_MAX_WORDS = 6
const BARE_VERDICT_MAX_CHARS = 120

export function judgesNotRelevant(text: string): boolean {
  return NOT_RELEVANT.test(normalizeLoose(text))
}

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
export function readNotRelevant(
  heading: string,
  text: string,
  substantiveWords: number,
  minWords: number,
  flagged: boolean,
): NotRelevantReading {
  const parts = sentences(text)
  const first = parts[0] ?? ''
  const judged =
    flagged ||
    judgesNotRelevant(heading) ||
    (first !== '' && judgesNotRelevant(first)) ||
    (substantiveWords < minWords && parts.some(judgesNotRelevant))
  if (!judged) return { judged: false, verdictWords: 0 }
  let verdictWords = 0
  for (const s of parts) {
    // Six words never take more than a line; longer sentences cannot be bare verdicts.
    if (s.length > BARE_VERDICT_MAX_CHARS) continue
    const norm = normalizeLoose(s)
    const words = countNormalizedWords(norm)
    if (words <= BARE_VERDICT_MAX_WORDS && NOT_RELEVANT.test(norm)) verdictWords += words
  }
  return { judged, verdictWords }
}
