import { describe, expect, it } from 'vitest'
import { coverageReportSchema } from '@perspektiv/model'
import { checkCoverage } from './index.js'
import { ASSESSMENT, ASSESSMENTS, BODY, doc, MOTIVATION, perspective, remissvar } from './checkFixture.js'

// The perspectives (C1–C12); the text sections, the editor document, copies and template text: checkSections.test.ts.
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
})
