import { describe, expect, it } from 'vitest'
import { coverageReportSchema, type SectionedDocument, type Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { checkCoverage } from './index.js'

const remissvar = loadTemplates().get('remissvar') as Template
/** One assessment per perspective, each in its own words (one text in all five would be copies, C20). */
const ASSESSMENTS: Record<string, string> = {
  jamstalldhet:
    'Förslaget berör främst medarbetare i förvaltningen. Kvinnor är i majoritet bland personalen, och en ändrad ' +
    'schemaläggning påverkar deras möjlighet att kombinera arbete och familj mer än männens.',
  barnratt:
    'Barn och unga använder lekplatser och bollplaner mest. Elever i årskurs fem pekade i dialoger ut mörka gångvägar ' +
    'som det största hindret för lek, och åtgärderna bedöms vara till barnens bästa.',
  tillganglighet:
    'Gångvägar med jämn beläggning, kontrastmarkeringar och vilplatser gör parkerna användbara för personer med nedsatt ' +
    'rörelse- eller synförmåga enligt rådet för funktionshinderfrågor.',
  aldre:
    'Äldre personer undviker ofta parker när det är mörkt och halt. Bättre belysning och fler bänkar med armstöd gör att ' +
    'äldre kan röra sig tryggt i närmiljön under hela året.',
  'klimat-miljo':
    'Belysningen byts till armaturer med låg energiförbrukning som styrs efter behov. Skötseln gynnar den biologiska ' +
    'mångfalden genom ängsytor, och inga träd fälls utan att nya planteras.',
}
const BODY = 'Förvaltningen har gått igenom remissen och lämnar här sina synpunkter på förslaget i sin helhet.'
/** Every section written: `complete`, nothing left in the sections. */
const written: SectionedDocument = {
  sections: remissvar.sections.map((s) => ({ key: s.key, heading: s.title, text: s.kind === 'perspective' ? ASSESSMENTS[s.key]! : BODY })),
}
const FULL = {
  title: 'Svar på remiss om parker',
  subtitle: '',
  dnr: 'EÅV 2025/936',
  namnd: 'Stadsdelsnämnden',
  meetingDate: '2025-03-20',
  forvaltning: 'Stadsdelsförvaltningen',
  avdelning: '',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  date: '2025-03-01',
  signatories: [{ name: 'Bo Berg', title: 'Stadsdelsdirektör', forvaltning: '' }],
}
const check = (meta: unknown, template: Template = remissvar) => checkCoverage(template, written, meta)
const entry = (meta: unknown, field: string) => check(meta).meta.find((m) => m.field === field)

describe('header fields', () => {
  it('[C21] every header field is reported; a full header is ok and the report is ready', () => {
    const r = check(FULL)
    expect(coverageReportSchema.parse(r)).toEqual(r)
    expect(r.meta.map((m) => m.field)).toEqual([
      'title',
      'subtitle',
      'dnr',
      'namnd',
      'meetingDate',
      'forvaltning',
      'avdelning',
      'handlaggare.name',
      'handlaggare.phone',
      'date',
      'signatories[0].name',
      'signatories[0].title',
      'signatories[0].forvaltning',
      'signatories',
    ])
    expect(r.meta.every((m) => m.status === 'ok' && m.problems.length === 0)).toBe(true)
    expect(r).toMatchObject({ complete: true, ready: true, placeholders: [] })
    expect(entry(FULL, 'namnd')!.label).toBe('Nämnd')
  })

  it('[C22] the Valnämnden signature ("Klicka och skriv namn/titel/förvaltning") is a placeholder in each field, listed in placeholders', () => {
    const meta = { ...FULL, signatories: [{ name: 'Klicka och skriv namn', title: 'Klicka och skriv titel', forvaltning: 'Klicka och skriv förvaltning' }] }
    const r = check(meta)
    expect(r.complete).toBe(true)
    expect(r.ready).toBe(false)
    expect(r.placeholders).toEqual(['Klicka och skriv namn', 'Klicka och skriv titel', 'Klicka och skriv förvaltning'])
    expect(r.meta.find((m) => m.field === 'signatories[0].name')).toEqual({
      field: 'signatories[0].name',
      label: 'Underskrift 1, namn',
      status: 'placeholder',
      problems: ['Underskrift 1, namn: fältet innehåller mallens platshållartext ”Klicka och skriv namn”.'],
    })
    // A signature of template text is no signature.
    expect(r.meta.find((m) => m.field === 'signatories')).toMatchObject({ status: 'missing' })
  })

  it('[C22] fill-in markers and bracketed prompts in any field, also optional ones', () => {
    expect(entry({ ...FULL, avdelning: '[Avdelning]' }, 'avdelning')).toMatchObject({ status: 'placeholder' })
    expect(entry({ ...FULL, handlaggare: { name: 'Anna', phone: '08-XXX XX XX' } }, 'handlaggare.phone')).toMatchObject({ status: 'placeholder' })
    expect(entry({ ...FULL, meetingDate: 'ÅÅÅÅ-MM-DD' }, 'meetingDate')).toMatchObject({ status: 'placeholder' })
    expect(entry({ ...FULL, subtitle: 'Klicka här för att ange text.' }, 'subtitle')).toMatchObject({ status: 'placeholder' })
  })

  it('[C23] required fields: missing is named in Swedish; optional empty ones are ok', () => {
    const r = check({ title: '', signatories: [] })
    const missing = r.meta.filter((m) => m.status === 'missing').map((m) => m.field)
    expect(missing).toEqual(['title', 'dnr', 'namnd', 'meetingDate', 'forvaltning', 'handlaggare.name', 'handlaggare.phone', 'date', 'signatories'])
    expect(r.meta.find((m) => m.field === 'dnr')!.problems).toEqual(['Diarienummer saknas.'])
    expect(r.meta.find((m) => m.field === 'signatories')!.problems).toEqual(['Underskrift saknas: minst en person med namn och titel.'])
    expect(r.meta.find((m) => m.field === 'avdelning')).toMatchObject({ status: 'ok' })
    expect(r.ready).toBe(false)
  })

  it('[C23] a template decides what is required', () => {
    const lenient: Template = { ...remissvar, requiredMeta: ['title'] }
    const r = check({ title: 'Bara en titel' }, lenient)
    expect(r.meta.every((m) => m.status === 'ok')).toBe(true)
    expect(r.ready).toBe(true)
  })

  it('[C24] a Dnr must be valid, and in the current form when required; dates must exist', () => {
    expect(entry({ ...FULL, dnr: 'inte ett dnr' }, 'dnr')).toMatchObject({
      status: 'invalid',
      problems: [expect.stringMatching(/^Diarienumret ska ha formen/)],
    })
    expect(entry({ ...FULL, dnr: 'KS 2018/000070' }, 'dnr')).toMatchObject({
      status: 'invalid',
      problems: [expect.stringMatching(/^Äldre diarienummerformat: ange diarienumret i nuvarande form/)],
    })
    expect(entry({ ...FULL, dnr: 'eåv 2025/936' }, 'dnr')).toMatchObject({ status: 'ok' })
    expect(entry({ ...FULL, date: '2025-02-30' }, 'date')).toMatchObject({
      status: 'invalid',
      problems: ['Datum: ange ett riktigt datum (år-månad-dag, t.ex. 2025-03-14).'],
    })
    expect(entry({ ...FULL, meetingDate: 'snart' }, 'meetingDate')).toMatchObject({ status: 'invalid' })
  })

  it('[C25] whatever a client wrote into the map is read without throwing: non-text is invalid', () => {
    expect(entry({ ...FULL, namnd: 42 }, 'namnd')).toMatchObject({ status: 'invalid', problems: ['Nämnd: värdet är inte text.'] })
    expect(entry({ ...FULL, handlaggare: 'Anna' }, 'handlaggare.name')).toMatchObject({ status: 'missing' })
    expect(check(null).ready).toBe(false)
    expect(check({ ...FULL, signatories: 'Bo' }).meta.find((m) => m.field === 'signatories')).toMatchObject({ status: 'missing' })
  })

  it('[C26] without header data (legacy files) meta is empty and ready follows the text alone', () => {
    const r = checkCoverage(remissvar, written)
    expect(r.meta).toEqual([])
    expect(r.ready).toBe(true)
    const withLeftOver = checkCoverage(remissvar, { ...written, otherText: 'Klicka och skriv namn' })
    expect(withLeftOver).toMatchObject({ complete: true, ready: false })
  })
})
