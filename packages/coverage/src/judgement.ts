/**
 * The grammar of a Swedish not-relevant judgement (SPEC C7.1–C7.8): a negation and a
 * relevance predicate within one clause, in main-clause order ("Ärendet berör inte barn",
 * "Perspektivet är inte tillämpligt") and subordinate-clause order ("… att ärendet inte
 * berör barn", "… att förslaget inte bedöms påverka äldre"), with the verb chains TUs use.
 *
 * Words are put in small closed classes and matched by position: a phrase list cannot
 * follow the word order of a subordinate clause or the auxiliaries in between, and a bag of
 * words cannot tell "påverkar inte barn" from "påverkar inte bara barn".
 */

import {
  ANALYSED,
  AUX,
  BELIEF,
  CONTENT,
  CONTRAST,
  COPULA,
  DONE,
  FILLER,
  HAVE,
  KIND,
  LACK,
  LACKING,
  LIMITER,
  LIMITER_NEXT,
  LIMITER_SCOPE_END,
  NEEDED,
  NEG,
  NEG_DET,
  NEUTRAL,
  NEUTRAL_LEAD,
  NOTHING_TO,
  REL_ADJ,
  REL_VERB,
  aboutReferredText,
  isAnalysis,
  isRelNoun,
} from './judgementWords.js'
/**
 * C7.1 Clause boundaries: punctuation inside a sentence, the contrasting conjunctions, and
 * the subordinators that start a reason or a comment ("… inte är aktuell eftersom
 * riktlinjen enbart reglerar …": the limiter belongs to the reason, not to the judgement).
 */
