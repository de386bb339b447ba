/** The closed word classes of a not-relevant judgement (SPEC C7.2–C7.8); judgement.ts matches them by position. */

/** C7.2 Negations: the adverbs. */
export const NEG = new Set(['inte', 'ej', 'icke', 'varken'])
/** C7.2 Negative determiners: "ingen påverkan", "inga konsekvenser". */
export const NEG_DET = new Set(['ingen', 'inga', 'inget'])
/** C7.2 "saknar betydelse", "sakna relevans". */
export const LACK = new Set(['saknar', 'sakna', 'saknat', 'saknade'])
export const LACKING = new Set(['saknas'])

/** C7.3 Adjectives of relevance: "(inte) relevant", "aktuellt", "tillämpligt", "berörda". */
export const REL_ADJ = new Set([
  'relevant',
  'relevanta',
  'aktuell',
  'aktuellt',
  'aktuella',
  'tillämplig',
  'tillämpligt',
  'tillämpliga',
  'applicerbar',
  'applicerbart',
  'applicerbara',
  'berörd',
  'berört',
  'berörda',
  'påverkad',
  'påverkat',
  'påverkade',
])
/** C7.3 Verbs of relevance, all forms: beröra, påverka, röra, omfatta, inverka, gälla. */
export const REL_VERB = new Set([
  'beröra',
  'berör',
  'berörs',
  'beröras',
  'berört',
  'berörts',
  'berörde',
  'berördes',
  'påverka',
  'påverkar',
  'påverkas',
  'påverkat',
  'påverkats',
  'påverkade',
  'påverkades',
  'röra',
  'rör',
  'rörs',
  'röras',
  'rört',
  'rörde',
  'omfatta',
  'omfattar',
  'omfattas',
  'omfattat',
  'omfattats',
  'omfattades',
  'inverka',
  'inverkar',
  'inverkat',
  'gälla',
  'gäller',
  'gällt',
  'gällde',
])
/** C7.3 Nouns of relevance: "ingen bäring", "saknar betydelse", "några konsekvenser". */
const REL_NOUN = new Set([
  'relevans',
  'bäring',
  'betydelse',
  'konsekvens',
  'konsekvenser',
  'effekt',
  'effekter',
  'påverkan',
  'inverkan',
  'koppling',
  'kopplingar',
  'beröring',
  'beröringspunkter',
  'samband',
  'inflytande',
  'förändring',
  'förändringar',
  'aspekt',
  'aspekter',
])
/** Compounds ending in a relevance noun: "miljöpåverkan", "jämställdhetsaspekter", "klimatkonsekvenser". */
const REL_NOUN_ENDINGS = ['påverkan', 'konsekvens', 'konsekvenser', 'effekt', 'effekter', 'aspekt', 'aspekter', 'koppling', 'betydelse']
const MIN_COMPOUND_HEAD = 3

export function isRelNoun(w: string): boolean {
  if (REL_NOUN.has(w)) return true
  for (const e of REL_NOUN_ENDINGS) if (w.length >= e.length + MIN_COMPOUND_HEAD && w.endsWith(e)) return true
  return false
}

/** "inte av sådan karaktär/art att …" */
export const KIND = new Set(['karaktär', 'art'])

/** C7.4 Verbs between the negation and the predicate: judging, modal and perfect auxiliaries. */
export const AUX = new Set([
  'bedöms',
  'bedömas',
  'bedömts',
  'bedömdes',
  'anses',
  'ansetts',
  'ansågs',
  'antas',
  'förväntas',
  'väntas',
  'beräknas',
  'kan',
  'kunna',
  'kunnat',
  'ska',
  'skall',
  'skulle',
  'bör',
  'torde',
  'kommer',
  'lär',
  'förefaller',
  'verkar',
  'tycks',
  'har',
  'hade',
  'ha',
])
/** C7.4 Copulas: "är inte relevant", "bedöms inte vara aktuellt". */
export const COPULA = new Set(['är', 'var', 'vara', 'varit', 'blir', 'bli', 'blivit'])
/** C7.4 Verbs that take a relevance noun: "inte medföra några konsekvenser", "inte har någon betydelse". */
export const HAVE = new Set([
  'har',
  'ha',
  'haft',
  'hade',
  'medför',
  'medföra',
  'medfört',
  'medförde',
  'innebär',
  'innebära',
  'inneburit',
  'innebar',
  'får',
  'få',
  'fått',
  'fick',
  'ger',
  'ge',
  'gett',
  'gav',
  'leder',
  'leda',
  'lett',
  'ledde',
  'finns',
  'finnas',
  'funnits',
  'fanns',
])
/** C7.4 Short adverbs allowed inside the chain: "inte heller", "inte i någon högre grad". */
export const FILLER = new Set([
  'heller',
  'längre',
  'alls',
  'nämnvärt',
  'märkbart',
  'väsentligt',
  'påtagligt',
  'egentligen',
  'därmed',
  'således',
  'därför',
  'alltså',
  'just',
  'särskilt',
  'i',
  'någon',
  'något',
  'några',
  'högre',
  'större',
  'nämnvärd',
  'utsträckning',
  'grad',
  'på',
  'sätt',
  'att',
  'det',
  'minsta',
  'direkt',
])
/** C7.5 "Någon analys har inte gjorts": the perspective was not analysed, with a reason. */
export const DONE = new Set(['gjorts', 'gjort', 'gjordes', 'göras', 'genomförts', 'genomfört', 'genomfördes', 'genomföras', 'utförts', 'utfört'])
/** "Någon barnkonsekvensanalys bedöms inte behövas", "… har inte bedömts nödvändig". */
export const NEEDED = new Set([
  'nödvändig',
  'nödvändigt',
  'nödvändiga',
  'behövas',
  'behövs',
  'behövts',
  'motiverad',
  'motiverat',
  'påkallad',
  'påkallat',
  'befogad',
  'befogat',
])
export const ANALYSED = new Set(['analyserats', 'analyserat', 'analyseras', 'utretts', 'utrett', 'utreds', 'belysts', 'prövats'])
const ANALYSIS = new Set([
  'analys',
  'analyser',
  'konsekvensanalys',
  'barnkonsekvensanalys',
  'jämställdhetsanalys',
  'bedömning',
  'prövning',
  'utredning',
  'kartläggning',
])
/**
 * "… har inte analyserats i remissen": a remissvar criticising what it answers is an
 * assessment, not a judgement about the perspective (C7.5).
 */
