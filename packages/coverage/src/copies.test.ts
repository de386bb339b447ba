import { describe, expect, it } from 'vitest'
import { isCopyOf, lcsLength, wordProfile } from './copies.js'

/** The textbook dynamic-programming LCS, to check the bit-parallel one against. */
function lcsTable(a: Int32Array, b: Int32Array): number {
  let prev = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0)
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!)
    prev = row
  }
  return prev[b.length]!
}

/** A seeded sequence over a small alphabet, so there are many partial matches. */
function sequence(seed: number, length: number, alphabet: number): Int32Array {
  let a = seed >>> 0
  const out = new Int32Array(length)
  for (let i = 0; i < length; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0
    out[i] = (a >>> 16) % alphabet
  }
  return out
}

describe('lcsLength', () => {
  it('[C20] equals the dynamic-programming LCS across block boundaries (1–130 words)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const a = sequence(seed, (seed * 7) % 131 || 1, 2 + (seed % 9))
      const b = sequence(seed * 31, (seed * 13) % 97, 2 + (seed % 9))
      expect(lcsLength(a, b), `seed ${seed}`).toBe(lcsTable(a, b))
    }
  })

  it('[C20] is the number of words in the same order: a reordering is not a copy', () => {
    const text = 'Förslaget förbättrar servicen för de berörda grupperna som har fått lämna synpunkter under beredningen'
    const reversed = text.split(' ').reverse().join(' ')
    expect(isCopyOf(wordProfile(text), wordProfile(text))).toBe(true)
    expect(isCopyOf(wordProfile(text), wordProfile(reversed))).toBe(false)
    expect(lcsLength(wordProfile(text).hashes, wordProfile(reversed).hashes)).toBe(1)
  })

  it('[C20] 80 % of the words is the threshold', () => {
    const ten = 'ett två tre fyra fem sex sju åtta nio tio'
    expect(isCopyOf(wordProfile(ten), wordProfile('ett två tre fyra fem sex sju åtta x y'))).toBe(true)
    expect(isCopyOf(wordProfile(ten), wordProfile('ett två tre fyra fem sex sju x y z'))).toBe(false)
  })
})
