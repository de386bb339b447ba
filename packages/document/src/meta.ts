import * as Y from 'yjs'
import { documentMetaSchema, emptyMeta, type DocumentMeta } from '@perspektiv/model'

/** ◆ The Y.Map that holds the document's header metadata. */
export const META_MAP = 'meta'

/** Writes every meta field into the Y.Map (nested values as plain JSON). */
export function writeMeta(ydoc: Y.Doc, meta: Partial<DocumentMeta>): void {
  const map = ydoc.getMap<unknown>(META_MAP)
  ydoc.transact(() => {
    for (const [k, v] of Object.entries(meta)) {
      if (v !== undefined) map.set(k, v)
    }
  })
}

/**
 * Reads the meta map leniently: fields that fail validation fall back to empty values,
 * so one bad field written by a client never hides the rest of the header.
 */
export function readMeta(ydoc: Y.Doc): DocumentMeta {
  const raw = ydoc.getMap<unknown>(META_MAP).toJSON() as Record<string, unknown>
  const result = emptyMeta()
  for (const key of Object.keys(result) as Array<keyof DocumentMeta>) {
    if (!(key in raw)) continue
    const one = documentMetaSchema.shape[key].safeParse(raw[key])
    if (one.success) (result as Record<string, unknown>)[key] = one.data
  }
  return result
}
