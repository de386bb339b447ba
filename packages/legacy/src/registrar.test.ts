import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { importLegacy, type ImportedMeta } from './index.js'

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/examples')
const remissvar = loadTemplates().get('remissvar') as Template

interface Expected {
  file: string
  meta: ImportedMeta
  /** The closing sentence, in the template's `avslutning` section. */
  closing: string
  /** The Bilagor section as a numbered list. */
  bilagor: string[]
  /** Some bullet lists of the body, each as its items. */
  lists: Array<{ key: string; items: string[] }>
}

const SOF: Expected = {
  file: 'sof-2024-472-remissvar-mr-programmet.txt',
  meta: {
    title: 'Remiss av Stockholms stads program för de mänskliga rättigheterna',
    subtitle: 'Svar på remiss från kommunstyrelsen, Dnr KS 2023/1159',
    dnr: 'SOF 2024/472',
    namnd: 'Socialnämnden',
    meetingDate: '2024-09-24',
    deadline: '',
    forvaltning: 'Socialförvaltningen',
    avdelning: 'Avdelningen för strategi och utveckling',
    // The extraction lost the name line; the handläggare's e-mail address names them.
    handlaggare: { name: 'Daniel Lauridsen', phone: '' },
    date: '2024-08-26',
    signatories: [
      { name: 'Veronica Wolgast Carstorp', title: 'Socialdirektör', forvaltning: 'Socialförvaltningen' },
      { name: 'Lina Blombergsson', title: 'Avdelningschef', forvaltning: 'Socialförvaltningen' },
    ],
  },
  closing: 'Socialförvaltningen föreslår att socialnämnden godkänner förvaltningens svar på remissen.',
  bilagor: ['Stockholms stads program för de mänskliga rättigheterna', 'Stadsledningskontorets tjänsteutlåtande, dnr KS 2023/1159'],
  lists: [
    {
      key: 'arendet',
      items: [
        'Att motverka rasism',
        'Barnets rättigheter och inflytande i Stockholms stad',
        'De nationella minoriteternas rättigheter',
        'Ett jämställt Stockholm',
        'Lika rättigheter och möjligheter oavsett sexuell läggning, könsidentitet och könsuttryck (hbtqi)',
        'Romsk inkludering',
      ],
    },
    {
      key: 'bakgrund',
      items: [
        'Program för lika rättigheter och möjligheter oavsett sexuell läggning, könsidentitet och könsuttryck 2018-2022 (Dnr 171-116/2017)',
        'Program för barnets rättigheter och inflytande i Stockholms stad 2018-2022 (Dnr 171-1526/2016)',
        'Program för ett jämställt Stockholm 2018-2022 (Dnr 434-21/2017)',
        'Strategi för romsk inkludering 2018-2022 (Dnr KS 2018/000070)',
      ],
    },
  ],
}

