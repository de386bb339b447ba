import { addWorkingDays, deadlineState, DEADLINE_SOON_WORKING_DAYS, swedishToday } from '@perspektiv/model'
import type { DocumentStore } from '../storage/documentStore.js'
import type { Notifier } from './notifier.js'

/**
 * A deadline that passed more than this many working days before a check is not reminded of
 * (SRV-N2): an old import, or a deadline entered after the fact, would otherwise remind once
 * per document on the first start — a burst of news about nothing anyone can still act on.
 */
export const PASSED_REMINDER_WORKING_DAYS = 3

/** How often the deadlines are looked at (a day changes at most once in between). */
export const DEADLINE_CHECK_MS = 60 * 60 * 1000

export interface DeadlineOptions {
  /** The clock (tests move it); default the system's. */
  now?: () => Date
  /** Default hourly. */
  checkMs?: number
}

/**
 * Reminds authors of "Svar senast" (SRV-N1): when a not yet approved document's deadline is
 * within 3 working days, and again when it has passed. Each reminder is stored with a key
 * of the document, the kind and the deadline, so a restart or the next check never repeats
 * it; a moved deadline is a new one and reminds again.
 */
export class DeadlineReminders {
  private readonly timer: NodeJS.Timeout
  private readonly first: NodeJS.Timeout
  private readonly now: () => Date

  constructor(
    private readonly store: Pick<DocumentStore, 'documentsDueBy'>,
    private readonly notifier: Pick<Notifier, 'deadlineReminder'>,
    private readonly log: (event: string, details: Record<string, unknown>) => void,
    options: DeadlineOptions = {},
  ) {
    this.now = options.now ?? (() => new Date())
    this.timer = setInterval(() => void this.checkSafely(), options.checkMs ?? DEADLINE_CHECK_MS).unref()
    // The first look soon after start, not in the middle of the clients' reconnects.
    this.first = setTimeout(() => void this.checkSafely(), 5_000).unref()
  }

  /** Sends the reminders due now; returns how many documents were looked at. */
  async check(): Promise<number> {
    const today = swedishToday(this.now())
    const due = await this.store.documentsDueBy(addWorkingDays(today, DEADLINE_SOON_WORKING_DAYS))
    for (const doc of due) {
      const state = deadlineState(doc.deadline, today)
      if (state === 'passed' && addWorkingDays(doc.deadline, PASSED_REMINDER_WORKING_DAYS) < today) continue
      if (state === 'passed' || state === 'soon') await this.notifier.deadlineReminder(doc, state, today)
    }
    return due.length
  }

  private async checkSafely(): Promise<void> {
    try {
      await this.check()
    } catch (err) {
      this.log('deadline check failed', { reason: (err as Error).message })
    }
  }

  close(): void {
    clearInterval(this.timer)
    clearTimeout(this.first)
  }
}
