import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta } from '@perspektiv/model'
import {
  createDocumentYDoc,
  initialDocument,
  perspektivSchema,
  sectionAttrs,
  sectionNodes,
  tableNode,
  toSectionedDocument,
  yDocToJSON,
  type PMNode,
} from './index.js'

const template = loadTemplates().get('remissvar')!
const schema = perspektivSchema()

const statistics = () =>
  tableNode(
    [
      ['Kön', 'Andel'],
      ['Kvinnor', '62 %'],
      ['Män', ['38 %', 'varav 4 % över 80 år']],
    ],
    { headerRow: true },
  )

/** The remissvar skeleton with `blocks` as the body of `key`. */
function withBody(key: string, blocks: PMNode[]): PMNode {
  const doc = initialDocument(template)
  const section = sectionNodes(doc).find((s) => sectionAttrs(s).key === key)!
  section.content = blocks
  return doc
}

describe('tables in the document schema', () => {
  it('[DOC-D7] a table with a header row is valid inside a section body', () => {
    const doc = withBody('jamstalldhet', [{ type: 'paragraph', content: [{ type: 'text', text: 'Statistik:' }] }, statistics()])
    const node = schema.nodeFromJSON(doc)
    expect(() => node.check()).not.toThrow()
    const table = node.child(6).child(1)
    expect(table.type.name).toBe('table')
    expect(table.childCount).toBe(3)
    expect(table.child(0).child(0).type.name).toBe('tableHeader')
    expect(table.child(1).child(0).type.name).toBe('tableCell')
    expect(table.child(2).child(1).childCount).toBe(2)
  })

  it('[DOC-D7] a table cannot stand between sections, in a list item or in another table', () => {
    const topLevel: PMNode = { type: 'doc', content: [...(initialDocument(template).content ?? []), statistics()] }
    expect(() => schema.nodeFromJSON(topLevel).check()).toThrow()
    const inList = withBody('synpunkter', [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }, statistics()] }] }])
    expect(() => schema.nodeFromJSON(inList).check()).toThrow()
    const nested = statistics()
    nested.content![1]!.content![0]!.content = [statistics()]
    expect(() => schema.nodeFromJSON(withBody('synpunkter', [nested])).check()).toThrow()
  })

  it('[DOC-D7][DOC-D4] a table survives the Y.Doc and comes back as the same JSON', () => {
    const content = withBody('jamstalldhet', [statistics()])
    const ydoc = createDocumentYDoc(template, emptyMeta('T'), content)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc))
    const json = yDocToJSON(copy)
    expect(() => schema.nodeFromJSON(json).check()).not.toThrow()
    const section = sectionNodes(json).find((s) => sectionAttrs(s).key === 'jamstalldhet')!
    expect(section.content?.[0]?.type).toBe('table')
    expect(schema.nodeFromJSON(section.content![0]!).textContent).toBe('KönAndelKvinnor62 %Män38 %varav 4 % över 80 år')
  })

  it('[DOC-D7] every cell word reaches the text that coverage reads', () => {
    const text = toSectionedDocument(withBody('jamstalldhet', [statistics()])).sections.find((s) => s.key === 'jamstalldhet')!.text
    expect(text.split(/\s+/).filter(Boolean)).toEqual(['Kön', 'Andel', 'Kvinnor', '62', '%', 'Män', '38', '%', 'varav', '4', '%', 'över', '80', 'år'])
  })
})
