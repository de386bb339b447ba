import { describe, expect, it } from 'vitest'
import { EditorState, AllSelection, TextSelection, type Transaction } from '@tiptap/pm/state'
import { Slice, Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { loadTemplates } from '@perspektiv/model/load'
import { perspektivSchema } from './schema.js'
import { initialDocument } from './initial.js'
import { sectionAttrs, sectionNodes, nodeText, tableNode, type PMNode } from './json.js'
import { compareSkeletons, deleteAcrossSections, sectionSkeleton, structureGuardPlugin, unwrapPastedSections, type StructureViolation } from './guard.js'

const template = loadTemplates().get('remissvar')!
const schema = perspektivSchema()

/** The remissvar skeleton with one sentence in every section body. */
function filledDoc(): ProseMirrorNode {
  const json = initialDocument(template)
  for (const s of json.content ?? []) {
    s.content = [{ type: 'paragraph', content: [{ type: 'text', text: `Text i ${String(s.attrs?.key)}.` }] }]
  }
  return schema.nodeFromJSON(json)
}

function guardedState(onReject?: (v: StructureViolation) => void): EditorState {
  return EditorState.create({ schema, doc: filledDoc(), plugins: [structureGuardPlugin({ onReject })] })
}

/** Applies a transaction the way a view does: filtered transactions leave the state as is. */
function apply(state: EditorState, tr: Transaction): EditorState {
  return state.applyTransaction(tr).state
}

function keys(state: EditorState): string[] {
  return sectionNodes(state.doc.toJSON() as PMNode).map((n) => sectionAttrs(n).key)
}

/** Position range of a section's body by key. */
function sectionPos(doc: ProseMirrorNode, key: string): { pos: number; node: ProseMirrorNode } {
  let found: { pos: number; node: ProseMirrorNode } | null = null
  doc.forEach((node, offset) => {
    if (node.attrs.key === key) found = { pos: offset, node }
  })
  if (!found) throw new Error(`no section ${key}`)
  return found
}

describe('compareSkeletons (pure validator)', () => {
  const base = [
    { key: 'a', kind: 'text', title: 'A' },
    { key: 'b', kind: 'perspective', title: 'B' },
  ]
  it('accepts an identical skeleton', () => {
    expect(
      compareSkeletons(
        base,
        base.map((s) => ({ ...s })),
      ),
    ).toBeNull()
  })
  it('refuses a removed section, an added one, a reorder, a retitle, a changed kind and stray nodes', () => {
    expect(compareSkeletons(base, [base[0]!])?.code).toBe('count')
    expect(compareSkeletons(base, [...base, { key: 'c', kind: 'text', title: 'C' }])?.code).toBe('count')
    expect(compareSkeletons(base, [base[1]!, base[0]!])?.code).toBe('order')
    expect(compareSkeletons(base, [base[0]!, { ...base[1]!, title: 'Annat' }])?.code).toBe('order')
    expect(compareSkeletons(base, [base[0]!, { ...base[1]!, kind: 'text' }])?.code).toBe('order')
    expect(compareSkeletons(base, [base[0]!, null])?.code).toBe('stray')
  })
  it('reads the skeleton of a real document in template order', () => {
    expect(sectionSkeleton(filledDoc()).map((s) => s?.key)).toEqual(template.sections.map((s) => s.key))
  })
})

describe('structure guard plugin (headless EditorState)', () => {
  it('lets ordinary typing and a notRelevant toggle through', () => {
    let state = guardedState()
    const { pos } = sectionPos(state.doc, 'barnratt')
    state = apply(state, state.tr.insertText('Barn berörs. ', pos + 2))
    state = apply(state, state.tr.setNodeAttribute(pos, 'notRelevant', true))
    const node = sectionPos(state.doc, 'barnratt').node
    expect(nodeText(node.toJSON() as PMNode)).toBe('Barn berörs. Text i barnratt.')
    expect(node.attrs.notRelevant).toBe(true)
  })

  it('refuses deleting, merging, splitting, reordering and retitling sections, and says why', () => {
    const rejected: string[] = []
    const start = guardedState((v) => rejected.push(v.message))
    const { pos, node } = sectionPos(start.doc, 'aldre')
    let state = apply(start, start.tr.delete(pos, pos + node.nodeSize))
    expect(keys(state)).toEqual(keys(start))
    // Merge: join the section with the one before it.
    state = apply(state, state.tr.join(pos))
    // Split: a section split in two inside its body.
    state = apply(state, state.tr.split(pos + 3, 2))
    // Reorder: move the section to the front.
    state = apply(state, state.tr.delete(pos, pos + node.nodeSize).insert(0, node))
    // Retitle.
    state = apply(state, state.tr.setNodeAttribute(pos, 'title', 'Något annat'))
    expect(state.doc.eq(start.doc)).toBe(true)
    expect(rejected).toHaveLength(5)
    expect(rejected[0]).toMatch(/kan inte tas bort/)
  })

  it('never filters remote (Yjs-origin) transactions', () => {
    const start = guardedState()
    const { pos, node } = sectionPos(start.doc, 'aldre')
    const tr = start.tr.delete(pos, pos + node.nodeSize).setMeta(ySyncPluginKey, { isChangeOrigin: true })
    const state = apply(start, tr)
    expect(keys(state)).not.toContain('aldre')
    expect(keys(state)).toHaveLength(template.sections.length - 1)
  })

  it('select-all + delete empties every body and keeps every section', () => {
    let state = guardedState()
    state = apply(state, state.tr.setSelection(new AllSelection(state.doc)))
    // A plain deleteSelection would merge everything into one section: the guard refuses it.
    const plain = apply(state, state.tr.deleteSelection())
    expect(plain.doc.eq(state.doc)).toBe(true)
    const rewrite = deleteAcrossSections(state)
    expect(rewrite).not.toBeNull()
    state = apply(state, rewrite!)
    expect(keys(state)).toEqual(template.sections.map((s) => s.key))
    state.doc.forEach((section) => {
      expect(section.childCount).toBe(1)
      expect(section.firstChild?.type.name).toBe('paragraph')
      expect(section.textContent).toBe('')
    })
    expect(state.selection.from).toBe(2)
  })

  it('a selection from the middle of one section into the next deletes only the selected text', () => {
    let state = guardedState()
    const a = sectionPos(state.doc, 'bakgrund')
    const b = sectionPos(state.doc, 'arendet')
    // "Text i bakgrund." → keep "Text", and in the next section drop "Text i ".
    const from = a.pos + 2 + 'Text'.length
    const to = b.pos + 2 + 'Text i '.length
    state = apply(state, state.tr.setSelection(TextSelection.create(state.doc, from, to)))
    state = apply(state, deleteAcrossSections(state)!)
    expect(keys(state)).toEqual(template.sections.map((s) => s.key))
    expect(sectionPos(state.doc, 'bakgrund').node.textContent).toBe('Text')
    expect(sectionPos(state.doc, 'arendet').node.textContent).toBe('arendet.')
  })

  it('leaves a selection inside one section to the normal delete', () => {
    let state = guardedState()
    const a = sectionPos(state.doc, 'bakgrund')
    state = apply(state, state.tr.setSelection(TextSelection.create(state.doc, a.pos + 2, a.pos + 6)))
    expect(deleteAcrossSections(state)).toBeNull()
  })

  it('a paste cannot smuggle sections in: sections in a slice are unwrapped to their bodies', () => {
    const doc = filledDoc()
    const two = doc.slice(sectionPos(doc, 'bakgrund').pos + 3, sectionPos(doc, 'arendet').pos + 5)
    expect(two.content.firstChild?.type.name).toBe('section')
    const unwrapped = unwrapPastedSections(two)
    const names: string[] = []
    unwrapped.content.forEach((n) => {
      names.push(n.type.name)
    })
    expect(names).toEqual(['paragraph', 'paragraph'])
    let state = guardedState()
    const target = sectionPos(state.doc, 'synpunkter').pos + 2
    state = apply(state, state.tr.replaceRange(target, target, unwrapped))
    expect(keys(state)).toEqual(template.sections.map((s) => s.key))
    // Without unwrapping, inserting the section slice is refused by the filter.
    const before = state
    state = apply(state, state.tr.replaceRange(target, target, two))
    expect(state.doc.eq(before.doc)).toBe(true)
    // A slice without sections is untouched.
    const plain = new Slice(Fragment.from(schema.text('hej')), 0, 0)
    expect(unwrapPastedSections(plain)).toBe(plain)
  })
})

describe('structure guard: tables (DOC-D7)', () => {
  const table = () =>
    schema.nodeFromJSON(
      tableNode(
        [
          ['Kön', 'Andel'],
          ['Kvinnor', '62 %'],
        ],
        { headerRow: true },
      ),
    )

  it('[DOC-D7] a table goes into a section body, but never between sections', () => {
    let state = guardedState()
    const { pos, node } = sectionPos(state.doc, 'jamstalldhet')
    state = apply(state, state.tr.insert(pos + node.nodeSize - 1, table()))
    expect(sectionPos(state.doc, 'jamstalldhet').node.lastChild?.type.name).toBe('table')
    const rejected: StructureViolation[] = []
    let guarded = guardedState((v) => rejected.push(v))
    const before = guarded.doc
    // Between two sections the table does not fit: ProseMirror would wrap it in a new section.
    const between = sectionPos(guarded.doc, 'barnratt').pos
    guarded = apply(guarded, guarded.tr.insert(between, table()))
    expect(guarded.doc.eq(before)).toBe(true)
    expect(rejected.map((v) => v.code)).toEqual(['count'])
  })
})
