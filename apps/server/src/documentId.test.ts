import { describe, expect, it } from 'vitest'
import { newDocumentId } from './documents.js'

describe('document ids', () => {
  it('are 16 base64url characters and never start with "-" or "_" (a command line would read them as options)', () => {
    // 1 in 32 random ids started with one of them before; 5,000 tries make a regression certain to show.
    const ids = Array.from({ length: 5000 }, newDocumentId)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{15}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
