import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap'
import type { Anchor } from './shape.js'

/** y-tiptap's map between ProseMirror nodes and Yjs types (from the editor's binding). */
export type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2]

/** [R1] Turns an editor selection into an anchor that survives concurrent edits. */
export function createAnchor(
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  range: { from: number; to: number },
  quote: string,
  sectionKey: string,
): Anchor {
  // y-tiptap makes positions that stick to the character *before* them; the start must stick
  // to the first character of the range, so text typed right before the range stays outside
  // (also at the very start of a paragraph, where there is no character before).
  const start = stickToNext(absolutePositionToRelativePosition(range.from, fragment, mapping), fragment)
  // The end sticks to the character before it, so typing right after the range stays outside.
  const end = absolutePositionToRelativePosition(range.to, fragment, mapping)
  end.assoc = -1
  return {
    start: toBase64(Y.encodeRelativePosition(start)),
    end: toBase64(Y.encodeRelativePosition(end)),
    quote: quote.slice(0, 2000),
    sectionKey,
  }
}

export type ResolvedAnchor = { orphaned: false; from: number; to: number } | { orphaned: true }

/** [R2][R3] Where an anchor points now; orphaned when its text is gone. */
export function resolveAnchor(ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: ProsemirrorMapping, anchor: Anchor): ResolvedAnchor {
  try {
    const start = Y.decodeRelativePosition(fromBase64(anchor.start))
    const end = Y.decodeRelativePosition(fromBase64(anchor.end))
    const from = relativePositionToAbsolutePosition(ydoc, fragment, start, mapping)
    const to = relativePositionToAbsolutePosition(ydoc, fragment, end, mapping)
    if (from === null || to === null || to <= from) return { orphaned: true }
    return { orphaned: false, from, to }
  } catch {
    // A corrupt anchor must not break the comment list: show it as orphaned.
    return { orphaned: true }
  }
}

function stickToNext(rel: Y.RelativePosition, fragment: Y.XmlFragment): Y.RelativePosition {
  const doc = fragment.doc
  const abs = doc ? Y.createAbsolutePositionFromRelativePosition(rel, doc) : null
  if (!abs || !(abs.type instanceof Y.XmlText) || abs.index >= abs.type.length) return rel
  return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0)
}
