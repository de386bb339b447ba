import { describe, expect, it } from 'vitest'
import { insertMention, mentionAt, suggestions } from './mentions.js'

const members = [
  { username: 'anna', name: 'Anna Andersson', title: 'Handläggare' },
  { username: 'erik', name: 'Erik Ek', title: 'Utredare' },
  { username: 'rita', name: 'Rita Rasmussen', title: 'Granskare' },
  { username: 'ola.ek', name: 'Ola Ekström', title: '' },
]

describe('@mentions in the comment box', () => {
  it('finds the mention being typed before the caret, not an e-mail address', () => {
    expect(mentionAt('Hej @er', 7)).toEqual({ start: 4, query: 'er' })
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionAt('(@ri', 4)).toEqual({ start: 1, query: 'ri' })
    expect(mentionAt('anna@example.se', 15)).toBeNull()
    expect(mentionAt('@erik hej', 9)).toBeNull()
  })
  it('suggests members by username or name, case-insensitively, never me', () => {
    expect(suggestions(members, 'ek', 'rita').map((m) => m.username)).toEqual(['erik', 'ola.ek'])
    expect(suggestions(members, 'EKSTR', 'rita').map((m) => m.username)).toEqual(['ola.ek'])
    expect(suggestions(members, '', 'anna').map((m) => m.username)).toEqual(['erik', 'rita', 'ola.ek'])
  })
  it('inserts "@username " in place of what was typed', () => {
    expect(insertMention('Hej @er, titta', 4, 7, 'erik')).toEqual({ text: 'Hej @erik , titta', caret: 10 })
    expect(insertMention('@ri', 0, 3, 'rita')).toEqual({ text: '@rita ', caret: 6 })
    expect(insertMention('@ri hej', 0, 3, 'rita')).toEqual({ text: '@rita hej', caret: 6 })
  })
})
