import type { CoverageReport, PerspectiveCoverage, SectionCoverage, SectionedDocument, Template, TemplateSection } from '@perspektiv/model'
import { compileTemplate, scanText, type CompiledTemplate, type TextScan } from './placeholders.js'
import { judgesNotRelevant, readNotRelevant, sentences } from './verdict.js'
import { checkMeta } from './meta.js'
import { isCopyOf, wordProfile } from './copies.js'

const DEFAULT_MIN_WORDS = 20
const DEFAULT_MIN_MOTIVATION_WORDS = 15

/** Swedish problem texts, one place so the editor, server and CLI say the same thing. */
export const PROBLEMS = {
  perspectiveMissing: 'Perspektivet saknas helt.',
  sectionMissing: 'Avsnittet saknas.',
  empty: 'Avsnittet är tomt.',
  onlyPlaceholder: 'Avsnittet innehåller bara mallens platshållartext.',
  bareNotRelevant: 'Perspektivet anges som ej relevant utan motivering.',
  /** C4: the text is only a verdict ("Ej relevant."): say which sentence, and what is missing. */
  bareVerdict: (sentence: string) => `”${sentence}” är bara ett konstaterande; skriv varför perspektivet inte berör ärendet.`,
  shortMotivation: (words: number, min: number) => `Motiveringen är för kort (${words} av minst ${min} ord).`,
  shortAssessment: (words: number, min: number) => `Bedömningen är för kort (${words} av minst ${min} ord).`,
  sameText: (title: string) => `Samma text som i ${title}.`,
  leftOver: (texts: string[]) => `Avsnittet innehåller kvarlämnad malltext: ${texts.map((t) => `”${t}”`).join(', ')}.`,
} as const

interface Found {
  heading: string
  text: string
  notRelevant: boolean
}

/** Sections of the document per template key; repeated keys are merged in order (SPEC C16). */
function groupByKey(doc: SectionedDocument): Map<string, Found> {
  const byKey = new Map<string, Found>()
  for (const s of doc.sections) {
    if (!s.key) continue
    const prev = byKey.get(s.key)
    if (!prev) {
      byKey.set(s.key, { heading: s.heading, text: s.text, notRelevant: s.notRelevant === true })
      continue
    }
    prev.text = prev.text.trim() ? (s.text.trim() ? `${prev.text}\n\n${s.text}` : prev.text) : s.text
    prev.notRelevant ||= s.notRelevant === true
  }
  return byKey
}

function checkPerspective(section: TemplateSection, found: Found | undefined, scan: TextScan | undefined): PerspectiveCoverage {
  const base = { key: section.key, title: section.title }
  if (!found || !scan) return { ...base, status: 'missing', words: 0, problems: [PROBLEMS.perspectiveMissing] }
  const heading = found.heading.trim() || section.title
  const minWords = section.minWords ?? DEFAULT_MIN_WORDS
  const minMotivation = section.minMotivationWords ?? DEFAULT_MIN_MOTIVATION_WORDS
  const leftOver = scan.placeholders.length > 0 ? [PROBLEMS.leftOver(scan.placeholders)] : []

  if (scan.substantiveWords === 0) {
    const placeholderOnly = scan.placeholders.length > 0 ? [PROBLEMS.onlyPlaceholder, ...leftOver] : []
    const problems =
      found.notRelevant || judgesNotRelevant(heading)
        ? [PROBLEMS.bareNotRelevant, ...placeholderOnly]
        : placeholderOnly.length > 0
          ? placeholderOnly
          : [PROBLEMS.empty]
    return { ...base, heading, status: 'incomplete', words: 0, problems }
  }

  const reading = readNotRelevant(heading, found.text, scan.substantiveWords, minWords, found.notRelevant)
  if (reading.judged) {
    const motivation = Math.max(0, scan.substantiveWords - reading.verdictWords)
    if (motivation === 0) {
      const verdict = sentences(found.text).find(judgesNotRelevant)
      const problems = [verdict ? PROBLEMS.bareVerdict(verdict) : PROBLEMS.bareNotRelevant, ...leftOver]
      return { ...base, heading, status: 'incomplete', words: 0, problems }
    }
    if (motivation < minMotivation) {
      return {
        ...base,
        heading,
        status: 'incomplete',
        words: motivation,
        problems: [PROBLEMS.shortMotivation(motivation, minMotivation), ...leftOver],
      }
    }
    return { ...base, heading, status: 'not-relevant', words: motivation, problems: leftOver }
  }
  if (scan.substantiveWords < minWords) {
    return {
      ...base,
      heading,
      status: 'incomplete',
      words: scan.substantiveWords,
      problems: [PROBLEMS.shortAssessment(scan.substantiveWords, minWords), ...leftOver],
    }
  }
  return { ...base, heading, status: 'covered', words: scan.substantiveWords, problems: leftOver }
}

