import type * as Y from 'yjs'
import type { Template } from '@perspektiv/model'
import { summarizeCoverage } from '@perspektiv/coverage'
import type { ContentRead } from './contentJobs.js'
import { summarizeDoc, SummaryWorker } from '../summary/index.js'
import type { Awaitable, DocumentTable } from '../storage/index.js'
import type { LiveDocument } from './liveDocument.js'

/**
 * Header edits (title, dnr, signatories: typed into the Y.Text under `meta`, or set as
 * values there) and attributes anywhere ("not relevant") reach the documents list within
 * this (unless summaryDelayMs is shorter): inspectUpdate tells them from body text by the
 * room's header items (headerItems.ts).
 */
const META_SUMMARY_DELAY_MS = 2_000

/** A summary waits for this long without updates (see markDirty). */
const SUMMARY_PAUSE_MS = 500

/**
 * Keeps the documents row (dashboard: updated_at, title, dnr, coverage) following the
 * text (SRV-S6): computing coverage means a JSON copy of the whole document, so it is
 * never done per update, only by these timers (on the summary worker) and on unload.
 */
export class SummaryScheduler {
  private readonly worker: SummaryWorker
  private seq = 0

  constructor(
    private readonly documents: Pick<Awaitable<DocumentTable>, 'updateSummary'>,
    templates: Map<string, Template>,
    private readonly delayMs: number,
    /** Is `doc` still the loaded document of its id (not unloaded or taken offline)? */
    private readonly isLive: (doc: LiveDocument) => boolean,
    private readonly log: (event: string, details: Record<string, unknown>) => void,
  ) {
    this.worker = new SummaryWorker(templates, log)
  }

  /**
   * The content changed: the row follows within `delayMs`, or within 2 s for a header
   * edit or an attribute (`soon`: UpdateInfo.headerOrAttributes).
   */
  markDirty(doc: LiveDocument, soon: boolean, now = Date.now()): void {
    doc.summaryDirty = true
    const delay = soon ? Math.min(this.delayMs, META_SUMMARY_DELAY_MS) : this.delayMs
    const due = now + delay
    if (doc.summaryTimer) {
      if (doc.summaryDue <= due) return
      clearTimeout(doc.summaryTimer)
    }
    doc.summaryDue = due
    // Building the content for the summary stalls the event loop for a moment (tens of ms
    // for a long text): while the room is busy it waits for a pause, at most `delay` more.
    const latest = due + delay
    const fire = () => {
      doc.summaryTimer = undefined
      if (!this.isLive(doc)) return
      const now = Date.now()
      if (now - doc.lastAppendAt < SUMMARY_PAUSE_MS && now + SUMMARY_PAUSE_MS <= latest) {
        doc.summaryDue = now + SUMMARY_PAUSE_MS
        doc.summaryTimer = setTimeout(fire, SUMMARY_PAUSE_MS).unref()
        return
      }
      this.request(doc)
    }
    doc.summaryTimer = setTimeout(fire, delay).unref()
  }

  /** Is a summary owed: changed since the last one, or one still being computed? */
  owed(doc: LiveDocument): boolean {
    return doc.summaryDirty || doc.summaryInFlight > 0
  }

  /** Has the worker compute the documents row; written when it answers, unless outdated. */
  private request(doc: LiveDocument): void {
    doc.summaryDirty = false
    const seq = ++this.seq
    doc.summaryInFlight = seq
    const updatedAt = doc.lastChangeAt
    void this.worker
      .summarize(doc.template.id, doc.content.state.parts())
      .then(
        (summary) => {
          // Unloaded meanwhile (unload wrote its own), or a newer request is on its way.
          if (!this.isLive(doc) || doc.summaryInFlight !== seq) return
          doc.summaryInFlight = 0
          return this.documents.updateSummary(doc.id, { ...summary, updatedAt })
        },
        (err: Error) => {
          if (doc.summaryInFlight === seq) doc.summaryInFlight = 0
          this.log('summary failed', { documentId: doc.id, reason: err.message })
          // The worker went away: try again (on this thread) rather than lose the change.
          if (!this.worker.available && this.isLive(doc)) this.markDirty(doc, false)
        },
      )
      .catch((err: Error) => this.log('summary failed', { documentId: doc.id, reason: err.message }))
  }

  /** The documents row, now, on this thread, from a Y.Doc of the current content (unload). */
  writeNow(doc: LiveDocument, current: Y.Doc): void | Promise<void> {
    doc.summaryDirty = false
    doc.summaryInFlight = 0
    return this.documents.updateSummary(doc.id, { ...summarizeDoc(doc.template, current), updatedAt: doc.lastChangeAt })
  }

  /** The documents row from the content read on a state thread (unload of a large room, SRV-S17): the fields `summarizeDoc` gives. */
  writeRead(doc: LiveDocument, { meta, coverage }: ContentRead): void | Promise<void> {
    doc.summaryDirty = false
    doc.summaryInFlight = 0
    const { title, dnr, namnd, meetingDate, deadline } = meta
    return this.documents.updateSummary(doc.id, {
      title,
      dnr,
      namnd,
      meetingDate,
      deadline,
      coverage: summarizeCoverage(coverage),
      updatedAt: doc.lastChangeAt,
    })
  }

  /** Stops the timer of a document that is dropped. */
  forget(doc: LiveDocument): void {
    if (doc.summaryTimer) clearTimeout(doc.summaryTimer)
    doc.summaryTimer = undefined
  }

  close(): void {
    this.worker.close()
  }
}
