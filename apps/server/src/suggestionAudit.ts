import type { AuditTable } from './storage/index.js'
import { inBackground, type MaybePromise } from './storage/awaitable.js'

type Entry = Parameters<AuditTable['audit']>[0]

/** How long a suggester may pause and still be in the same burst of typing. */
export const SUGGESTION_BURST_QUIET_MS = 5_000
/** A burst longer than this is written anyway (the log never lags a long session by more). */
export const SUGGESTION_BURST_MAX_MS = 60_000

const BURST_ACTIONS = new Set(['review.suggestion.created', 'review.suggestion.extended'])

interface Pending {
  entry: Entry
  startedAt: number
  timer: NodeJS.Timeout
}

/**
 * [G8][S10] Typing in suggestion mode changes the suggestion with every key, and each change
 * is judged and audited. A reader of the audit log wants "Rita suggested X", not forty
 * entries spelling X: the notes about one suggestion in one burst of typing become one entry
 * — the burst's first action (`created` or `extended`) with what the suggestion proposes at
 * its end. Written when the suggester pauses (`quietMs`), when the burst has lasted
 * `maxMs`, before any other entry about the same suggestion (accepted, rejected, withdrawn),
 * before the document's log is read (`flush(documentId)`) and on shutdown (`flush()`).
 * Everything else passes straight through.
 */
export class SuggestionAuditBursts {
  private readonly pending = new Map<string, Pending>()

  constructor(
    /** The store's audit write (a value on SQLite, a promise on PostgreSQL). */
    private readonly write: (entry: Entry) => MaybePromise<void>,
    private readonly quietMs = SUGGESTION_BURST_QUIET_MS,
    private readonly maxMs = SUGGESTION_BURST_MAX_MS,
    /** A write from a timer that failed (the store is gone): logged, never thrown into the event loop. */
    private readonly log: (event: string, details: Record<string, unknown>) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  audit(entry: Entry): void {
    const id = suggestionIdOf(entry)
    if (id === undefined) {
      this.detach(this.write(entry))
      return
    }
    const key = `${entry.documentId}\0${id}`
    const burst = this.pending.get(key)
    if (!BURST_ACTIONS.has(entry.action)) {
      // A decision or a withdrawal comes after the burst it ends.
      this.detach(this.take(key))
      this.detach(this.write(entry))
    } else if (!burst || burst.entry.actor !== entry.actor) {
      this.detach(this.take(key))
      this.pending.set(key, { entry, startedAt: this.now(), timer: this.timer(key) })
    } else {
      clearTimeout(burst.timer)
      // Created stays created: the entry says what the suggestion proposes now.
      burst.entry = { ...burst.entry, details: entry.details }
      if (this.now() - burst.startedAt >= this.maxMs) this.detach(this.take(key))
      else burst.timer = this.timer(key)
    }
  }

  /** Writes what is held back: one document's (before its log is read), or everything; settles when stored. */
  async flush(documentId?: string): Promise<void> {
    const writes: Array<MaybePromise<void>> = []
    for (const [key, p] of [...this.pending]) if (documentId === undefined || p.entry.documentId === documentId) writes.push(this.take(key))
    await Promise.all(writes)
  }

  private timer(key: string): NodeJS.Timeout {
    const t = setTimeout(() => {
      try {
        this.detach(this.take(key))
      } catch (err) {
        this.log('audit write failed', { error: (err as Error).message })
      }
    }, this.quietMs)
    t.unref()
    return t
  }

  /** A write nobody waits for: a failure is logged, never an unhandled rejection. */
  private detach(write: MaybePromise<void>): void {
    inBackground(write, (err) => this.log('audit write failed', { error: err.message }))
  }

  private take(key: string): MaybePromise<void> {
    const p = this.pending.get(key)
    if (!p) return
    clearTimeout(p.timer)
    this.pending.delete(key)
    return this.write(p.entry)
  }
}

function suggestionIdOf(entry: Entry): string | undefined {
  if (!entry.action.startsWith('review.suggestion.') || typeof entry.details !== 'object' || entry.details === null) return undefined
  const id = (entry.details as { suggestionId?: unknown }).suggestionId
  return typeof id === 'string' ? id : undefined
}
