import { Extension } from '@tiptap/core'
import { Fragment, Slice, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

/** What the guard compares: the fixed part of each top-level section, in order. */
export interface SectionSkeletonEntry {
  key: string
  kind: string
  title: string
}

export type StructureViolation = { code: 'count'; message: string } | { code: 'order'; message: string } | { code: 'stray'; message: string }

/** The skeleton of a ProseMirror document: every top-level node as key/kind/title. */
export function sectionSkeleton(doc: ProseMirrorNode): Array<SectionSkeletonEntry | null> {
  const out: Array<SectionSkeletonEntry | null> = []
  doc.forEach((child) => {
    if (child.type.name !== 'section') {
      out.push(null)
      return
    }
    out.push({ key: String(child.attrs.key ?? ''), kind: String(child.attrs.kind ?? ''), title: String(child.attrs.title ?? '') })
  })
  return out
}

/**
 * Pure validator: a local edit may change section bodies and `notRelevant`, nothing else.
 * Returns why `after` is not an acceptable successor of `before`, or null when it is.
 */
export function compareSkeletons(
  before: ReadonlyArray<SectionSkeletonEntry | null>,
  after: ReadonlyArray<SectionSkeletonEntry | null>,
): StructureViolation | null {
  if (after.some((s) => s === null)) {
    return { code: 'stray', message: 'Text kan bara skrivas inuti ett avsnitt.' }
  }
  if (before.length !== after.length) {
    return {
      code: 'count',
      message:
        after.length < before.length
          ? 'Avsnitten i mallen kan inte tas bort eller slås ihop.'
          : 'Nya avsnitt kan inte läggas till: strukturen kommer från mallen.',
    }
  }
  for (let i = 0; i < before.length; i++) {
    const a = before[i]
    const b = after[i]
    if (!a || !b) continue
    if (a.key !== b.key || a.kind !== b.kind || a.title !== b.title) {
      return { code: 'order', message: 'Avsnittens ordning och rubriker kommer från mallen och kan inte ändras.' }
    }
  }
  return null
}

/** True for transactions that carry remote (Yjs-origin) changes: these are never filtered. */
export function isRemoteTransaction(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
  // Same test as @tiptap/extension-collaboration's isChangeOrigin: any y-sync meta.
  return meta !== undefined && meta !== null
}

/** Checks one transaction against the state it applies to (pure; used by the plugin). */
export function checkTransaction(state: EditorState, tr: Transaction): StructureViolation | null {
  if (!tr.docChanged || isRemoteTransaction(tr)) return null
  return compareSkeletons(sectionSkeleton(state.doc), sectionSkeleton(tr.doc))
}

interface SectionRange {
  /** Position before the section node. */
  pos: number
  node: ProseMirrorNode
  contentStart: number
  contentEnd: number
}

function sectionRanges(doc: ProseMirrorNode): SectionRange[] {
  const out: SectionRange[] = []
  doc.forEach((node, offset) => {
    if (node.type.name === 'section') {
      out.push({ pos: offset, node, contentStart: offset + 1, contentEnd: offset + node.nodeSize - 1 })
    }
  })
  return out
}

/**
 * Deleting a selection that spans several sections (select-all + Backspace, or a drag
 * over two headings) would merge sections. Instead, delete the selected part of each
 * section and leave every section in place; a fully selected body becomes one empty
 * paragraph. Returns null when the selection lies inside one section (normal editing).
 */
export function deleteAcrossSections(state: EditorState): Transaction | null {
  const { from, to, empty } = state.selection
  if (empty) return null
  const touched = sectionRanges(state.doc).filter((s) => s.contentEnd > from && s.contentStart < to)
  if (touched.length < 2) {
    // A selection exactly covering one whole section (e.g. AllSelection of a 1-section doc)
    // would otherwise delete the section node itself.
    const only = touched[0]
    if (!only || (from > only.contentStart - 1 && to < only.contentEnd + 1)) return null
  }
  const paragraph = state.schema.nodes.paragraph
  if (!paragraph) return null
  const tr = state.tr
  // Back to front, so earlier positions stay valid without mapping.
  for (const s of [...touched].reverse()) {
    const start = Math.max(from, s.contentStart)
    const end = Math.min(to, s.contentEnd)
    if (start <= s.contentStart && end >= s.contentEnd) {
      tr.replaceWith(s.contentStart, s.contentEnd, paragraph.create())
    } else if (end > start) {
      tr.delete(start, end)
    }
  }
  const first = touched[0]
  if (!first) return null
  tr.setSelection(TextSelection.near(tr.doc.resolve(tr.mapping.map(Math.max(from, first.contentStart), -1))))
  tr.scrollIntoView()
  // Only hand back a rewrite the guard itself accepts.
  return compareSkeletons(sectionSkeleton(state.doc), sectionSkeleton(tr.doc)) ? null : tr
}

/**
 * Pasted content never brings sections along: a slice cut at document level (copied
 * across sections of our own editor) is unwrapped to the sections' bodies.
 */
export function unwrapPastedSections(slice: Slice): Slice {
  let hasSection = false
  slice.content.forEach((n) => {
    if (n.type.name === 'section') hasSection = true
  })
  if (!hasSection) return slice
  const blocks: ProseMirrorNode[] = []
  slice.content.forEach((n) => {
    if (n.type.name === 'section') blocks.push(...n.content.content)
    else blocks.push(n)
  })
  return new Slice(Fragment.from(blocks), Math.max(0, slice.openStart - 1), Math.max(0, slice.openEnd - 1))
}

export const structureGuardKey = new PluginKey('perspektivStructureGuard')

export interface StructureGuardOptions {
  /** Told (in Swedish) why a local edit was refused, e.g. for a live region. */
  onReject?: (violation: StructureViolation) => void
}

/** The ProseMirror plugin: refuses local transactions that change the skeleton. */
export function structureGuardPlugin(options: StructureGuardOptions = {}): Plugin {
  return new Plugin({
    key: structureGuardKey,
    filterTransaction(tr, state) {
      const violation = checkTransaction(state, tr)
      if (violation) options.onReject?.(violation)
      return violation === null
    },
    props: {
      transformPasted: (slice) => unwrapPastedSections(slice),
      // Typing over a selection that spans sections replaces each part, keeping sections.
      handleTextInput(view, _from, _to, text) {
        const tr = deleteAcrossSections(view.state)
        if (!tr) return false
        view.dispatch(tr.insertText(text))
        return true
      },
    },
  })
}

/** Runs deleteAcrossSections as an editor command. */
export function deleteAcrossSectionsCommand(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const tr = deleteAcrossSections(state)
  if (!tr) return false
  dispatch?.(tr)
  return true
}

/** TipTap extension: the guard plugin plus cross-section delete on Backspace/Delete. */
export const StructureGuard = Extension.create<StructureGuardOptions>({
  name: 'structureGuard',
  // Before the base keymap, so Backspace over several sections is rewritten, not refused.
  priority: 1100,
  addOptions() {
    return { onReject: undefined }
  },
  addKeyboardShortcuts() {
    const run = () => deleteAcrossSectionsCommand(this.editor.state, (tr) => this.editor.view.dispatch(tr))
    return { Backspace: run, Delete: run, 'Mod-Backspace': run, 'Mod-Delete': run }
  },
  addProseMirrorPlugins() {
    return [structureGuardPlugin({ onReject: this.options.onReject })]
  },
})
