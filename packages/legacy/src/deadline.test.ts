import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findDeadline } from './deadline.js'

describe('[L13] findDeadline', () => {
  it('reads the Swedish phrasings into an ISO date', () => {
    expect(findDeadline('Remissen ska besvaras senast den 30 januari 2026.')).toBe('2026-01-30')
    expect(findDeadline('Svar senast 2026-03-05 till kommunstyrelsen.')).toBe('2026-03-05')
    expect(findDeadline('Remissvaret ska ha besvarats senast 1 feb. 2027')).toBe('2027-02-01')
    expect(findDeadline('Yttrandet ska lämnas senast den 15 oktober 2025')).toBe('2025-10-15')
  })

  it('tolerates line breaks inside the phrase (PDF-extracted text)', () => {
    expect(findDeadline('Remissen ska besvaras senast den 30\njanuari 2026.')).toBe('2026-01-30')
  })

  it('gives "" without a deadline phrase or for a date that does not exist', () => {
    expect(findDeadline('Nämnden sammanträder den 30 januari 2026.')).toBe('')
    expect(findDeadline('Remissen ska besvaras senast den 31 februari 2026.')).toBe('')
    expect(findDeadline('Senast ändrad 2026-01-01')).toBe('')
  })

  it('finds the deadline of a real remissvar', () => {
    const text = readFileSync(new URL('../../../tests/fixtures/examples/eav-2025-936-remissvar-pact-of-free-cities.txt', import.meta.url), 'utf8')
    expect(findDeadline(text)).toBe('2026-01-30')
  })
})
