import { describe, expect, it } from 'vitest'
import type { Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { importLegacy } from './index.js'
import { tuDocx } from './testing/docxFixture.js'

const remissvar = loadTemplates().get('remissvar') as Template

describe('[L9][L14][L16][L17] a Word tjänsteutlåtande', () => {
  it('reads the header table, heading styles, lists, a data table and signatures in a borderless table', async () => {
    const doc = await importLegacy('forskoleplan.docx', await tuDocx(), remissvar)
    expect(doc.meta).toEqual({
      title: 'Remiss om ny förskoleplan',
      subtitle: 'Svar på remiss från utbildningsnämnden, Dnr UTB 2025/77',
      dnr: 'HÄ 2025/118',
      namnd: 'Hägersten-Älvsjö stadsdelsnämnd',
      meetingDate: '2025-04-10',
      deadline: '2025-04-30',
      forvaltning: 'Hägersten-Älvsjö stadsdelsförvaltning',
      avdelning: 'Avdelningen för förskola',
      handlaggare: { name: 'Karin Ek', phone: '08-508 12 345' },
      date: '2025-03-04',
      signatories: [
        { name: 'Eva Holm', title: 'Stadsdelsdirektör', forvaltning: 'Hägersten-Älvsjö stadsdelsförvaltning' },
        { name: 'Per Lund', title: 'Avdelningschef', forvaltning: 'Hägersten-Älvsjö stadsdelsförvaltning' },
      ],
    })
    const blocks = (key: string) => doc.sections.sections.flatMap((s, i) => (s.key === key ? (doc.blocks[i] ?? []) : []))
    expect(blocks('forslag-till-beslut')).toEqual([
      {
        type: 'list',
        ordered: true,
        items: ['Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.', 'Ärendet justeras omedelbart.'],
      },
    ])
    expect(blocks('synpunkter')).toContainEqual({ type: 'list', ordered: false, items: ['fler legitimerade förskollärare', 'mindre barngrupper'] })
    expect(blocks('jamstalldhet')).toContainEqual({
      type: 'table',
      header: true,
      rows: [
        ['Kön', 'Andel'],
        ['Flickor', '49 %'],
        ['Pojkar', '51 %'],
      ],
    })
    expect(blocks('avslutning')).toEqual([
      { type: 'paragraph', text: 'Förvaltningen föreslår att stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.' },
    ])
    expect(blocks('bilagor')).toEqual([{ type: 'list', ordered: true, items: ['Förslag till förskoleplan', 'Utbildningsnämndens remissbrev'] }])
    // The signatures are header data, not text of the last section.
    expect(doc.sections.sections.map((s) => s.text).join(' ')).not.toContain('Eva Holm')
    expect(JSON.stringify(doc)).not.toMatch(/[\ue000-\uf8ff]/u)
  })
})
