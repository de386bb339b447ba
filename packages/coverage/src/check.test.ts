import { describe, expect, it } from 'vitest'
import { coverageReportSchema, type SectionedDocument, type Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { initialDocument, type PMNode } from '@perspektiv/document'
import { checkCoverage, coverageOfDocument } from './index.js'

const templates = loadTemplates()
const remissvar = templates.get('remissvar') as Template
const beslut = templates.get('beslut') as Template

const ASSESSMENT =
  'Förslaget berör främst medarbetare i förvaltningen. Kvinnor är i majoritet bland personalen, och en ändrad ' +
  'schemaläggning påverkar deras möjlighet att kombinera arbete och familj mer än männens.'
const MOTIVATION =
  'Ärendet är ett remissvar som inte fattar något beslut om verksamheten; analysen av effekterna för flickor och ' + 'pojkar görs i det senare beslutsärendet.'

/** One assessment per perspective: the same text in two perspectives is a copy (C20). */
const ASSESSMENTS: Record<string, string> = {
  jamstalldhet:
    'Statistiken över besökare är uppdelad på kön och visar att kvinnor oftare än män använder tjänsten, så de längre ' +
    'öppettiderna gynnar främst kvinnor som arbetar dagtid.',
  barnratt:
    'Elevråden på tre skolor har tillfrågats. Barnen vill kunna gå till biblioteket efter skolan, vilket förslaget om ' + 'öppet till klockan sju gör möjligt.',
  tillganglighet:
    'Den nya entrén saknar trappsteg och får automatisk dörröppnare. Rådet för funktionshinderfrågor har granskat ' +
    'ritningarna och lämnat synpunkter som har tagits in.',
  aldre:
    'Pensionärsrådet påpekade att många äldre saknar bil. Hållplatsen flyttas därför närmare entrén och bänkar ställs ' +
    'ut längs gångvägen från parkeringen.',
  'klimat-miljo':
    'Lokalen värms med fjärrvärme och belysningen byts mot LED, vilket enligt fastighetsägarens beräkning minskar ' +
    'energianvändningen med en fjärdedel per år.',
}

const BODY = 'Förvaltningen har gått igenom remissen och lämnar här sina synpunkter på förslaget i sin helhet.'

/** A document with every text section filled and the given perspective texts. */
function doc(perspectives: Record<string, string | { text: string; notRelevant: boolean } | null>, other?: string): SectionedDocument {
  const sections: SectionedDocument['sections'] = []
  for (const s of remissvar.sections) {
    if (s.kind !== 'perspective') {
      sections.push({ key: s.key, heading: s.title, text: BODY })
      continue
    }
    const p = s.key in perspectives ? perspectives[s.key] : ASSESSMENTS[s.key]
    if (p === null || p === undefined) continue
    if (typeof p === 'string') sections.push({ key: s.key, heading: s.title, text: p })
    else sections.push({ key: s.key, heading: s.title, text: p.text, notRelevant: p.notRelevant })
  }
  return { sections, otherText: other }
}

function perspective(report: ReturnType<typeof checkCoverage>, key: string) {
  const p = report.perspectives.find((x) => x.key === key)
  if (!p) throw new Error(`no perspective ${key}`)
  return p
}

describe('checkCoverage', () => {
  it('[C1] a perspective without a section is missing, and a keyword in another section does not count', () => {
    const d = doc({ barnratt: null })
    d.sections.find((s) => s.key === 'synpunkter')!.text =
      'Barnrättsperspektivet och barnets bästa är viktiga, och barnkonventionen är lag sedan 2020 enligt förvaltningen.'
    const r = checkCoverage(remissvar, d)
    const p = perspective(r, 'barnratt')
    expect(p).toMatchObject({ status: 'missing', words: 0, problems: ['Perspektivet saknas helt.'] })
    expect(p.heading).toBeUndefined()
    expect(r.complete).toBe(false)
  })

  it('[C2] an empty perspective section is incomplete', () => {
    const p = perspective(checkCoverage(remissvar, doc({ aldre: '   \n\n ' })), 'aldre')
    expect(p).toMatchObject({ status: 'incomplete', words: 0, problems: ['Avsnittet är tomt.'], heading: 'Äldreperspektiv' })
  })

  it('[C3] a section holding only the template placeholder or guiding questions is incomplete', () => {
    const questions = remissvar.sections
      .find((s) => s.key === 'jamstalldhet')!
      .guidingQuestions!.slice(0, 2)
      .join('\n')
    const r = checkCoverage(remissvar, doc({ tillganglighet: 'Beskriv hur förslaget påverkar personer med funktionsnedsättning.', jamstalldhet: questions }))
    for (const key of ['tillganglighet', 'jamstalldhet']) {
      const p = perspective(r, key)
      expect(p.status).toBe('incomplete')
      expect(p.words).toBe(0)
      expect(p.problems[0]).toBe('Avsnittet innehåller bara mallens platshållartext.')
    }
    expect(r.placeholders).toContain('Beskriv hur förslaget påverkar personer med funktionsnedsättning')
  })

  it('[C3] Word prompts such as "Klicka här för att ange text" are placeholders, not substance', () => {
    const r = checkCoverage(remissvar, doc({ 'klimat-miljo': 'Klicka eller tryck här för att ange text.' }))
    expect(perspective(r, 'klimat-miljo')).toMatchObject({ status: 'incomplete', words: 0 })
    expect(r.placeholders).toEqual(['Klicka eller tryck här för att ange text'])
  })

  it('[C4] a bare "Ej relevant." is incomplete', () => {
    for (const bare of ['Ej relevant.', 'Inte aktuellt.', 'Bedöms inte vara relevant.', 'Påverkas inte.']) {
      const p = perspective(checkCoverage(remissvar, doc({ barnratt: bare })), 'barnratt')
      expect(p, bare).toMatchObject({
        status: 'incomplete',
        words: 0,
        problems: [`”${bare}” är bara ett konstaterande; skriv varför perspektivet inte berör ärendet.`],
      })
    }
  })

  it('[C4] the editor flag without any motivation is incomplete', () => {
    const p = perspective(checkCoverage(remissvar, doc({ aldre: { text: '', notRelevant: true } })), 'aldre')
    expect(p).toMatchObject({ status: 'incomplete', problems: ['Perspektivet anges som ej relevant utan motivering.'] })
  })

  it('[C5] a not-relevant judgement with a short motivation names the word count', () => {
    const p = perspective(checkCoverage(remissvar, doc({ jamstalldhet: 'Ej relevant. Ärendet rör intern administration.' })), 'jamstalldhet')
    expect(p).toMatchObject({ status: 'incomplete', words: 4, problems: ['Motiveringen är för kort (4 av minst 15 ord).'] })
  })

  it('[C6] the editor flag with a motivation of at least the minimum is not-relevant', () => {
    const r = checkCoverage(remissvar, doc({ barnratt: { text: MOTIVATION, notRelevant: true } }))
    expect(perspective(r, 'barnratt')).toMatchObject({ status: 'not-relevant', problems: [] })
    expect(perspective(r, 'barnratt').words).toBeGreaterThanOrEqual(15)
    expect(r.complete).toBe(true)
  })

  it('[C6] the editor flag with a substantial text that never says "not relevant" is still not-relevant', () => {
    const p = perspective(checkCoverage(remissvar, doc({ aldre: { text: ASSESSMENT, notRelevant: true } })), 'aldre')
    expect(p.status).toBe('not-relevant')
  })

  it('[C7] a legacy text whose leading sentence judges not relevant, with a motivation, is not-relevant', () => {
    const text = `Förvaltningen bedömer att ärendet inte påverkar barn. ${MOTIVATION}`
    const p = perspective(checkCoverage(remissvar, doc({ barnratt: text })), 'barnratt')
    expect(p.status).toBe('not-relevant')
  })

  it('[C7] "Ej relevant." followed by a motivation counts only the motivation', () => {
    const p = perspective(checkCoverage(remissvar, doc({ aldre: `Ej relevant. ${MOTIVATION}` })), 'aldre')
    expect(p.status).toBe('not-relevant')
    expect(p.words).toBe(perspective(checkCoverage(remissvar, doc({ aldre: MOTIVATION })), 'aldre').words)
  })

  it('[C7] recognises the ways TUs phrase a not-relevant judgement in the leading sentence', () => {
    const openings = [
      'Ej relevant.',
      'Bedöms ej relevant för ärendet.',
      'Perspektivet är inte tillämpligt i detta ärende.',
      'Ärendet bedöms inte beröra barn.',
      'Förslaget bedöms inte medföra några konsekvenser för äldre.',
      'Ärendet saknar betydelse för klimat och miljö.',
      'Förvaltningen har bedömt att frågan saknar relevans.',
      'Förslaget har ingen påverkan på jämställdheten.',
      'Förslaget är neutralt ur ett jämställdhetsperspektiv.',
      'Kvinnor och män påverkas inte.',
      'Inget att redovisa.',
    ]
    for (const opening of openings) {
      const p = perspective(checkCoverage(remissvar, doc({ jamstalldhet: `${opening} ${MOTIVATION}` })), 'jamstalldhet')
      expect(p.status, opening).toBe('not-relevant')
      const bare = perspective(checkCoverage(remissvar, doc({ jamstalldhet: opening })), 'jamstalldhet')
      expect(bare.status, opening).toBe('incomplete')
    }
  })

  it('[C7] assessments whose leading sentence only resembles a verdict stay covered', () => {
    const openings = [
      'Förslaget påverkar inte bara kvinnor utan även män i personalgruppen.',
      'Det finns ingen könsuppdelad statistik, men förvaltningens egna räkningar visar att flickor deltar mindre.',
    ]
    for (const opening of openings) {
      const p = perspective(checkCoverage(remissvar, doc({ jamstalldhet: `${opening} ${ASSESSMENT}` })), 'jamstalldhet')
      expect(p.status, opening).toBe('covered')
    }
  })

  it('[C7] a long assessment that merely contains "påverkas inte" further on stays covered', () => {
    const text = `${ASSESSMENT} Tillgången till lokaler påverkas inte, men öppettiderna förändras för de som arbetar kväll.`
    const p = perspective(checkCoverage(remissvar, doc({ jamstalldhet: text })), 'jamstalldhet')
    expect(p.status).toBe('covered')
  })

  it('[C7] a short text that says "not relevant" in a later sentence is judged not relevant', () => {
    const p = perspective(checkCoverage(remissvar, doc({ tillganglighet: 'Ärendet gäller budgetteknik. Perspektivet är inte relevant.' })), 'tillganglighet')
    expect(p.problems).toEqual(['Motiveringen är för kort (3 av minst 15 ord).'])
  })

  it("[C7.4] the issue's wordings in either clause order are judgements, with a motivation not-relevant", () => {
    const openings = [
      'Nämnden anser att frågan inte är aktuell för äldre i det här fallet.',
      'Förvaltningen bedömer att ärendet inte berör barn.',
      'Förvaltningen bedömer att förslaget inte bedöms påverka äldre.',
      'Yttrandet lämnas utan synpunkter eftersom remissen inte är tillämplig på stadsdelens verksamhet.',
      'Ärendet saknar relevans för perspektivet.',
      'Förslaget har ingen bäring på barns rättigheter.',
      'Perspektivet är inte tillämpligt.',
      'Äldre berörs inte av förslaget.',
      'Förslaget bedöms inte medföra några konsekvenser för personer med funktionsnedsättning.',
      'Perspektivet har inte bedömts vara aktuellt.',
      'Någon analys har inte gjorts eftersom ärendet gäller nämndens interna arbetsordning.',
    ]
    for (const opening of openings) {
      const p = perspective(checkCoverage(remissvar, doc({ aldre: `${opening} ${MOTIVATION}` })), 'aldre')
      expect(p.status, opening).toBe('not-relevant')
      const alone = perspective(checkCoverage(remissvar, doc({ aldre: opening })), 'aldre')
      expect(alone.status, opening).toBe('incomplete')
      expect(alone.problems[0], opening).toMatch(
        /^(?:Motiveringen är för kort|Perspektivet anges som ej relevant utan motivering|”.+” är bara ett konstaterande; skriv varför)/,
      )
    }
  })

  it('[C7] a long assessment with a judgement-like clause in a later sentence stays covered', () => {
    const text =
      'Förvaltningen har gått igenom hur de nya öppettiderna fördelas över veckan. Pensionärsrådet har lämnat synpunkter, ' +
      'och biblioteket öppnar därför en timme tidigare på tisdagar då många äldre besöker det. Äldre som inte har ' +
      'internet får hjälp vid informationsdisken. Tillgången till talböcker påverkas inte, eftersom de lånas ut digitalt.'
    const p = perspective(checkCoverage(remissvar, doc({ aldre: text })), 'aldre')
    expect(p.status).toBe('covered')
  })

  it('[C7.8] a first sentence whose negation is limited is read as the start of an assessment', () => {
    const opening = 'Förslaget berör inte direkt barn, men föräldrarnas arbetstider förändras.'
    const p = perspective(checkCoverage(remissvar, doc({ barnratt: `${opening} ${ASSESSMENTS.barnratt}` })), 'barnratt')
    expect(p.status).toBe('covered')
  })

  it('[C8] an assessment under the minimum is incomplete with the count', () => {
    const p = perspective(checkCoverage(remissvar, doc({ 'klimat-miljo': 'Förslaget bedöms minska resorna något.' })), 'klimat-miljo')
    expect(p).toMatchObject({ status: 'incomplete', words: 5, problems: ['Bedömningen är för kort (5 av minst 20 ord).'] })
  })

  it('[C9] a substantive assessment is covered and the document complete when all five are', () => {
    const r = checkCoverage(remissvar, doc({}))
    expect(r.perspectives.map((p) => p.status)).toEqual(['covered', 'covered', 'covered', 'covered', 'covered'])
    expect(r.perspectives.map((p) => p.heading)).toEqual([
      'Jämställdhetsanalys',
      'Barnrättsperspektiv',
      'Tillgänglighet',
      'Äldreperspektiv',
      'Klimat och miljö',
    ])
    expect(r.complete).toBe(true)
    expect(coverageReportSchema.parse(r)).toEqual(r)
  })

  it('[C10] placeholder words do not count towards the minimum', () => {
    const text = 'Förslaget minskar resorna. Beskriv förslagets effekter på klimat och miljö. Klicka här för att ange text.'
    const p = perspective(checkCoverage(remissvar, doc({ 'klimat-miljo': text })), 'klimat-miljo')
    expect(p.words).toBe(3)
    expect(p.status).toBe('incomplete')
  })

  it('[C11] placeholders anywhere are reported once each, as written, including text outside sections', () => {
    const other = 'Klicka och skriv namn\nKlicka och skriv titel\nKlicka och skriv förvaltning\n\nKlicka och skriv namn\nKlicka och skriv titel'
    const d = doc({}, other)
    d.sections.find((s) => s.key === 'bakgrund')!.text = `${BODY} Beslutet fattades ÅÅÅÅ-MM-DD av [Nämndens namn], dnr XXX.`
    const r = checkCoverage(remissvar, d)
    expect(r.placeholders).toEqual(['ÅÅÅÅ-MM-DD', 'XXX', '[Nämndens namn]', 'Klicka och skriv namn', 'Klicka och skriv titel', 'Klicka och skriv förvaltning'])
  })

  it('[C11] other Word prompts: "Klicka här och skriv", "Skriv text här"', () => {
    const r = checkCoverage(remissvar, doc({ aldre: 'Klicka här och skriv.', barnratt: 'Skriv text här' }))
    expect(r.placeholders).toEqual(['Skriv text här', 'Klicka här och skriv'])
    expect(perspective(r, 'aldre').words).toBe(0)
  })

  it('[C11] editorial brackets, citations and Markdown links are not placeholders', () => {
    const d = doc({})
    d.sections.find((s) => s.key === 'arendet')!.text =
      `${BODY} Enligt programmet ska ”[staden] arbeta […] systematiskt” [1], se [Hållbarhet](https://start.stockholm).`
    expect(checkCoverage(remissvar, d).placeholders).toEqual([])
  })

  it('[C12] left-over template text in a substantive section is named but does not change the status', () => {
    const p = perspective(checkCoverage(remissvar, doc({ aldre: `${ASSESSMENT} Klicka här för att ange text.` })), 'aldre')
    expect(p.status).toBe('covered')
    expect(p.problems).toEqual(['Avsnittet innehåller kvarlämnad malltext: ”Klicka här för att ange text”.'])
  })

  it('[C13] text sections are ok, empty (with a problem when required) or missing', () => {
    const d = doc({})
    d.sections = d.sections.filter((s) => s.key !== 'arendet')
    d.sections.find((s) => s.key === 'sammanfattning')!.text = ''
    d.sections.find((s) => s.key === 'beredning')!.text = 'Ange hur ärendet har beretts.'
    const r = checkCoverage(remissvar, d)
    const byKey = Object.fromEntries(r.sections.map((s) => [s.key, s]))
    expect(r.sections.map((s) => s.key)).toEqual([
      'forslag-till-beslut',
      'sammanfattning',
      'bakgrund',
      'arendet',
      'beredning',
      'synpunkter',
      'avslutning',
      'bilagor',
    ])
    expect(byKey.sammanfattning).toMatchObject({ status: 'empty', problems: ['Avsnittet är tomt.'] })
    expect(byKey.arendet).toMatchObject({ status: 'missing', problems: ['Avsnittet saknas.'] })
    expect(byKey.beredning).toMatchObject({ status: 'empty', problems: ['Avsnittet innehåller bara mallens platshållartext.'] })
    expect(byKey.synpunkter).toMatchObject({ status: 'ok', problems: [] })
    // Sections do not decide completeness: only perspectives do.
    expect(r.complete).toBe(true)
  })

  it('[C13] (model T8) the closing sentence left as its placeholder is template text, a real one is ok', () => {
    for (const template of [remissvar, beslut]) {
      const placeholder = template.sections.find((s) => s.key === 'avslutning')!.placeholder
      const d = doc({})
      d.sections.find((s) => s.key === 'avslutning')!.text = placeholder
      const left = checkCoverage(template, d)
      expect(left.sections.find((s) => s.key === 'avslutning')).toMatchObject({
        status: 'empty',
        problems: ['Avsnittet innehåller bara mallens platshållartext.'],
      })
      d.sections.find((s) => s.key === 'avslutning')!.text = 'Förvaltningen föreslår att nämnden godkänner tjänsteutlåtandet.'
      expect(checkCoverage(template, d).sections.find((s) => s.key === 'avslutning')).toMatchObject({ status: 'ok', problems: [] })
    }
  })

  it('[C14] an absent or empty optional section carries no problem', () => {
    const d = doc({})
    d.sections = d.sections.filter((s) => s.key !== 'bilagor')
    d.sections.find((s) => s.key === 'bakgrund')!.text = ''
    const r = checkCoverage(remissvar, d)
    expect(r.sections.find((s) => s.key === 'bilagor')).toMatchObject({ status: 'missing', problems: [] })
    expect(r.sections.find((s) => s.key === 'bakgrund')).toMatchObject({ status: 'empty', problems: [] })
  })

  it('[C15] complete is false as soon as one perspective is incomplete or missing', () => {
    expect(checkCoverage(remissvar, doc({ aldre: 'Ej relevant.' })).complete).toBe(false)
    expect(checkCoverage(remissvar, doc({ aldre: null })).complete).toBe(false)
  })

  it('[C16] repeated sections with the same key are read together', () => {
    const d = doc({ barnratt: 'Förslaget berör barn i förskolan.' })
    d.sections.push({
      key: 'barnratt',
      heading: 'Barnkonsekvensanalys',
      text: 'Barns åsikter har inhämtats genom enkäter i tre förskolor, och deras synpunkter har vägts in i förslaget.',
    })
    const p = perspective(checkCoverage(remissvar, d), 'barnratt')
    expect(p).toMatchObject({ status: 'covered', heading: 'Barnrättsperspektiv' })
  })

  it('[C17] minimum word counts come from the template section', () => {
    const strict: Template = {
      ...remissvar,
      sections: remissvar.sections.map((s) => (s.key === 'aldre' ? { ...s, minWords: 40, minMotivationWords: 30 } : s)),
    }
    const r = checkCoverage(strict, doc({ aldre: ASSESSMENT }))
    expect(perspective(r, 'aldre').problems[0]).toMatch(/^Bedömningen är för kort \(\d+ av minst 40 ord\)\.$/)
    const r2 = checkCoverage(strict, doc({ aldre: { text: MOTIVATION, notRelevant: true } }))
    expect(perspective(r2, 'aldre').problems[0]).toMatch(/av minst 30 ord/)
  })

  it('[C18] sections the template does not know are ignored except for placeholders', () => {
    const d = doc({})
    d.sections.push({ key: null, heading: 'Ekonomiska konsekvenser', text: 'Klicka här för att ange text.' })
    d.sections.push({ key: 'ekonomi', heading: 'Ekonomi', text: 'Kostnaden ryms i budgeten.' })
    const r = checkCoverage(remissvar, d)
    expect(r.sections.some((s) => s.key === 'ekonomi')).toBe(false)
    expect(r.placeholders).toEqual(['Klicka här för att ange text'])
    expect(checkCoverage(beslut, d).sections.find((s) => s.key === 'ekonomi')?.status).toBe('ok')
  })

  it('[C19] coverageOfDocument reads the editor document: a fresh skeleton has every perspective empty', () => {
    const r = coverageOfDocument(remissvar, initialDocument(remissvar))
    expect(r.perspectives.map((p) => p.status)).toEqual(Array(5).fill('incomplete'))
    expect(r.perspectives.every((p) => p.problems[0] === 'Avsnittet är tomt.')).toBe(true)
    expect(r.sections.find((s) => s.key === 'forslag-till-beslut')).toMatchObject({ status: 'empty' })
    expect(r.complete).toBe(false)
  })

  it('[C19] coverageOfDocument honours the notRelevant attribute and paragraphs', () => {
    const json = initialDocument(remissvar)
    const para = (text: string): PMNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })
    for (const node of json.content ?? []) {
      if (node.attrs?.kind !== 'perspective') continue
      node.content = [para(MOTIVATION.slice(0, 60)), para(MOTIVATION.slice(60))]
      node.attrs.notRelevant = true
    }
    const r = coverageOfDocument(remissvar, json)
    expect(r.perspectives.map((p) => p.status)).toEqual(Array(5).fill('not-relevant'))
    expect(r.complete).toBe(true)
  })
})