/**
 * An assessment whose text is mostly another perspective's, word for word, is incomplete
 * and names that perspective (SPEC C20). A not-relevant motivation may repeat: the same
 * reason ("the referral decides nothing about the service") often holds for all five. A
 * heading that opens several perspectives ("Barn- och äldreperspektiv") gives them one
 * shared text: not a copy.
 */
function markCopies(perspectives: PerspectiveCoverage[], found: Array<Found | undefined>, scans: Array<TextScan | undefined>): void {
  if (!perspectives.some((p) => p.status === 'covered')) return
  const words = found.map((f, i) => (f ? wordProfile(f.text, scans[i]?.hashes) : undefined))
  for (let i = 0; i < perspectives.length; i++) {
    const p = perspectives[i]!
    const a = words[i]
    const fi = found[i]
    if (p.status !== 'covered' || !a || !fi) continue
    for (let j = 0; j < perspectives.length; j++) {
      const b = words[j]
      const fj = found[j]
      if (j === i || !b || !fj || (fi.heading === fj.heading && fi.text === fj.text)) continue
      if (!isCopyOf(a, b)) continue
      perspectives[i] = { ...p, status: 'incomplete', problems: [PROBLEMS.sameText(perspectives[j]!.title), ...p.problems] }
      break
    }
  }
}

function checkSection(section: TemplateSection, found: Found | undefined, scan: TextScan | undefined): SectionCoverage {
  const base = { key: section.key, title: section.title }
  if (!found || !scan) {
    // An absent optional section (e.g. Bakgrund) is reported but is no problem (SPEC C14).
    return { ...base, status: 'missing', problems: section.required ? [PROBLEMS.sectionMissing] : [] }
  }
  if (scan.substantiveWords === 0) {
    // Placeholder text would reach an export, so it is a problem even in an optional section.
    if (scan.placeholders.length > 0) return { ...base, status: 'empty', problems: [PROBLEMS.onlyPlaceholder] }
    return { ...base, status: 'empty', problems: section.required ? [PROBLEMS.empty] : [] }
  }
  const problems = scan.placeholders.length > 0 ? [PROBLEMS.leftOver(scan.placeholders)] : []
  return { ...base, status: 'ok', problems }
}

/**
 * ◆ The perspective and section checker (rules: packages/coverage/SPEC.md). Pure: the same
 * document and template give the same report in the browser, on the server and in the CLI.
 */
export function checkCoverage(template: Template, doc: SectionedDocument, meta?: unknown): CoverageReport {
  const compiled: CompiledTemplate = compileTemplate(template)
  const byKey = groupByKey(doc)
  const placeholders: string[] = []
  const collect = (found: string[]): void => {
    for (const p of found) if (!placeholders.includes(p)) placeholders.push(p)
  }

  const perspectives: PerspectiveCoverage[] = []
  const perspectiveTexts: Array<Found | undefined> = []
  const perspectiveScans: Array<TextScan | undefined> = []
  const sections: SectionCoverage[] = []
  const templateKeys = new Set<string>()
  for (const section of template.sections) {
    templateKeys.add(section.key)
    const found = byKey.get(section.key)
    const scan = found ? scanText(found.text, compiled, section.kind === 'perspective') : undefined
    if (scan) collect(scan.placeholders)
    if (section.kind === 'perspective') {
      perspectives.push(checkPerspective(section, found, scan))
      perspectiveTexts.push(found)
      perspectiveScans.push(scan)
    } else sections.push(checkSection(section, found, scan))
  }
  // Text outside the template's sections is still scanned for left-overs (SPEC C11, C18).
  for (const s of doc.sections) {
    if (!s.key || !templateKeys.has(s.key)) collect(scanText(`${s.heading}\n\n${s.text}`, compiled).placeholders)
  }
  if (doc.otherText) collect(scanText(doc.otherText, compiled).placeholders)

  markCopies(perspectives, perspectiveTexts, perspectiveScans)

  // The header block (SPEC C21–C25): absent for legacy files, whose header is `otherText`.
  const metaPart = meta === undefined ? [] : checkMeta(template, meta, collect)

  const complete = perspectives.every((p) => p.status === 'covered' || p.status === 'not-relevant')
  const ready = complete && sections.every((s) => s.problems.length === 0) && metaPart.every((m) => m.status === 'ok') && placeholders.length === 0
  return { complete, perspectives, sections, placeholders, meta: metaPart, ready }
}
