import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOMParser as PMDOMParser } from '@tiptap/pm/model'
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta } from '@perspektiv/model'
import {
  createDocumentYDoc,
  initialDocument,
  perspektivSchema,
  readMeta,
  sectionAttrs,
  sectionNodes,
  toSectionedDocument,
  validateStructure,
  writeMeta,
  yDocToJSON,
  isSafeHref,
  type PMNode,
} from './index.js'

const template = loadTemplates().get('remissvar')!

function roundTrip(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('document model', () => {
  it('[DOC-D1][DOC-D2] a new document has one empty section per template section, in order', () => {
    const doc = initialDocument(template)
    const sections = sectionNodes(doc)
    expect(sections.map((s) => sectionAttrs(s).key)).toEqual(template.sections.map((s) => s.key))
    expect(sectionAttrs(sections[6]!)).toEqual({ key: 'jamstalldhet', kind: 'perspective', title: 'Jämställdhetsanalys', notRelevant: false })
    expect(sections[0]!.content![0]!.type).toBe('orderedList')
    expect(toSectionedDocument(doc).sections.every((s) => s.text === '')).toBe(true)
    expect(() => perspektivSchema().nodeFromJSON(doc).check()).not.toThrow()
  })

  it('[DOC-D3][DOC-D4] the Y.Doc survives encoding and converts back to valid JSON in Node', () => {
    const ydoc = createDocumentYDoc(template, { ...emptyMeta('Svar på remiss'), dnr: 'EÅV 2025/936' })
    const copy = roundTrip(ydoc)
    expect(copy.share.has('default')).toBe(true)
    const json = yDocToJSON(copy)
    expect(json).toEqual(initialDocument(template))
    expect(() => perspektivSchema().nodeFromJSON(json).check()).not.toThrow()
    expect(readMeta(copy)).toMatchObject({ title: 'Svar på remiss', dnr: 'EÅV 2025/936' })
  })

  it('[DOC-D4] text written into a section comes back out with its paragraphs', () => {
    const content: PMNode = initialDocument(template)
    const synpunkter = sectionNodes(content).find((s) => sectionAttrs(s).key === 'synpunkter')!
    synpunkter.content = [
      { type: 'paragraph', content: [{ type: 'text', text: 'Förvaltningen tillstyrker förslaget.' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Åtgärd ett' }] }] }] },
    ]
    const json = yDocToJSON(roundTrip(createDocumentYDoc(template, emptyMeta('T'), content)))
    const section = toSectionedDocument(json).sections.find((s) => s.key === 'synpunkter')!
    expect(section.text).toBe('Förvaltningen tillstyrker förslaget.\n\nÅtgärd ett')
  })

  it('[DOC-D5] pasted HTML sections and headings do not become template sections', () => {
    const schema = perspektivSchema()
    // The parser's rules decide what pasted HTML may become; a plain <section data-key=…> from
    // another document must not match (the browser paste test covers the DOM path).
    const parser = PMDOMParser.fromSchema(schema)
    const rules = (parser as unknown as { rules: Array<{ tag?: string }> }).rules
    const sectionRule = rules.find((r) => r.tag?.startsWith('section'))
    expect(sectionRule?.tag).toBe('section[data-perspektiv-section]')
    expect(rules.filter((r) => r.tag?.startsWith('section'))).toHaveLength(1)
  })

  it('[DOC-D6] only http, https and mailto links are allowed', () => {
    expect(isSafeHref('https://start.stockholm/')).toBe(true)
    expect(isSafeHref('mailto:registrator@stockholm.se')).toBe(true)
    expect(isSafeHref('javascript:alert(1)')).toBe(false)
    expect(isSafeHref(' JAVASCRIPT:alert(1)')).toBe(false)
    expect(isSafeHref('data:text/html,<script>')).toBe(false)
  })
})

describe('structure validator', () => {
  const base = () => initialDocument(template)

  it('[DOC-S5] the initial document is valid', () => {
    expect(validateStructure(base(), template).valid).toBe(true)
  })

  it('[DOC-S1] reports a missing section', () => {
    const doc = base()
    doc.content = doc.content!.filter((n) => sectionAttrs(n).key !== 'aldre')
    const r = validateStructure(doc, template)
    expect(r).toMatchObject({ valid: false, missing: ['aldre'] })
  })

  it('[DOC-S2] reports a duplicated section', () => {
    const doc = base()
    doc.content!.splice(7, 0, structuredClone(doc.content![6]!))
    expect(validateStructure(doc, template)).toMatchObject({ valid: false, duplicated: ['jamstalldhet'] })
  })

  it('[DOC-S3] reports an unknown section', () => {
    const doc = base()
    doc.content!.push({ type: 'section', attrs: { key: 'okand', kind: 'text', title: 'X', notRelevant: false }, content: [{ type: 'paragraph' }] })
    expect(validateStructure(doc, template)).toMatchObject({ valid: false, unknown: ['okand'] })
  })

  it('[DOC-S4] reports sections out of order', () => {
    const doc = base()
    const [a, b] = [doc.content![1]!, doc.content![2]!]
    doc.content![1] = b
    doc.content![2] = a
    expect(validateStructure(doc, template)).toMatchObject({ valid: false, outOfOrder: true, missing: [] })
  })

  it('[DOC-S5] reports stray top-level nodes', () => {
    const doc = base()
    doc.content!.push({ type: 'paragraph' })
    expect(validateStructure(doc, template)).toMatchObject({ valid: false, strayNodes: 1 })
  })
})

describe('meta', () => {
  it('[DOC-R1] a bad field falls back to empty and the rest is kept', () => {
    const ydoc = new Y.Doc()
    writeMeta(ydoc, { title: 'Svar', dnr: 'EÅV 2025/936' })
    ydoc.getMap('meta').set('meetingDate', 'i morgon')
    ydoc.getMap('meta').set('signatories', [{ name: 'Daniel Lauridsen', title: 'Stadsdelsdirektör' }])
    const meta = readMeta(ydoc)
    expect(meta.meetingDate).toBe('')
    expect(meta.title).toBe('Svar')
    expect(meta.signatories).toEqual([{ name: 'Daniel Lauridsen', title: 'Stadsdelsdirektör', forvaltning: '' }])
  })
})
