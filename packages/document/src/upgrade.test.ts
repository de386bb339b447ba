import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta, type Template } from '@perspektiv/model'
import {
  createDocumentYDoc,
  initialDocument,
  insertMissingSections,
  missingSectionInserts,
  nodeText,
  perspektivSchema,
  sectionAttrs,
  sectionNodes,
  validateStructure,
  yDocToJSON,
  type PMNode,
} from './index.js'

const template = loadTemplates().get('remissvar')!
/** The template as it was before it gained the closing sentence. */
const older: Template = { ...template, sections: template.sections.filter((s) => s.key !== 'avslutning') }

/** A document made from the older template, with text in the section before the closing one. */
function storedBeforeUpgrade(): Y.Doc {
  const json = initialDocument(older)
  const keys = template.sections.map((s) => s.key)
  const beforeClosing = keys[keys.indexOf('avslutning') - 1]!
  const section = json.content!.find((n) => sectionAttrs(n).key === beforeClosing)!
  section.content = [{ type: 'paragraph', content: [{ type: 'text', text: 'Klimatet påverkas inte alls.' }] }]
  return createDocumentYDoc(older, emptyMeta(), json)
}

function keysOf(doc: PMNode): string[] {
  return sectionNodes(doc).map((n) => sectionAttrs(n).key)
}

describe('[DOC-S6] upgrading a stored document to sections its template gained', () => {
  it('finds the closing section missing and places it right after the section before it in the template', () => {
    const inserts = missingSectionInserts(initialDocument(older), template)!
    expect(inserts.map((i) => i.key)).toEqual(['avslutning'])
    const keys = keysOf(initialDocument(older))
    keys.splice(inserts[0]!.index, 0, 'avslutning')
    expect(keys).toEqual(template.sections.map((s) => s.key))
  })

  it('adds the missing section empty, keeps every other section as it was, and the result is valid under the schema', () => {
    const ydoc = storedBeforeUpgrade()
    const before = sectionNodes(yDocToJSON(ydoc)).map((n) => nodeText(n))
    expect(insertMissingSections(ydoc, template)).toEqual(['avslutning'])
    const after = yDocToJSON(ydoc)
    expect(validateStructure(after, template).valid).toBe(true)
    perspektivSchema().nodeFromJSON(after).check()
    const closing = sectionNodes(after).find((n) => sectionAttrs(n).key === 'avslutning')!
    expect(sectionAttrs(closing)).toMatchObject({ title: template.sections.find((s) => s.key === 'avslutning')!.title, notRelevant: false })
    expect(nodeText(closing)).toBe('')
    expect(
      sectionNodes(after)
        .filter((n) => sectionAttrs(n).key !== 'avslutning')
        .map((n) => nodeText(n)),
    ).toEqual(before)
    expect(before).toContain('Klimatet påverkas inte alls.')
  })

  it('is idempotent: a second upgrade adds nothing', () => {
    const ydoc = storedBeforeUpgrade()
    insertMissingSections(ydoc, template)
    expect(insertMissingSections(ydoc, template)).toEqual([])
    expect(keysOf(yDocToJSON(ydoc)).filter((k) => k === 'avslutning')).toHaveLength(1)
  })

  it('two processes upgrading the same stored state give one closing section when their updates meet', () => {
    const stored = Y.encodeStateAsUpdate(storedBeforeUpgrade())
    const updates = [0, 1].map(() => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, stored)
      const sv = Y.encodeStateVector(copy)
      insertMissingSections(copy, template)
      return Y.encodeStateAsUpdate(copy, sv)
    })
    const merged = new Y.Doc()
    Y.applyUpdate(merged, stored)
    for (const u of updates) Y.applyUpdate(merged, u)
    expect(keysOf(yDocToJSON(merged))).toEqual(template.sections.map((s) => s.key))
  })

  it('leaves a skeleton with any other defect alone (an upgrade never repairs)', () => {
    const doc = initialDocument(older)
    doc.content = [...doc.content!, doc.content![0]!]
    expect(missingSectionInserts(doc, template)).toBeNull()
    const ydoc = createDocumentYDoc(older, emptyMeta(), doc)
    expect(insertMissingSections(ydoc, template)).toBeNull()
    expect(keysOf(yDocToJSON(ydoc))).not.toContain('avslutning')
  })

  it('writes as the local client again afterwards (a later edit is not attributed to the upgrade)', () => {
    const ydoc = storedBeforeUpgrade()
    const own = ydoc.clientID
    insertMissingSections(ydoc, template)
    expect(ydoc.clientID).toBe(own)
  })
})