describe('copies', () => {
  const PASTED =
    'Förvaltningen har analyserat förslaget utifrån perspektivet och bedömer att det förbättrar servicen för de ' +
    'berörda grupperna, som också har fått lämna synpunkter under beredningen av ärendet.'

  it('[C20] one paragraph pasted into all five perspectives: all five incomplete, each naming another', () => {
    const all = Object.fromEntries(remissvar.sections.filter((s) => s.kind === 'perspective').map((s) => [s.key, PASTED]))
    const r = checkCoverage(remissvar, doc(all))
    expect(r.perspectives.map((p) => [p.status, p.problems[0]])).toEqual([
      ['incomplete', 'Samma text som i Barnrättsperspektiv.'],
      ['incomplete', 'Samma text som i Jämställdhetsanalys.'],
      ['incomplete', 'Samma text som i Jämställdhetsanalys.'],
      ['incomplete', 'Samma text som i Jämställdhetsanalys.'],
      ['incomplete', 'Samma text som i Jämställdhetsanalys.'],
    ])
    expect(r.perspectives.every((p) => p.words === perspective(r, 'jamstalldhet').words)).toBe(true)
    expect(r.complete).toBe(false)
  })

  it("[C20] a copy with the group's name changed in a few places is still a copy", () => {
    const forBarn = `${PASTED} Barn och unga får bättre service.`
    const forAldre = `${PASTED.replace('berörda grupperna', 'äldre invånarna')} Äldre får bättre service.`
    const r = checkCoverage(remissvar, doc({ barnratt: forBarn, aldre: forAldre }))
    expect(perspective(r, 'barnratt')).toMatchObject({ status: 'incomplete', problems: ['Samma text som i Äldreperspektiv.'] })
    expect(perspective(r, 'aldre')).toMatchObject({ status: 'incomplete', problems: ['Samma text som i Barnrättsperspektiv.'] })
  })

  it('[C20] the pasted text is the copy; the longer assessment that contains it is not', () => {
    const longer = `${ASSESSMENTS.aldre} ${PASTED} ${ASSESSMENTS['klimat-miljo']}`
    const r = checkCoverage(remissvar, doc({ barnratt: PASTED, aldre: longer }))
    expect(perspective(r, 'barnratt')).toMatchObject({ status: 'incomplete', problems: ['Samma text som i Äldreperspektiv.'] })
    expect(perspective(r, 'aldre').status).toBe('covered')
  })

  it('[C20] an assessment that quotes one sentence of another perspective is not a copy', () => {
    const quoting = `${ASSESSMENTS.aldre} Som i barnrättsavsnittet gäller: Elevråden på tre skolor har tillfrågats.`
    const r = checkCoverage(remissvar, doc({ aldre: quoting }))
    expect(r.perspectives.map((p) => p.status)).toEqual(Array(5).fill('covered'))
  })

  it('[C20] one heading opening two perspectives gives them one text, which is no copy', () => {
    const d = doc({ barnratt: null, aldre: null })
    const heading = 'Barn- och äldreperspektiv'
    d.sections.push({ key: 'barnratt', heading, text: PASTED }, { key: 'aldre', heading, text: PASTED })
    const r = checkCoverage(remissvar, d)
    expect(perspective(r, 'barnratt').status).toBe('covered')
    expect(perspective(r, 'aldre').status).toBe('covered')
  })

  it('[C20] the same not-relevant motivation may stand in several perspectives', () => {
    const r = checkCoverage(remissvar, doc({ barnratt: `Ej relevant. ${MOTIVATION}`, aldre: { text: MOTIVATION, notRelevant: true } }))
    expect(perspective(r, 'barnratt').status).toBe('not-relevant')
    expect(perspective(r, 'aldre').status).toBe('not-relevant')
  })
})

