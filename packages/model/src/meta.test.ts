import { describe, expect, it } from 'vitest'
import { checkDnr, documentMetaSchema } from './meta.js'

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
