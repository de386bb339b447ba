import type * as Y from 'yjs'
import type { DocumentMeta } from '@perspektiv/model'
import { META_MAP } from '../meta.js'

/**
 * Test support: writes meta fields exactly as `writeMeta` did before DOC-D8 (commit
 * 4a185f4~1): every field set whole on the Y.Map, nested values as plain JSON. The shape
 * of every document stored before header fields were shared types, which DOC-D9 upgrades.
 */
export function writeLegacyMeta(ydoc: Y.Doc, meta: Partial<DocumentMeta> | Record<string, unknown>): void {
  const map = ydoc.getMap<unknown>(META_MAP)
  ydoc.transact(() => {
    for (const [k, v] of Object.entries(meta)) {
      if (v !== undefined) map.set(k, v)
    }
  })
}