const BOUNDARY_WORD = new Set(['men', 'utan', 'medan', 'däremot', 'dock', 'eftersom', 'emedan', 'vilket', 'fastän', 'trots'])
const TOKEN = /[\p{L}\p{N}]+(?:[-:'’][\p{L}\p{N}]+)*|[,;:()–—]|\s-\s/gu

/** Up to this many words between a verb and a following negation: "berör därmed inte", "berörs barn inte". */
const MAIN_GAP = 2
/** Up to this many words between a verb of C7.4 and its relevance noun: "medföra några negativa konsekvenser". */
const NOUN_GAP = 3
const MAX_FILLERS = 4

export interface Clauses {
  /** Lower-cased words per clause. */
  clauses: string[][]
  /** The sentence contrasts ("men", "utan", "däremot", "indirekt"): see C7.8. */
  contrast: boolean
}

/** Lower-cased words of a sentence, split into clauses (C7.1). */
export function clauses(sentence: string): Clauses {
  const out: string[][] = []
  let current: string[] = []
  let contrast = false
  for (const m of sentence.toLowerCase().matchAll(TOKEN)) {
    const w = m[0]
    // "utan" after a negation contrasts ("inte X utan Y"); otherwise it is the preposition
    // "without" ("bedöms vara utan betydelse"), which C7.2 reads as a negation.
    const boundary = w === 'utan' ? current.some((x) => NEG.has(x) || NEG_DET.has(x)) : BOUNDARY_WORD.has(w)
    if (CONTRAST.has(w) && (w !== 'utan' || boundary)) contrast = true
    if (!/[\p{L}\p{N}]/u.test(w) || boundary) {
      if (current.length > 0) out.push(current)
      current = []
      continue
    }
    current.push(w)
  }
  if (current.length > 0) out.push(current)
  return { clauses: out, contrast }
}

/** The negation at `neg` is limited (C7.8): it denies a limitation, not the effect. */
function limited(c: string[], neg: number, sentenceHasContrast: boolean): boolean {
  if (LIMITER_NEXT.has(c[neg + 1] ?? '')) return true
  for (let i = neg + 1; i < c.length; i++) {
    const w = c[i]!
    // A coordinated or subordinate phrase has its own limiters: "berör inte barn och gäller endast vuxna".
    if (LIMITER_SCOPE_END.has(w)) break
    if (LIMITER.has(w)) return true
    // "inte direkt …, men", "inte i sig …, men": a qualified effect.
    if ((w === 'direkt' || w === 'sig') && sentenceHasContrast) return true
  }
  return false
}

/**
 * C7.4: the verb chain after a negation or an auxiliary, in subordinate order ("inte bedöms
 * påverka", "inte är aktuell", "inte har bedömts vara aktuellt", "inte medföra några
 * konsekvenser"). Returns whether it reaches a relevance predicate.
 */
function chain(c: string[], i: number, depth = 0): boolean {
  let fillers = 0
  for (; i < c.length; i++) {
    const w = c[i]!
    if (REL_ADJ.has(w) || REL_VERB.has(w)) return true
    // "inte av betydelse", "inte av relevans"
    if (w === 'av' && isRelNoun(c[i + 1] ?? '')) return true
    if (w === 'av' && (c[i + 1] === 'sådan' || c[i + 1] === 'den') && KIND.has(c[i + 2] ?? '')) return true
    if (DONE.has(w) || NEEDED.has(w)) return c.some(isAnalysis) && !aboutReferredText(c)
    if (ANALYSED.has(w)) return !aboutReferredText(c)
    if (depth < 4 && HAVE.has(w) && nounFollows(c, i + 1)) return true
    if (depth < 4 && (AUX.has(w) || COPULA.has(w))) return chain(c, i + 1, depth + 1)
    if (FILLER.has(w) && fillers < MAX_FILLERS) {
      fillers++
      continue
    }
    return false
  }
  return false
}

/** A relevance noun within {@link NOUN_GAP} words ("några negativa konsekvenser", "till någon påverkan"). */
function nounFollows(c: string[], from: number): boolean {
  for (let j = from; j < c.length && j <= from + NOUN_GAP; j++) {
    const w = c[j]!
    if (isRelNoun(w)) return true
    if (NEG.has(w)) return false
  }
  return false
}

/**
 * C7.7 The *att*-clause a raised negation belongs to: "bedömer inte att förslaget påverkar
 * …" (belief verb, negation, att) or "kan inte se att …" (negation, belief verb, att).
 */
function raisedClause(c: string[], neg: number): string[] | undefined {
  if (BELIEF.has(c[neg - 1] ?? '') && c[neg + 1] === 'att') return c.slice(neg + 2)
  if (BELIEF.has(c[neg + 1] ?? '') && c[neg + 2] === 'att') return c.slice(neg + 3)
  return undefined
}

/**
 * C7.2 "inga förslag som påverkar barn", "inget i ärendet som rör äldre": a negative
 * determiner whose noun a relative clause with a relevance verb describes.
 */
function relativeFollows(c: string[], from: number): boolean {
  for (let j = from; j < c.length && j <= from + NOUN_GAP; j++) {
    if (c[j] !== 'som') {
      // "inga förslag som …", "inget i ärendet som …" — not "inga barn som påverkas …", a group.
      if (!CONTENT.has(c[j]!)) return false
      continue
    }
    for (let k = j + 1; k < c.length && k <= j + 1 + NOUN_GAP; k++) {
      const w = c[k]!
      if (NEG.has(w)) return false
      if (REL_VERB.has(w)) return true
    }
    return false
  }
  return false
}

/** One clause carries a not-relevant judgement (C7.2–C7.8). */
function clauseJudges(c: string[], sentenceHasContrast: boolean): boolean {
  for (let i = 0; i < c.length; i++) {
    const w = c[i]!
    if (NEG.has(w)) {
      // "som inte berörs" (a subgroup), "om inte" (unless): the negation is not the judgement.
      const before = c[i - 1]
      if (before === 'som' || before === 'om') continue
      if (limited(c, i, sentenceHasContrast)) continue
      const raised = raisedClause(c, i)
      if (raised !== undefined) {
        if (!raised.some((x) => NEG.has(x)) && raised.some((x) => REL_VERB.has(x) || REL_ADJ.has(x) || isRelNoun(x))) return true
        continue
      }
      // Subordinate order, or a main clause whose finite verb is an auxiliary (C7.4).
      if (chain(c, i + 1)) return true
      // Main-clause order: the finite verb before the negation (C7.4).
      for (let k = i - 1; k >= 0 && k >= i - 1 - MAIN_GAP; k--) {
        const v = c[k]!
        if (REL_VERB.has(v)) return true
        if (HAVE.has(v) && nounFollows(c, i + 1)) return true
        if (NEG.has(v)) break
      }
      continue
    }
    if (NEG_DET.has(w)) {
      if (limited(c, i, sentenceHasContrast)) continue
      if (w === 'inget' && c[i + 1] === 'att' && NOTHING_TO.has(c[i + 2] ?? '')) return true
      if (nounFollows(c, i + 1)) return true
      if (relativeFollows(c, i + 1)) return true
      // C7.5 "ingen särskild analys har gjorts", "ingen barnkonsekvensanalys bedöms nödvändig"
      const rest = c.slice(i + 1)
      if (rest.slice(0, NOUN_GAP).some(isAnalysis) && rest.some((x) => DONE.has(x) || NEEDED.has(x)) && !aboutReferredText(c)) return true
      continue
    }
    if (LACK.has(w) && nounFollows(c, i + 1)) return true
    // "utan betydelse", "utan att barn påverkas"
    if (w === 'utan') {
      if (nounFollows(c, i + 1)) return true
      if (c[i + 1] === 'att' && c.slice(i + 2, i + 2 + NOUN_GAP + 1).some((x) => REL_VERB.has(x))) return true
      continue
    }
    // "Någon koppling till perspektivet saknas" — but "… saknas i remissen" criticises the referral.
    if (LACKING.has(w) && !aboutReferredText(c)) {
      for (let k = i - 1; k >= 0 && k >= i - 1 - NOUN_GAP; k--) if (isRelNoun(c[k]!)) return true
      continue
    }
    if (NEUTRAL.has(w)) {
      // "är (helt) könsneutralt"; "är inte neutralt" is an assessment.
      let lead = false
      for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
        const v = c[k]!
        if (NEG.has(v)) {
          lead = false
          break
        }
        if (NEUTRAL_LEAD.has(v)) lead = true
      }
      if (lead) return true
    }
  }
  return false
}

/** Whether a sentence (or a heading) judges the perspective not relevant (SPEC C7). */
export function judgesNotRelevant(sentence: string): boolean {
  const { clauses: cs, contrast } = clauses(sentence)
  return cs.some((c) => clauseJudges(c, contrast))
}