const REFERRED_TEXT = new Set([
  'remissen',
  'förslaget',
  'utredningen',
  'underlaget',
  'betänkandet',
  'promemorian',
  'programmet',
  'rapporten',
  'planen',
  'strategin',
])
export function aboutReferredText(c: string[]): boolean {
  for (let i = 0; i + 1 < c.length; i++) if (c[i] === 'i' && REFERRED_TEXT.has(c[i + 1]!)) return true
  return false
}

export function isAnalysis(w: string): boolean {
  return ANALYSIS.has(w) || w.endsWith('analys') || w.endsWith('analyser')
}

/** C7.6 "Förslaget är könsneutralt": a judgement without a negation. */
export const NEUTRAL = new Set(['neutral', 'neutralt', 'neutrala', 'könsneutral', 'könsneutralt', 'könsneutrala'])
export const NEUTRAL_LEAD = new Set(['är', 'vara', 'bedöms', 'anses', 'bedömts', 'ansetts', 'blir', 'helt', 'som'])
/** C7.7 Negation raising: "Förvaltningen bedömer inte att förslaget påverkar barn". */
export const BELIEF = new Set([
  'bedömer',
  'bedömde',
  'anser',
  'ansåg',
  'tror',
  'ser',
  'se',
  'sett',
  'menar',
  'bedömt',
  'ansett',
  'anse',
  'bedöma',
  'finner',
  'funnit',
])
/** C7.6 "Inget att redovisa." */
export const NOTHING_TO = new Set(['redovisa', 'rapportera', 'tillägga', 'anmärka', 'kommentera'])

/**
 * C7.8 Limiters: the negation denies a limitation, a direction or an equality, not the
 * effect itself ("påverkar inte bara kvinnor", "påverkas inte negativt", "inte lika mycket",
 * "inte på samma sätt", "inte alla äldre", "inte i första hand"): an assessment.
 */
export const LIMITER = new Set([
  'bara',
  'endast',
  'enbart',
  'uteslutande',
  'främst',
  'primärt',
  'huvudsakligen',
  'nödvändigtvis',
  'alltid',
  'lika',
  'negativt',
  'negativa',
  'negativ',
  'positivt',
  'positiva',
  'positiv',
  'hand',
  'samma',
  'alla',
  'mer',
  'mindre',
])
export const LIMITER_SCOPE_END = new Set(['och', 'samt', 'som', 'att', 'då', 'när', 'så'])
/** "inte minst" (not least) only right after the negation: "inte det minsta" is a judgement. */
export const LIMITER_NEXT = new Set(['minst'])
/** C7.8 "inte direkt … men/utan … indirekt": a qualified effect, not a denial. */
export const CONTRAST = new Set(['men', 'utan', 'däremot', 'indirekt', 'indirekta'])

/** What a matter consists of: "inga förslag/delar/åtgärder (i ärendet) som …". */
export const CONTENT = new Set([
  'förslag',
  'delar',
  'del',
  'åtgärder',
  'åtgärd',
  'inslag',
  'frågor',
  'fråga',
  'beslut',
  'moment',
  'punkter',
  'ändringar',
  'ändring',
  'insatser',
  'i',
  'ärendet',
  'remissen',
  'förslaget',
  'beslutet',
  'yttrandet',
  'det',
  'här',
])
