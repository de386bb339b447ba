import { describe, expect, it } from 'vitest'
import { layoutDocument } from './layout.js'
import { blockText } from './blocks.js'
import { buildContent, CLOSING_SENTENCE, fixtureBodies, fixtureInput, NOT_RELEVANT_MOTIVATION, para, remissvarTemplate } from './testFixture.js'

describe('layoutDocument', () => {
  it('lays out the city anatomy in order, with the perspectives as peer sections', () => {
    const layout = layoutDocument(fixtureInput())
    expect(layout.sections.map((s) => s.heading)).toEqual([
      'Förvaltningens förslag till beslut',
      'Sammanfattning',
      'Ärendet',
      'Ärendets beredning',
      'Förvaltningens synpunkter och förslag',
      'Jämställdhetsanalys',
      'Barnrättsperspektiv',
      'Tillgänglighet',
      'Äldreperspektiv',
      'Klimat och miljö',
    ])
    expect(layout.attachments.map((s) => s.heading)).toEqual(['Bilagor'])
    expect(layout.headerBlock).toEqual([
      { label: 'Handläggare', lines: ['Ewa Jungstedt Pilestål', 'Telefon: 08-508 205 81'] },
      { label: 'Till', lines: ['Enskede-Årsta-Vantörs stadsdelsnämnd 2026-01-22'] },
      { lines: ['Enskede-Årsta-Vantörs stadsdelsförvaltning', 'Avdelning ekonomi och lokaler'] },
      { label: 'Tjänsteutlåtande', lines: ['Dnr EÅV 2025/936', '2025-11-27'] },
      // X-LAY-1: the förvaltning's contact lines from templates/organisation.yaml.
      { lines: ['Kungsklippan 6', '112 25 Stockholm', 'enskede-arsta-vantor@stockholm.se', 'start.stockholm'] },
    ])
    // X-LAY-5: the closing sentence is not a section with a heading but its own part before the signatures.
    expect(layout.closing.map(blockText)).toEqual([CLOSING_SENTENCE])
    expect(layout.runningHeader).toBe('Tjänsteutlåtande · Dnr EÅV 2025/936')
    expect(layout.signatures.map((s) => s.name)).toEqual(['Anders Carstorp', 'Anna Larsson'])
  })

  it('X-LAY-1: without a profile for the förvaltning the header block has no contact lines', () => {
    const layout = layoutDocument(fixtureInput({ meta: { forvaltning: 'Okänd förvaltning' } }))
    expect(layout.headerBlock.some((i) => i.lines.includes('Kungsklippan 6'))).toBe(false)
    expect(layoutDocument({ ...fixtureInput(), organisation: undefined }).headerBlock).toHaveLength(4)
  })

  it("X-TXT-1: maps Word's private-use symbols in text and meta", () => {
    const template = remissvarTemplate()
    const bodies = fixtureBodies(template)
    bodies.arendet = [para('\uf0b7 punkt \uf0a7 ruta \uf0fc klar')]
    const layout = layoutDocument({ ...fixtureInput({ meta: { subtitle: '\uf0d8 Underrubrik' } }), content: buildContent(template, bodies) })
    expect(blockText(layout.sections.find((s) => s.key === 'arendet')!.blocks[0]!)).toBe('• punkt ▪ ruta ✓ klar')
    expect(layout.subtitle).toBe('➢ Underrubrik')
  })

  it('numbers the decision points and attachments even when typed as plain paragraphs', () => {
    const template = remissvarTemplate()
    const bodies = fixtureBodies(template)
    bodies['forslag-till-beslut'] = [para('Nämnden godkänner tjänsteutlåtandet.'), para('Paragrafen justeras omedelbart.')]
    const layout = layoutDocument({ ...fixtureInput(), content: buildContent(template, bodies) })
    const [decisions] = layout.sections[0]!.blocks
    expect(decisions).toMatchObject({ type: 'list', ordered: true, start: 1 })
    expect(decisions?.type === 'list' && decisions.items.map((i) => blockText(i.blocks[0]!))).toEqual([
      'Nämnden godkänner tjänsteutlåtandet.',
      'Paragrafen justeras omedelbart.',
    ])
  })

  it('drops template guidance and empty paragraphs, and leaves out an empty optional section', () => {
    const layout = layoutDocument(fixtureInput())
    const question = remissvarTemplate().sections.find((s) => s.key === 'jamstalldhet')!.guidingQuestions![0]!
    const all = layout.sections.flatMap((s) => s.blocks.map(blockText)).join('\n')
    expect(all).not.toContain(question)
    expect(layout.sections.find((s) => s.key === 'bakgrund')).toBeUndefined()
    expect(layout.sections.find((s) => s.key === 'sammanfattning')!.blocks).toHaveLength(2)
  })

  it('keeps an empty required section as a heading without invented text', () => {
    const template = remissvarTemplate()
    const bodies = fixtureBodies(template)
    bodies.beredning = [{ type: 'paragraph' }, para(template.sections.find((s) => s.key === 'beredning')!.placeholder)]
    const layout = layoutDocument({ ...fixtureInput(), content: buildContent(template, bodies) })
    expect(layout.sections.find((s) => s.key === 'beredning')).toEqual({
      key: 'beredning',
      kind: 'text',
      heading: 'Ärendets beredning',
      blocks: [],
    })
  })

  it('leads a not-relevant perspective with "Bedöms ej relevant." and its motivation, once', () => {
    const layout = layoutDocument(fixtureInput())
    const aldre = layout.sections.find((s) => s.key === 'aldre')!
    expect(aldre.blocks.map(blockText)).toEqual([`Bedöms ej relevant. ${NOT_RELEVANT_MOTIVATION}`])

    const template = remissvarTemplate()
    const bodies = fixtureBodies(template)
    bodies.aldre = [para('Bedöms ej relevant eftersom ärendet är rent internt och inte påverkar äldre invånares service.')]
    const again = layoutDocument({ ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) })
    expect(again.sections.find((s) => s.key === 'aldre')!.blocks.map(blockText)).toEqual([
      'Bedöms ej relevant eftersom ärendet är rent internt och inte påverkar äldre invånares service.',
    ])
  })

  it('records approvals in approval order with Stockholm dates, and none without approvals', () => {
    expect(layoutDocument(fixtureInput()).approvals).toEqual({
      intro: 'Detta dokument har godkänts digitalt av följande personer:',
      columns: ['Namn', 'Datum'],
      rows: [
        ['Anna Larsson, Avdelningschef', '2025-11-26'],
        ['Anders Carstorp, Stadsdelsdirektör', '2025-11-27'],
      ],
    })
    expect(layoutDocument(fixtureInput({ status: 'utkast' })).approvals).toBeNull()
  })

  it('marks everything but an approved document as a draft', () => {
    expect(layoutDocument(fixtureInput({ status: 'utkast' })).draftLabel).toBe('UTKAST')
    expect(layoutDocument(fixtureInput({ status: 'granskning' })).draftLabel).toBe('UTKAST – under granskning')
    expect(layoutDocument(fixtureInput({ status: 'godkand' })).draftLabel).toBeNull()
  })

  it('drops unsafe links but keeps their text', () => {
    const template = remissvarTemplate()
    const bodies = fixtureBodies(template)
    bodies.sammanfattning = [para({ type: 'text', text: 'Klicka här', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }, ' för mer.')]
    const layout = layoutDocument({ ...fixtureInput(), content: buildContent(template, bodies) })
    const block = layout.sections.find((s) => s.key === 'sammanfattning')!.blocks[0]!
    expect(block).toEqual({ type: 'paragraph', runs: [{ text: 'Klicka här' }, { text: ' för mer.' }] })
  })
})
