import { describe, expect, it } from 'vitest'
import { wordDiff, type DiffPart } from './diff.js'

const side = (parts: DiffPart[], skip: DiffPart['op']) =>
  parts
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join('')

describe('[D1] word diff', () => {
  it('marks an inserted and a deleted word, keeping the rest equal', () => {
    const parts = wordDiff('Planen gäller för alla parker.', 'Planen gäller nu för alla stora parker.')
    expect(parts).toEqual([
      { op: 'equal', text: 'Planen gäller ' },
      { op: 'insert', text: 'nu ' },
      { op: 'equal', text: 'för alla' },
      { op: 'insert', text: ' stora' },
      { op: 'equal', text: ' parker.' },
    ])
    expect(wordDiff('a b c', 'a c')).toEqual([
      { op: 'equal', text: 'a ' },
      { op: 'delete', text: 'b ' },
      { op: 'equal', text: 'c' },
    ])
  })

  it('never splits a word: a changed word is deleted whole and inserted whole', () => {
    expect(wordDiff('barn och unga', 'barnen och unga')).toEqual([
      { op: 'delete', text: 'barn' },
      { op: 'insert', text: 'barnen' },
      { op: 'equal', text: ' och unga' },
    ])
  })

  it('reads a rewritten phrase as one deletion and one insertion', () => {
    const parts = wordDiff('Det är bra gjort här.', 'Det är dåligt utfört här.')
    expect(parts).toEqual([
      { op: 'equal', text: 'Det är ' },
      { op: 'delete', text: 'bra gjort' },
      { op: 'insert', text: 'dåligt utfört' },
      { op: 'equal', text: ' här.' },
    ])
  })

  it('handles empty sides and identical text', () => {
    expect(wordDiff('', '')).toEqual([])
    expect(wordDiff('', 'Ny text')).toEqual([{ op: 'insert', text: 'Ny text' }])
    expect(wordDiff('Gammal text', '')).toEqual([{ op: 'delete', text: 'Gammal text' }])
    expect(wordDiff('Samma text.', 'Samma text.')).toEqual([{ op: 'equal', text: 'Samma text.' }])
  })

  it('always reproduces both texts exactly (random edits)', () => {
    const words = ['barn', 'äldre', 'miljö', 'och', 'en', 'plan', '.', 'kvinnor', 'män']
    let seed = 7
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const sentence = (len: number) => Array.from({ length: len }, () => words[rnd(words.length)]).join(rnd(4) === 0 ? '\n\n' : ' ')
    for (let i = 0; i < 200; i++) {
      const a = sentence(rnd(30))
      const b = rnd(3) === 0 ? sentence(rnd(30)) : a.replace(/och/g, rnd(2) ? 'samt' : '').concat(rnd(2) ? ' slut' : '')
      const parts = wordDiff(a, b)
      expect(side(parts, 'insert')).toBe(a)
      expect(side(parts, 'delete')).toBe(b)
      for (let j = 1; j < parts.length; j++) expect(parts[j]!.op === 'equal' && parts[j - 1]!.op === 'equal').toBe(false)
    }
  })

  it('finds a minimal diff in a long section with one change in the middle', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `ord${i}`).join(' ')
    const changed = long.replace('ord1500 ', 'ord1500 nytt ')
    const parts = wordDiff(long, changed)
    expect(parts.filter((p) => p.op !== 'equal')).toEqual([{ op: 'insert', text: 'nytt ' }])
  })
})
