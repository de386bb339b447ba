import { describe, expect, it } from 'vitest'
import { keyed } from './keys.js'

const keys = (items: string[]) => keyed(items).map((k) => k.key)

describe('keyed (React keys from content)', () => {
  it('[WEB-K1] an unchanged item keeps its key when another is inserted before it', () => {
    const before = keys(['Bakgrund', 'Ärendet'])
    const after = keys(['Ny inledning', 'Bakgrund', 'Ärendet'])
    expect(after.slice(1)).toEqual(before)
  })

  it('[WEB-K1] repeated content gets unique keys, and items are kept in order', () => {
    const list = keyed([{ text: 'Ja' }, { text: 'Nej' }, { text: 'Ja' }])
    expect(new Set(list.map((k) => k.key)).size).toBe(3)
    expect(list.map((k) => k.item.text)).toEqual(['Ja', 'Nej', 'Ja'])
  })
})
