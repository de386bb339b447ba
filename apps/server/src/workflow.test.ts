import { describe, expect, it } from 'vitest'
import { loadTemplates } from '@perspektiv/model/load'
import { initialDocument, sectionAttrs, sectionNodes, type PMNode } from '@perspektiv/document'
import { reviewGate, sectionChanges, transitionOf } from './workflow.js'

const template = loadTemplates().get('remissvar')!
const words = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ')

/** The remissvar with every section written (perspectives well over their minimum). */
function completeDocument(): PMNode {
  const doc = initialDocument(template)
  for (const s of sectionNodes(doc)) {
    const { key, kind } = sectionAttrs(s)
    // Each perspective in its own words: one text in all five would be copies (coverage C20).
    const text = kind === 'perspective' ? `Bedömning av ${key}: ${words(30, key)}.` : `Text om ${key} i ärendet ${words(5, 'x')}.`
    s.content = [{ type: 'paragraph', content: [{ type: 'text', text }] }]
  }
  return doc
}

/** A header with everything the remissvar requires. */
const META = {
  title: 'Svar på remiss om parker',
  dnr: 'EÅV 2025/936',
  namnd: 'Stadsdelsnämnden',
  meetingDate: '2025-03-20',
  forvaltning: 'Stadsdelsförvaltningen',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  date: '2025-03-01',
  signatories: [{ name: 'Bo Berg', title: 'Stadsdelsdirektör', forvaltning: '' }],
}

describe('review gate', () => {
  it('refuses a new document, naming each perspective and section that is missing', () => {
    const gate = reviewGate(template, initialDocument(template), META)
    expect(gate.ready).toBe(false)
    expect(gate.problems).toContain('perspective "barnratt" is incomplete')
    expect(gate.problems).toContain('section "sammanfattning" is empty')
    expect(gate.structure.valid).toBe(true)
  })

  it('passes a complete document, and refuses one with a section removed or template text left', () => {
    expect(reviewGate(template, completeDocument(), META).problems).toEqual([])
    const broken = completeDocument()
    broken.content = broken.content!.filter((s) => sectionAttrs(s).key !== 'bakgrund')
    const gate = reviewGate(template, broken, META)
    expect(gate.ready).toBe(false)
    expect(gate.problems).toContain('the section structure does not follow the template')
    expect(gate.structure.missing).toEqual(['bakgrund'])
    const placeholder = completeDocument()
    const synpunkter = sectionNodes(placeholder).find((s) => sectionAttrs(s).key === 'synpunkter')!
    synpunkter.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'Beskriv vad ärendet gäller.' }] })
    expect(reviewGate(template, placeholder, META).problems).toEqual([
      'section "synpunkter" still holds template text',
      'template text left: "Beskriv vad ärendet gäller"',
    ])
  })

  it('refuses a complete text whose header is missing, invalid or holds Word prompts, naming each field', () => {
    const gate = reviewGate(template, completeDocument(), {
      ...META,
      dnr: 'inte ett dnr',
      namnd: '',
      signatories: [{ name: 'Klicka och skriv namn', title: 'Klicka och skriv titel', forvaltning: 'Klicka och skriv förvaltning' }],
    })
    expect(gate.ready).toBe(false)
    expect(gate.coverage.complete).toBe(true)
    expect(gate.problems).toEqual([
      'header field "dnr" is invalid',
      'header field "namnd" is missing',
      'header field "signatories[0].name" is placeholder',
      'header field "signatories[0].title" is placeholder',
      'header field "signatories[0].forvaltning" is placeholder',
      'header field "signatories" is missing',
      'template text left: "Klicka och skriv namn", "Klicka och skriv titel", "Klicka och skriv förvaltning"',
    ])
  })
})

describe('transitions', () => {
  it('allows send to review and reopen only; approval is not a status change', () => {
    expect(transitionOf('utkast', 'granskning')).toBe('send-to-review')
    expect(transitionOf('granskning', 'utkast')).toBe('reopen')
    for (const [from, to] of [
      ['utkast', 'godkand'],
      ['granskning', 'godkand'],
      ['godkand', 'utkast'],
      ['godkand', 'granskning'],
      ['utkast', 'utkast'],
    ] as const) {
      expect(transitionOf(from, to)).toHaveProperty('refused')
    }
  })
})

describe('changes since review', () => {
  it('marks only the sections whose text changed, with a word diff', () => {
    const before = completeDocument()
    const after = completeDocument()
    const bakgrund = sectionNodes(after).find((s) => sectionAttrs(s).key === 'bakgrund')!
    bakgrund.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'Nytt stycke.' }] })
    const changes = sectionChanges(template, before, after)
    expect(changes.map((c) => c.key)).toEqual(template.sections.map((s) => s.key))
    expect(changes.filter((c) => c.changed).map((c) => c.key)).toEqual(['bakgrund'])
    expect(changes.find((c) => c.key === 'bakgrund')!.diff.filter((d) => d.op !== 'equal')).toEqual([{ op: 'insert', text: '\n\nNytt stycke.' }])
  })
})