const EAV: Expected = {
  file: 'eav-2025-936-remissvar-pact-of-free-cities.txt',
  meta: {
    // The PDF's first page cuts the title off ("KS 202"): we keep what the file says.
    title: 'Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet, KS 202',
    subtitle: 'Svar på remiss från kommunstyrelsen, dnr KS 2025/1306',
    dnr: 'EÅV 2025/936',
    namnd: 'Enskede-Årsta-Vantörs stadsdelsnämnd',
    meetingDate: '2026-01-22',
    deadline: '2026-01-30',
    forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning',
    avdelning: 'Avdelning ekonomi och lokaler',
    handlaggare: { name: 'Ewa Jungstedt Pilestål', phone: '08-50820581' },
    date: '2025-11-27',
    signatories: [
      { name: 'Anders Carstorp', title: 'Stadsdelsdirektör', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
      { name: 'Anna Larsson', title: 'Avdelningschef', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
    ],
  },
  closing: 'Förvaltningen föreslår att Enskede-Årsta-Vantörs stadsdelsnämnd godkänner förvaltningens tjänsteutlåtande som svar på remissen.',
  bilagor: ['Motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet'],
  lists: [],
}

const KULTUR: Expected = {
  file: 'kultur-2024-remissvar-mr-programmet.txt',
  meta: {
    title: 'Remiss av Stockholms stads program för de mänskliga rättigheterna (KS 2023/1159)',
    subtitle: '',
    // A joint TU of two förvaltningar without a Dnr line in the extracted header.
    dnr: '',
    namnd: 'Kulturnämnden',
    meetingDate: '2024-10-01',
    deadline: '',
    forvaltning: 'Kulturförvaltningen',
    avdelning: '',
    handlaggare: { name: 'Moa Almerud', phone: '08-50831913' },
    date: '2024-10-01',
    signatories: [{ name: 'Lennart Ploom', title: 'Förvaltningschef', forvaltning: 'Kulturförvaltningen' }],
  },
  closing: '',
  bilagor: [],
  lists: [],
}

const RINKEBY: Expected = {
  file: 'rinkeby-kista-remissvar-antidiskrimineringsbyraer.txt',
  meta: {
    title: 'Motion om samverkan med antidiskrimineringsbyråer',
    subtitle: 'Svar på remiss från kommunstyrelsen',
    // This extraction has no page-1 header block at all.
    dnr: '',
    namnd: '',
    meetingDate: '',
    deadline: '',
    forvaltning: '',
    avdelning: '',
    handlaggare: { name: '', phone: '' },
    date: '',
    signatories: [
      { name: 'Toni Mellblom', title: 'Stadsdelsdirektör', forvaltning: 'Rinkeby-Kista stadsdelsförvaltning' },
      { name: 'Adrian Göransson', title: 'Tf. avdelningschef', forvaltning: 'Rinkeby-Kista stadsdelsförvaltning' },
    ],
  },
  closing: 'Förvaltningen föreslår att stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande till kommunstyrelsen som svar på remissen.',
  bilagor: ['Motion om samverkan med antidiskrimineringsbyråer', 'Följebrev motion om samverkan med antidiskrimineringsbyråer, KS 2021/1344'],
  lists: [],
}

const sectionText = (doc: Awaited<ReturnType<typeof importLegacy>>, key: string) =>
  doc.sections.sections
    .filter((s) => s.key === key)
    .map((s) => s.text.replace(/\s+/g, ' '))
    .join(' ')

describe.each([SOF, EAV, KULTUR, RINKEBY])('[L14][L15][L16][L17][L18] reads $file like a registrar', (x) => {
  it('header fields, deadline and signatures', async () => {
    const doc = await importLegacy(x.file, readFileSync(resolve(EXAMPLES, x.file)), remissvar)
    expect(doc.meta).toEqual(x.meta)
  })

  it('closing sentence in Avslutande mening, Bilagor numbered, bullet lists as lists, no private-use characters', async () => {
    const doc = await importLegacy(x.file, readFileSync(resolve(EXAMPLES, x.file)), remissvar)
    expect(sectionText(doc, 'avslutning')).toBe(x.closing)
    if (x.closing) {
      for (const key of ['synpunkter', 'klimat-miljo']) expect(sectionText(doc, key)).not.toContain(x.closing)
    }
    const bilagor = doc.sections.sections.findIndex((s) => s.key === 'bilagor')
    expect(bilagor < 0 ? [] : doc.blocks[bilagor]).toEqual(x.bilagor.length ? [{ type: 'list', ordered: true, items: x.bilagor }] : [])
    for (const list of x.lists) {
      const blocks = doc.sections.sections.flatMap((s, i) => (s.key === list.key ? (doc.blocks[i] ?? []) : []))
      expect(blocks).toContainEqual({ type: 'list', ordered: false, items: list.items })
    }
    expect(JSON.stringify(doc)).not.toMatch(/[\ue000-\uf8ff]/u)
  })
})

describe('[L16] the SOF example keeps its numbered steps', () => {
  it('reads "1. … 6." under a colon, a blank line between items, as one numbered list', async () => {
    const doc = await importLegacy(SOF.file, readFileSync(resolve(EXAMPLES, SOF.file)), remissvar)
    const arendet = doc.sections.sections.flatMap((s, i) => (s.key === 'arendet' ? (doc.blocks[i] ?? []) : []))
    const numbered = arendet.filter((b) => b.type === 'list' && b.ordered)
    expect(numbered.map((b) => (b.type === 'list' ? b.items.length : 0))).toEqual([3, 6])
    expect(numbered[1]).toMatchObject({ items: expect.arrayContaining(['Kompetenshöjande insatser sker regelbundet och till nyanställda.']) })
  })
})

describe('[L7][L14] a meeting bundle (valnämnden) is read as one document', () => {
  it('takes the header fields of the first header block, warns, and leaves no Symbol characters', async () => {
    const file = 'valnamnden-2024-10-02-kallelse-med-handlingar.txt'
    const doc = await importLegacy(file, readFileSync(resolve(EXAMPLES, file)), remissvar)
    expect(doc.meta).toMatchObject({ namnd: 'Valnämnden', handlaggare: { name: 'Eva Debels', phone: '08-508 29 000' }, date: '2024-09-20' })
    expect(doc.warnings[0]).toMatch(/flera dokument/)
    expect(JSON.stringify(doc)).not.toMatch(/[\ue000-\uf8ff]/u)
  })
})
