import { describe, expect, it } from 'vitest'
import { checkDnr, documentMetaSchema, normalizeDnr, TITLE_MAX_LENGTH } from './meta.js'

describe('Dnr', () => {
  it('[M1] accepts the current form', () => {
    for (const dnr of ['KS 2023/1159', 'EÅV 2025/936', 'SOF 2024/472', 'VN 2024/24']) expect(checkDnr(dnr)).toEqual({ ok: true })
  })
  it('[M1] accepts older forms with a warning', () => {
    for (const dnr of ['KS 2018/000070', '171-1526/2016']) {
      const r = checkDnr(dnr)
      expect(r.ok).toBe(true)
      expect(r.ok && r.warning).toMatch(/Äldre/)
    }
  })
  it('[M1] refuses anything else with a Swedish message, also in the meta schema', () => {
    expect(checkDnr('hej')).toEqual({ ok: false, message: expect.stringMatching(/KOD ÅR\/NUMMER/) })
    const r = documentMetaSchema.safeParse({ title: 'T', dnr: '2024/KS' })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['dnr'])
  })
})

describe('Dnr input (issue 13.6)', () => {
  const now = new Date('2026-06-01T12:00:00Z')
  it('[M3] case and spaces are normalised, also by the meta schema', () => {
    expect(normalizeDnr(' eåv  2025 / 936 ')).toBe('EÅV 2025/936')
    expect(normalizeDnr('ks2024/12')).toBe('KS 2024/12')
    expect(checkDnr('eåv 2025/936', now)).toEqual({ ok: true })
    expect(documentMetaSchema.parse({ title: 'T', dnr: 'eåv 2025/936' }).dnr).toBe('EÅV 2025/936')
  })
  it('[M3] years before 1990 or after next year and the number 0 are refused, naming the field', () => {
    expect(checkDnr('KS 1989/5', now)).toEqual({ ok: false, message: 'Diarienummer: året 1989 är inte möjligt (1990–2027).' })
    expect(checkDnr('KS 2028/5', now)).toEqual({ ok: false, message: 'Diarienummer: året 2028 är inte möjligt (1990–2027).' })
    expect(checkDnr('KS 2027/5', now)).toEqual({ ok: true })
    expect(checkDnr('KS 1990/5', now)).toEqual({ ok: true })
    expect(checkDnr('KS 2024/0', now)).toEqual({ ok: false, message: 'Diarienummer: löpnumret kan inte vara 0.' })
    expect(checkDnr('KS 2024/000', now)).toEqual({ ok: false, message: 'Diarienummer: löpnumret kan inte vara 0.' })
    expect(checkDnr('171-0/2016', now)).toEqual({ ok: false, message: 'Diarienummer: löpnumret kan inte vara 0.' })
    expect(checkDnr('171-1526/1985', now)).toMatchObject({ ok: false, message: expect.stringContaining('1985') })
  })
  it('[M4] the title names the field and the limit', () => {
    const r = documentMetaSchema.safeParse({ title: 'x'.repeat(TITLE_MAX_LENGTH + 1) })
    expect(r.error?.issues[0]).toMatchObject({ path: ['title'], message: 'Titel: högst 300 tecken.' })
    expect(documentMetaSchema.safeParse({ title: 'x'.repeat(TITLE_MAX_LENGTH) }).success).toBe(true)
  })
})
