import { getSchema, Node, mergeAttributes, type AnyExtension } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import type { Schema } from '@tiptap/pm/model'

/** Only these link protocols survive paste or sync: never `javascript:` or `data:`. */
export const SAFE_LINK_PROTOCOLS = ['http', 'https', 'mailto']

export function isSafeHref(href: string): boolean {
  const trimmed = href.trim().toLowerCase()
  return /^(https?:\/\/|mailto:)/.test(trimmed)
}

/** The top-level document: nothing but template sections. */
export const PerspektivDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'section+',
})

/**
 * ◆ A template section. `key`, `kind` and `notRelevant` are the design doc's contract;
 * `title` is copied from the template so readers without the template can show it.
 */
export const Section = Node.create({
  name: 'section',
  group: 'section',
  // Tables are their own group so they can only sit directly in a section body: never in a
  // list item, a quote or another table (exports and Markdown cannot render that).
  content: '(block | sectionBlock)+',
  defining: true,
  isolating: true,
  selectable: false,
  draggable: false,
  addAttributes() {
    return {
      key: { default: '', parseHTML: (el) => el.getAttribute('data-key') ?? '', renderHTML: (a) => ({ 'data-key': a.key }) },
      kind: { default: 'text', parseHTML: (el) => el.getAttribute('data-kind') ?? 'text', renderHTML: (a) => ({ 'data-kind': a.kind }) },
      title: { default: '', parseHTML: (el) => el.getAttribute('data-title') ?? '', renderHTML: (a) => ({ 'data-title': a.title }) },
      notRelevant: {
        default: false,
        parseHTML: (el) => el.getAttribute('data-not-relevant') === 'true',
        renderHTML: (a) => ({ 'data-not-relevant': a.notRelevant ? 'true' : 'false' }),
      },
    }
  },
  // Pasted HTML never creates sections: only our own serialisation carries data-key.
  parseHTML() {
    return [{ tag: 'section[data-perspektiv-section]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes(HTMLAttributes, { 'data-perspektiv-section': '' }), 0]
  },
})

/**
 * ◆ Tables in section bodies: `table > tableRow > (tableHeader | tableCell) > paragraph+`.
 * A header row is a first row of `tableHeader` cells. Cells hold paragraphs only, because
 * Markdown tables and the PDF table layout have one text flow per cell.
 */
export const tableExtensions: AnyExtension[] = [
  Table.extend({ group: 'sectionBlock' }).configure({ resizable: false }),
  TableRow,
  TableHeader.extend({ content: 'paragraph+' }),
  TableCell.extend({ content: 'paragraph+' }),
]

/**
 * The content extensions shared by the editor, the server and the exporters. Kept small:
 * what a tjänsteutlåtande needs (paragraphs, lists, sub-headings, emphasis, safe links).
 */
export function contentExtensions(): AnyExtension[] {
  return [
    PerspektivDocument,
    Section,
    StarterKit.configure({
      document: false,
      heading: { levels: [3, 4] },
      codeBlock: false,
      code: false,
      horizontalRule: false,
      // Collaboration brings its own undo history.
      undoRedo: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [],
        defaultProtocol: 'https',
        isAllowedUri: (url: string) => isSafeHref(url),
      },
    }),
    ...tableExtensions,
  ]
}

let cached: Schema | null = null

/** The ProseMirror schema of a Perspektiv document (works in Node and the browser). */
export function perspektivSchema(): Schema {
  cached ??= getSchema(contentExtensions())
  return cached
}
