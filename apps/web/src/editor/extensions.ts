import { Extension, type AnyExtension, type Editor } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { ReactNodeViewRenderer } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { contentExtensions, Section, StructureGuard, CONTENT_FRAGMENT, type StructureViolation } from '@perspektiv/document'
import type { Template, TemplateSection } from '@perspektiv/model'
import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { SectionView } from './SectionView.js'
import { UndoSteps } from './undoSteps.js'
import type { PresenceStore } from './presenceStore.js'

export interface SectionViewOptions {
  sections: Map<string, TemplateSection>
  presence: PresenceStore | null
  readOnly: boolean
}

const NOT_RELEVANT_PLACEHOLDER = 'Motivera varför perspektivet inte bedöms relevant i just det här ärendet.'

/**
 * The template placeholder of an empty section, as a decoration (never document content,
 * so it cannot leak into an export).
 */
function sectionPlaceholders(sections: Map<string, TemplateSection>): Plugin {
  return new Plugin({
    key: new PluginKey('perspektivPlaceholder'),
    props: {
      decorations(state) {
        const decorations: Decoration[] = []
        state.doc.forEach((section, offset) => {
          if (section.textContent.length > 0) return
          const first = firstTextblock(section, offset + 1)
          if (!first) return
          const meta = sections.get(String(section.attrs.key))
          const text = section.attrs.notRelevant ? NOT_RELEVANT_PLACEHOLDER : meta?.placeholder
          if (!text) return
          decorations.push(Decoration.node(first.pos, first.pos + first.node.nodeSize, { class: 'is-placeholder', 'data-placeholder': text }))
        })
        return DecorationSet.create(state.doc, decorations)
      },
    },
  })
}

function firstTextblock(node: ProseMirrorNode, start: number): { node: ProseMirrorNode; pos: number } | null {
  let found: { node: ProseMirrorNode; pos: number } | null = null
  node.descendants((child, pos) => {
    if (found) return false
    if (child.isTextblock) {
      found = { node: child, pos: start + pos }
      return false
    }
    return true
  })
  return found
}

/** Reports the key of the section holding the local caret to awareness (`section`). */
function caretSection(provider: WebsocketProvider): Extension {
  return Extension.create({
    name: 'caretSection',
    onSelectionUpdate({ editor }) {
      publishSection(editor, provider)
    },
    onFocus({ editor }) {
      publishSection(editor, provider)
    },
  })
}

function publishSection(editor: Editor, provider: WebsocketProvider): void {
  const $from = editor.state.selection.$from
  const key = $from.depth >= 1 ? String($from.node(1).attrs.key ?? '') : ''
  const current = provider.awareness.getLocalState()?.section
  if (key && key !== current) provider.awareness.setLocalStateField('section', key)
}

export interface EditorExtensionOptions {
  template: Template
  ydoc: Y.Doc
  provider: WebsocketProvider
  presence: PresenceStore
  user: { name: string; username: string; color: string }
  readOnly: boolean
  onReject: (violation: StructureViolation) => void
}

/** Exactly the server's schema (contentExtensions) plus editor-only behaviour. */
export function editorExtensions(opts: EditorExtensionOptions): AnyExtension[] {
  const sections = new Map(opts.template.sections.map((s) => [s.key, s]))
  const viewOptions: SectionViewOptions = { sections, presence: opts.presence, readOnly: opts.readOnly }
  // Same node spec as the shared Section; only the rendering in the editor differs.
  const EditorSection = Section.extend<SectionViewOptions>({
    addOptions() {
      return viewOptions
    },
    addNodeView() {
      return ReactNodeViewRenderer(SectionView, { as: 'div', className: 'section-node' })
    },
  })
  return [
    ...contentExtensions().map((e) => (e.name === 'section' ? EditorSection : e)),
    Collaboration.configure({ document: opts.ydoc, field: CONTENT_FRAGMENT }),
    CollaborationCaret.configure({ provider: opts.provider, user: opts.user }),
    StructureGuard.configure({ onReject: opts.onReject }),
    UndoSteps,
    Extension.create({ name: 'perspektivPlaceholder', addProseMirrorPlugins: () => [sectionPlaceholders(sections)] }),
    caretSection(opts.provider),
  ]
}
