import { CONTENT_FRAGMENT } from '@perspektiv/document'
import type { DocumentStatus, Template } from '@perspektiv/model'
import type { DocumentRecord } from '../storage/index.js'
import { DocumentUnavailableError } from './errors.js'
import type { LiveDocument } from './liveDocument.js'
import type { LiveTable } from './liveTable.js'
import type { LoadedRooms, RoomLoader } from './roomLoader.js'
import { StoreReadError } from './loadRoom.js'
import { StatePoolError } from './statePool.js'

/** Makes the live document of both rooms read back (the registry wires rooms, peers and timers). */
export type BuildDocument = (record: DocumentRecord, template: Template, status: DocumentStatus, loaded: LoadedRooms) => LiveDocument

/**
 * Opening documents (SRV-S1, SRV-S15): one load per document however many sockets and REST
 * reads ask at once (they share its promise), failing closed: a document whose stored
 * state cannot be read is refused from then on, never served blank. A failure of the state
 * pool says nothing about the stored state: that load fails (503, try again), the next may
 * succeed.
 */
export class RoomOpener {
  private readonly opening = new Map<string, Promise<LiveDocument>>()
  /** Status changes that arrived while the document was loading from a record read before them. */
  private readonly statusWhileLoading = new Map<string, DocumentStatus>()

  constructor(
    private readonly table: LiveTable,
    private readonly loader: RoomLoader,
    private readonly templates: Map<string, Template>,
    private readonly build: BuildDocument,
    private readonly log: (event: string, details: Record<string, unknown>) => void,
    /** A backend that may be away for a while (PostgreSQL): its failures are not remembered. */
    private readonly retryStorage: boolean,
  ) {}

  /** The live document, loading it if needed. Rejects with DocumentUnavailableError. */
  open(record: DocumentRecord): Promise<LiveDocument> {
    const existing = this.table.get(record.id)
    if (existing) return Promise.resolve(existing)
    const failure = this.table.failure(record.id)
    if (failure) return Promise.reject(new DocumentUnavailableError(record.id, failure))
    let opening = this.opening.get(record.id)
    if (!opening) {
      opening = this.load(record).finally(() => {
        this.opening.delete(record.id)
        this.statusWhileLoading.delete(record.id)
      })
      this.opening.set(record.id, opening)
    }
    return opening
  }

  /** A status change: a document loading now from an older record must open with it. */
  statusChanged(documentId: string, status: DocumentStatus): void {
    if (this.opening.has(documentId)) this.statusWhileLoading.set(documentId, status)
  }

  private async load(record: DocumentRecord): Promise<LiveDocument> {
    let loaded: LoadedRooms
    try {
      loaded = await this.loader.load(record.id)
    } catch (err) {
      // The pool failed, or (a store shared by instances, issue 19) the database did not
      // answer: nothing is known about the stored state, so the next open tries again.
      if (err instanceof StatePoolError || (this.retryStorage && err instanceof StoreReadError)) {
        this.log('document load failed', { documentId: record.id, reason: (err as Error).message })
        throw new DocumentUnavailableError(record.id, (err as Error).message, true)
      }
      return this.table.get(record.id) ?? this.fail(record.id, (err as Error).message)
    }
    // Taken offline meanwhile (a failed commit elsewhere in this process cannot reach a
    // document that is not live, but a refusal stays a refusal).
    const failure = this.table.failure(record.id)
    if (failure) throw new DocumentUnavailableError(record.id, failure)
    const template = this.templates.get(record.templateId)
    if (!template) return this.fail(record.id, `unknown template "${record.templateId}"`)
    // Every stored part was decoded in full, so a broken one failed the load already
    // (never a blank document later, SRV-S1). No Y.Doc is built: see RoomState.
    if (!loaded.content.roots.has(CONTENT_FRAGMENT)) return this.fail(record.id, 'stored content holds no sections')
    return this.table.get(record.id) ?? this.build(record, template, this.statusWhileLoading.get(record.id) ?? record.status, loaded)
  }

  private fail(id: string, reason: string): never {
    this.table.markFailed(id, reason)
    throw new DocumentUnavailableError(id, reason)
  }
}
