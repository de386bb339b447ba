import type * as Y from 'yjs'
import type { CoverageReport } from '@perspektiv/model'
import { META_MAP, yDocToJSON, type PMNode } from '@perspektiv/document'
import { coverageOfDocument } from '@perspektiv/coverage'
import { DocumentUnavailableError } from './errors.js'
import type { ContentView } from './liveDocument.js'
import type { LiveDocument } from './liveDocument.js'

/** A Y.Doc built for REST is kept this long after its last use, while the content is unchanged. */
const VIEW_TTL_MS = 5_000

/**
 * The content of a live document for reading (REST detail, coverage, status gate,
 * export): a Y.Doc built from the room's state on demand (SRV-S4), reused while the content
 * is unchanged and dropped VIEW_TTL_MS after its last use, so an idle document holds no
 * Y.Doc. Nothing done to it is stored.
 */
export class ContentViews {
  constructor(private readonly log: (event: string, details: Record<string, unknown>) => void) {}

  contentDoc(doc: LiveDocument): Y.Doc {
    return this.view(doc).doc
  }

  /** The content as ProseMirror JSON (cached with the view). */
  contentJson(doc: LiveDocument): PMNode {
    const view = this.view(doc)
    return (view.json ??= yDocToJSON(view.doc))
  }

  /** The CoverageReport of the document's current state. */
  coverage(doc: LiveDocument): CoverageReport {
    const view = this.view(doc)
    return (view.coverage ??= coverageOfDocument(doc.template, (view.json ??= yDocToJSON(view.doc)), view.doc.getMap(META_MAP).toJSON()))
  }

  private view(doc: LiveDocument): ContentView {
    const version = doc.content.state.version
    let view = doc.view
    if (view?.version !== version) {
      this.drop(doc)
      let built: Y.Doc
      try {
        built = doc.content.state.toDoc()
      } catch (err) {
        // Decoded, stored, but not applicable: say so rather than answer from a partial doc.
        const reason = `cannot read stored content state: ${(err as Error).message}`
        this.log('document unreadable', { documentId: doc.id, reason })
        throw new DocumentUnavailableError(doc.id, reason)
      }
      view = doc.view = { version, doc: built }
    }
    const current = view
    if (current.timer) clearTimeout(current.timer)
    current.timer = setTimeout(() => {
      if (doc.view === current) this.drop(doc)
    }, VIEW_TTL_MS).unref()
    return current
  }

  drop(doc: LiveDocument): void {
    const view = doc.view
    if (!view) return
    doc.view = undefined
    if (view.timer) clearTimeout(view.timer)
    view.doc.destroy()
  }
}
