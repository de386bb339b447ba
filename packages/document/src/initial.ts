import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import type { DocumentMeta, SectionedDocument, Template } from '@perspektiv/model'
import { perspektivSchema } from './schema.js'
import { nodeText, sectionAttrs, sectionNodes, type PMNode } from './json.js'
import { writeMeta } from './meta.js'

/** ◆ The Y.XmlFragment that holds the TipTap document. */
export const CONTENT_FRAGMENT = 'default'

/** The empty skeleton of a new document: one section per template section, in order. */
export function initialDocument(template: Template): PMNode {
  return {
    type: 'doc',
    content: template.sections.map((s) => ({
      type: 'section',
      attrs: { key: s.key, kind: s.kind, title: s.title, notRelevant: false },
      content:
        s.kind === 'decision' || s.kind === 'attachments'
          ? [{ type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }]
          : [{ type: 'paragraph' }],
    })),
  }
}

/** Writes ProseMirror JSON into a Y.Doc's content fragment (for a new, empty Y.Doc). */
export function writeContent(ydoc: Y.Doc, json: PMNode): void {
  const schema = perspektivSchema()
  // Validate against the schema first so a bad document never reaches Yjs.
  schema.nodeFromJSON(json).check()
  prosemirrorJSONToYXmlFragment(schema, json, ydoc.getXmlFragment(CONTENT_FRAGMENT))
}

/**
 * ◆ Creates the Y.Doc of a new document from its template. This is done once, on the
 * server, when the document is created: clients never create or repair the skeleton.
 */
export function createDocumentYDoc(template: Template, meta: DocumentMeta, content?: PMNode): Y.Doc {
  const ydoc = new Y.Doc()
  ydoc.transact(() => {
    writeContent(ydoc, content ?? initialDocument(template))
    writeMeta(ydoc, meta)
  })
  return ydoc
}

/** The ProseMirror JSON of a Y.Doc's content, in plain Node (no editor, no DOM). */
export function yDocToJSON(ydoc: Y.Doc): PMNode {
  return yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(CONTENT_FRAGMENT)) as PMNode
}

/** Reduces ProseMirror JSON to the sections the coverage checker reads. */
export function toSectionedDocument(doc: PMNode): SectionedDocument {
  return {
    sections: sectionNodes(doc).map((node) => {
      const a = sectionAttrs(node)
      return { key: a.key || null, heading: a.title, notRelevant: a.notRelevant, text: nodeText(node) }
    }),
  }
}
