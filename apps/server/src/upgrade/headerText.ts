import * as Y from 'yjs'
import { upgradeHeaderText } from '@perspektiv/document'
import type { Awaitable, DocumentStore, ServerTaskTable } from '../storage/index.js'
import { loadStoredDoc } from '../sync/index.js'

/** The task's name in `server_tasks`: the conversion is needed once, for documents stored before DOC-D8. */
export const HEADER_TEXT_TASK = 'header-text:v1'

export interface HeaderTextUpgradeResult {
  /** Documents whose header fields became shared types, with the fields converted. */
  upgraded: Array<{ documentId: string; fields: string[] }>
  /** Documents that could not be read (left as stored), or with fields of another type (left as they are). */
  skipped: Array<{ documentId: string; reason: string }>
  /** True when the task had already run (nothing was read). */
  alreadyDone: boolean
}

/**
 * [SRV-ST44] One pass, once, over the stored drafts and documents in review: header fields
 * still held as plain values (documents stored before DOC-D8) become shared types with the
 * same content (document SPEC DOC-D9), as one update appended to the document's log
 * (merged, never a rewrite) and a `meta.upgraded` audit entry. From then on two authors
 * typing in such a field merge letter by letter. Approved documents are never changed: their
 * header is what was approved (if one is revised later, its draft keeps the whole-value path
 * of the form, which still works). Runs at start, before the server listens, so no room is
 * live and the registry's header items (SRV-S6), built when a room loads, include the
 * converted fields. A document with a field of another type gets its other fields converted
 * and is logged. Clients never convert (DOC-D9).
 */
export async function upgradeHeaderTextOfStored(
  store: DocumentStore,
  tasks: Awaitable<ServerTaskTable>,
  log: (event: string, details: Record<string, unknown>) => void = () => {},
): Promise<HeaderTextUpgradeResult> {
  const result: HeaderTextUpgradeResult = { upgraded: [], skipped: [], alreadyDone: await tasks.taskDone(HEADER_TEXT_TASK) }
  if (result.alreadyDone) return result
  for (const record of await store.documentsInStatus(['utkast', 'granskning'])) {
    try {
      const ydoc = await loadStoredDoc(store, record.id, 'content')
      const before = Y.encodeStateVector(ydoc)
      const { converted, unrecognised } = upgradeHeaderText(ydoc)
      if (converted.length > 0) {
        await store.appendUpdates([{ documentId: record.id, room: 'content', data: Y.encodeStateAsUpdate(ydoc, before) }])
        await store.audit({ documentId: record.id, actor: null, action: 'meta.upgraded', details: { fields: converted } })
        result.upgraded.push({ documentId: record.id, fields: converted })
      }
      if (unrecognised.length > 0) result.skipped.push({ documentId: record.id, reason: `fields of another type left as they are: ${unrecognised.join(', ')}` })
      ydoc.destroy()
    } catch (err) {
      // Unreadable stored state stays as it is: loading it is refused (SRV-ST5), never blanked.
      result.skipped.push({ documentId: record.id, reason: (err as Error).message })
    }
  }
  await tasks.markTaskDone(HEADER_TEXT_TASK, { upgraded: result.upgraded.length, skipped: result.skipped.length })
  if (result.upgraded.length || result.skipped.length) log('header text upgrade', { upgraded: result.upgraded, skipped: result.skipped })
  return result
}
