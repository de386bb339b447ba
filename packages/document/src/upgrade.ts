import * as Y from 'yjs'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { Template } from '@perspektiv/model'
import { perspektivSchema } from './schema.js'
import { initialDocument, yDocToJSON, CONTENT_FRAGMENT } from './initial.js'
import { sectionAttrs, sectionNodes, type PMNode } from './json.js'
import { validateStructure } from './structure.js'

/** A template section the document lacks, and where it goes among the top-level nodes. */
export interface SectionInsert {
  key: string
  /** Index in the document's top-level content at which to insert, applied in order. */
  index: number
  section: PMNode
}

/**
 * [DOC-S6] The sections a template gained after a document was created (e.g. the closing
 * sentence `avslutning`), each with the place it belongs: right after the nearest preceding
 * template section the document has. Null when the skeleton has any other defect
 * (duplicated, unknown, out of order, stray nodes): an upgrade only ever adds what a newer
 * template added, it never repairs or reorders (that would hide damage). Pure.
 */
export function missingSectionInserts(doc: PMNode, template: Template): SectionInsert[] | null {
  const report = validateStructure(doc, template)
  if (report.duplicated.length > 0 || report.unknown.length > 0 || report.outOfOrder || report.strayNodes > 0) return null
  if (report.missing.length === 0) return []
  const skeleton = new Map(sectionNodes(initialDocument(template)).map((n) => [sectionAttrs(n).key, n]))
  const keys = sectionNodes(doc).map((n) => sectionAttrs(n).key)
  const inserts: SectionInsert[] = []
  template.sections.forEach((s, i) => {
    if (keys.includes(s.key)) return
    // After the last section that comes before it in the template (inserts so far included).
    const before = template.sections.slice(0, i).map((t) => t.key)
    let index = 0
    keys.forEach((k, at) => {
      if (before.includes(k)) index = at + 1
    })
    keys.splice(index, 0, s.key)
    inserts.push({ key: s.key, index, section: skeleton.get(s.key)! })
  })
  return inserts
}

/**
 * The client id of every upgrade write. Fixed, so two processes upgrading the same stored
 * state produce the same structs (Yjs keeps one copy) instead of two closing sections.
 */
export const UPGRADE_CLIENT_ID = 0x5e7_1a6e

/** A ProseMirror node as y-tiptap stores it (element name = node type, attrs = attributes). */
function toYXml(node: ProseMirrorNode): Y.XmlElement | Y.XmlText {
  if (node.isText) {
    const text = new Y.XmlText()
    const marks = Object.fromEntries(node.marks.map((m) => [m.type.name, m.attrs]))
    text.insert(0, node.text ?? '', marks)
    return text
  }
  const element = new Y.XmlElement(node.type.name)
  for (const [key, value] of Object.entries(node.attrs)) if (value !== null && key !== 'ychange') element.setAttribute(key, value as string)
  const children: Array<Y.XmlElement | Y.XmlText> = node.content.content.map(toYXml)
  element.insert(0, children)
  return element
}

/**
 * [DOC-S6] Adds the template sections `ydoc`'s content lacks, in one transaction as the
 * upgrade client, and returns their keys (empty when nothing was missing, null when the
 * skeleton has another defect and was left alone). For the server's one-time upgrade of
 * stored documents and the CLI's offline export; never run by a browser (the skeleton is
 * the server's).
 */
export function insertMissingSections(ydoc: Y.Doc, template: Template): string[] | null {
  const inserts = missingSectionInserts(yDocToJSON(ydoc), template)
  if (!inserts) return null
  if (inserts.length === 0) return []
  const schema = perspektivSchema()
  const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT)
  const ownClient = ydoc.clientID
  ydoc.clientID = UPGRADE_CLIENT_ID
  try {
    ydoc.transact(() => {
      for (const { index, section } of inserts) fragment.insert(index, [toYXml(schema.nodeFromJSON(section))])
    }, 'template-upgrade')
  } finally {
    ydoc.clientID = ownClient
  }
  return inserts.map((i) => i.key)
}
