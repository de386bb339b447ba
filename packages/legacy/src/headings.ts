import type { PerspectiveKey, Template } from '@perspektiv/model'

/** Lower case, punctuation and line breaks to single spaces, padded: ` klimat och miljöperspektiv `. */
export function normalizeHeading(text: string): string {
  const body = text
    .toLowerCase()
    .replace(/([\p{L}\p{N}])[:'’](?=[\p{L}\p{N}])/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  return body ? ` ${body} ` : ' '
}

export function wordCount(text: string): number {
  const n = normalizeHeading(text).trim()
  return n ? n.split(' ').length : 0
}

/**
 * Word stems that name a perspective in a heading ("Konsekvenser för barn", "Äldre",
 * "Miljö- och klimatkonsekvenser"), matched at a word start in normalised text.
 */
const PERSPECTIVE_STEMS: Record<PerspectiveKey, RegExp> = {
  jamstalldhet: / (?:jämställd|kvinnor och män|flickor och pojkar|köns(?:perspektiv|konsekvens))/u,
  barnratt: / (?:barn(?!omsorg)|unga )/u,
  tillganglighet: / (?:tillgänglig|funktionshind|funktionsnedsätt|funktionsvariation|funktionsrätt)/u,
  aldre: / (?:äldre|pensionär|senior)/u,
  'klimat-miljo': / (?:klimat|miljö|miljon)/u,
}

/** Words that make a short line with a perspective stem read as a heading, not a phrase. */
const HEADING_WORDS =
  / (?:\p{L}*perspektiv\p{L}*|\p{L}*analys\p{L}*|\p{L}*konsekvens\p{L}*|bedömning\p{L}*|påverkan|effekt\p{L}*|aspekt\p{L}*|rättighet\p{L}*|bästa|prövning\p{L}*|hänsyn|\p{L}*integrering|frågor) /u
/** …or the line consists of nothing but such vocabulary ("Barn och unga", "Klimat och miljö"). */
const TOPIC_ONLY =
  /^(?: (?:jämställdhet|jämställdheten|jämlikhet|barn|barnen|unga|barnrätt|barnets|barns|rättigheter|tillgänglighet|tillgängligheten|äldre|klimat|klimatet|miljö|miljön|och|samt|för|personer|med|funktionsnedsättning|funktionsnedsättningar|funktionshinder|delaktighet|klimat och miljö))+ $/u

/** Headings that group the perspectives as labelled paragraphs ("Konsekvensanalys", "Konsekvenser"). */
const CONTAINER =
  /^ (?:konsekvensanalys(?:er)?|konsekvensbeskrivning(?:ar)?|konsekvenser|(?:förslagets |beslutets )?konsekvenser(?: av (?:förslaget|beslutet|ärendet))?|analys av konsekvenser|konsekvenser för .+|perspektiv|perspektiven|perspektivanalys|övriga perspektiv|hållbarhetsperspektiv|sociala konsekvenser|konsekvenser och perspektiv|perspektiv och konsekvenser) $/u

/**
 * Common top-level TU headings outside our templates: they end the section before them
 * (so the perspective before "Ekonomiska konsekvenser" does not absorb it).
 */
const BOUNDARY_HEADINGS = [
  'Ekonomiska konsekvenser',
  'Ekonomiska konsekvenser och finansiering',
  'Ekonomi',
  'Finansiering',
  'Konsekvenser för ekonomin',
  'Juridiska konsekvenser',
  'Rättsliga konsekvenser',
  'Personalkonsekvenser',
  'Konsekvenser för medarbetare',
  'Konsekvenser för verksamheten',
  'Organisatoriska konsekvenser',
  'Uppföljning',
  'Genomförande',
  'Tidplan',
  'Risker',
  'Riskanalys',
  'Risk- och konsekvensanalys',
  'Slutsats',
  'Slutsatser',
  'Sammanfattande bedömning',
  'Förvaltningens bedömning',
  'Förvaltningens överväganden',
  'Samverkan',
  'Facklig samverkan',
  'Remissinstanser',
  'Mänskliga rättigheter',
  'Beslutsunderlag',
  'Förslag till yttrande',
  'Yttrande',
]

/** "Förvaltningens …", "Stadsledningskontorets …", "Kulturnämndens …": the owner varies. */
const ORGANISATION_GENITIVE =
  /^ \p{L}*(?:förvaltning(?:en|arna)s|kontorets|nämndens|kansliets|styrelsens|bolagets|avdelningens|enhetens|förvaltningens) (.+) $/u

/** Headings matched by a perspective's word stem rather than a known wording are short. */
export const MAX_STEM_HEADING_WORDS = 6

export type Resolution =
  /** A template section; several keys for a heading naming several perspectives. */
  | { kind: 'section'; keys: string[]; exact: boolean }
  /** A heading grouping perspectives as labelled paragraphs. */
  | { kind: 'container' }
  /** A known heading outside the template: ends the section before it. */
  | { kind: 'boundary' }

export interface HeadingIndex {
  resolve(line: string): Resolution | undefined
  /** Perspective keys only (for labels in labelled paragraphs). */
  resolveLabel(label: string, inContainer: boolean): string[] | undefined
  perspectiveKeys: Set<string>
}

const cache = new WeakMap<Template, HeadingIndex>()

/** Heading lookup for a template: titles, synonyms, genitive variants and perspective stems. */
export function headingIndex(template: Template): HeadingIndex {
  const hit = cache.get(template)
  if (hit) return hit
  const exact = new Map<string, string>()
  // "Förvaltningens synpunkter" also as "Kulturförvaltningens synpunkter", "Kontorets …".
  const genitive: Array<{ rest: string; key: string }> = []
  const perspectiveKeys = new Set<string>()
  for (const s of template.sections) {
    if (s.kind === 'perspective') perspectiveKeys.add(s.key)
    for (const h of [s.title, ...s.synonyms]) {
      const n = normalizeHeading(h)
      if (!exact.has(n)) exact.set(n, s.key)
      const m = ORGANISATION_GENITIVE.exec(n)
      if (m) genitive.push({ rest: ` ${m[1]} `, key: s.key })
    }
  }
  const boundaries = new Set(BOUNDARY_HEADINGS.map(normalizeHeading))

  const stems = (n: string): string[] =>
    (Object.keys(PERSPECTIVE_STEMS) as PerspectiveKey[]).filter((k) => perspectiveKeys.has(k) && PERSPECTIVE_STEMS[k].test(n))

  const resolve = (line: string): Resolution | undefined => {
    const n = normalizeHeading(line)
    if (n === ' ') return undefined
    const key = exact.get(n)
    if (key) return { kind: 'section', keys: [key], exact: true }
    const g = ORGANISATION_GENITIVE.exec(n)
    if (g) {
      const rest = ` ${g[1]} `
      const hit = genitive.find((x) => x.rest === rest)
      if (hit) return { kind: 'section', keys: [hit.key], exact: true }
    }
    if (boundaries.has(n)) return { kind: 'boundary' }
    const words = n.trim().split(' ').length
    const found = words <= MAX_STEM_HEADING_WORDS + 4 ? stems(n) : []
    // "Konsekvenser för jämställdhet, barn, tillgänglighet, äldre och miljö" may be longer.
    if (words > (found.length >= 2 ? MAX_STEM_HEADING_WORDS + 4 : MAX_STEM_HEADING_WORDS)) found.length = 0
    if (found.length > 0 && (HEADING_WORDS.test(n) || TOPIC_ONLY.test(n))) {
      return { kind: 'section', keys: found, exact: false }
    }
    if (CONTAINER.test(n)) return { kind: 'container' }
    return undefined
  }

  const resolveLabel = (label: string, inContainer: boolean): string[] | undefined => {
    const n = normalizeHeading(label)
    const key = exact.get(n)
    if (key && perspectiveKeys.has(key)) return [key]
    if (!inContainer || n.trim().split(' ').length > 5) return undefined
    const found = stems(n)
    return found.length > 0 ? found : undefined
  }

  const index = { resolve, resolveLabel, perspectiveKeys }
  cache.set(template, index)
  return index
}