describe('template text as placeholders', () => {
  const decision = 'Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.'

  it('[C11] a declarative template placeholder is a left-over only when it is the whole section', () => {
    const d = doc({})
    d.sections.find((s) => s.key === 'forslag-till-beslut')!.text = decision
    d.sections.find((s) => s.key === 'synpunkter')!.text = `${BODY}\n\n${decision}\n\nÄrendet justeras omedelbart.`
    const r = checkCoverage(remissvar, d)
    expect(r.sections.find((s) => s.key === 'forslag-till-beslut')).toMatchObject({
      status: 'empty',
      problems: ['Avsnittet innehåller bara mallens platshållartext.'],
    })
    expect(r.sections.find((s) => s.key === 'synpunkter')).toMatchObject({ status: 'ok', problems: [] })
    expect(r.placeholders).toEqual(['Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen'])
  })

  it('[C11] template text inside a sentence of the document is not a left-over', () => {
    const d = doc({})
    d.sections.find((s) => s.key === 'beredning')!.text =
      'Förvaltningen har i arbetet följt mallen och vill här ange hur ärendet har beretts i detalj: av avdelningen för stöd.'
    d.sections.find((s) => s.key === 'arendet')!.text = 'Ärendet har beretts med pensionärsrådet och rådet för funktionshinderfrågor, som lämnat synpunkter.'
    expect(checkCoverage(remissvar, d).placeholders).toEqual([])
  })

  it('[C11] a pasted guiding question is found even when the PDF broke its line', () => {
    const q = remissvar.sections.find((s) => s.key === 'aldre')!.guidingQuestions![1]!
    const broken = q.replace(' eller ', ' eller\n')
    const p = checkCoverage(remissvar, doc({ aldre: `${broken}\n${ASSESSMENT}` }))
    expect(p.placeholders).toEqual([q.replace(/\?$/, '')])
    expect(perspective(p, 'aldre').status).toBe('covered')
  })
})
