import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import type { Template } from '@perspektiv/model'
import { insertMissingSections } from '@perspektiv/document'
import type { Awaitable, DocumentStore, ServerTaskTable } from '../storage/index.js'
import { loadStoredDoc } from '../sync/index.js'

export interface TemplateUpgradeResult {
  /** Documents that got sections, with the keys added. */
  upgraded: Array<{ documentId: string; sections: string[] }>
  /** Documents that could not be read or whose skeleton has another defect: left alone. */
  skipped: Array<{ documentId: string; reason: string }>
  /** True when the task had already run for these templates (nothing was read). */
  alreadyDone: boolean
}

/** The task's name: it runs again only when a template's sections change. */
function taskName(templates: Map<string, Template>): string {
  const shape = [...templates.values()].map((t) => [t.id, t.sections.map((s) => s.key)]).sort()
  return `template-sections:${createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16)}`
}

/**
 * [SRV-ST14] One pass over the stored drafts and documents in review when the templates'
 * sections have changed since the last pass: a document stored before its template gained a
 * section (the closing sentence `avslutning`) gets it, empty, as one update appended to its
 * log (merged, never a rewrite) and an audit entry. Approved documents are never changed:
 * their text is what was approved (the export accepts them without the new section).
 * Runs at start, before the server listens, so no room is live. Clients never repair the
 * skeleton (the design's rule); this is the server doing it once.
 */
export async function upgradeTemplateSections(
  store: DocumentStore,
  tasks: Awaitable<ServerTaskTable>,
  templates: Map<string, Template>,
  log: (event: string, details: Record<string, unknown>) => void = () => {},
): Promise<TemplateUpgradeResult> {
  const name = taskName(templates)
  const result: TemplateUpgradeResult = { upgraded: [], skipped: [], alreadyDone: await tasks.taskDone(name) }
  if (result.alreadyDone) return result
  for (const record of await store.documentsInStatus(['utkast', 'granskning'])) {
    const template = templates.get(record.templateId)
    if (!template) {
      result.skipped.push({ documentId: record.id, reason: `unknown template "${record.templateId}"` })
      continue
    }
    try {
      const ydoc = await loadStoredDoc(store, record.id, 'content')
      const before = Y.encodeStateVector(ydoc)
      const sections = insertMissingSections(ydoc, template)
      if (sections === null) result.skipped.push({ documentId: record.id, reason: 'the sections do not match the template in another way' })
      else if (sections.length > 0) {
        await store.appendUpdates([{ documentId: record.id, room: 'content', data: Y.encodeStateAsUpdate(ydoc, before) }])
        const titles = sections.map((key) => template.sections.find((s) => s.key === key)?.title ?? key)
        await store.audit({ documentId: record.id, actor: null, action: 'template.upgraded', details: { sections, titles } })
        result.upgraded.push({ documentId: record.id, sections })
      }
      ydoc.destroy()
    } catch (err) {
      // Unreadable stored state stays as it is: loading it is refused (SRV-ST5), never blanked.
      result.skipped.push({ documentId: record.id, reason: (err as Error).message })
    }
  }
  await tasks.markTaskDone(name, { upgraded: result.upgraded.length, skipped: result.skipped.length })
  if (result.upgraded.length || result.skipped.length) log('template upgrade', { upgraded: result.upgraded, skipped: result.skipped })
  return result
}
