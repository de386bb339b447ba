import { describe, expect, it } from 'vitest'
import type { Template } from '@perspektiv/model'
import { initialDocument, type PMNode } from '@perspektiv/document'
import { checkCoverage, coverageOfDocument } from './index.js'
import { ASSESSMENT, ASSESSMENTS, BODY, beslut, doc, MOTIVATION, perspective, remissvar } from './checkFixture.js'

describe('checkCoverage: text sections and the editor document', () => {
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
