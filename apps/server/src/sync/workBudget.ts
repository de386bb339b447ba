import { UserBuckets } from './userBuckets.js'

/**
 * [SRV-S13] What one user's sync sockets may cost the server, in milliseconds of the event
 * loop spent handling their messages (diffs answered, updates decoded and stored, presence).
 * Counting messages is not enough: one sync step 1 on a large document costs as much as
 * thousands of keystrokes.
 */
export interface WorkLimits {
  /** Milliseconds a user may spend at once (a burst: opening many documents, a large paste). */
  burstMs: number
  /** Milliseconds per second the budget refills: the share of one core a user may take for long. */
  perSecondMs: number
}

/** A tenth of a core for as long as anyone likes, two seconds at once. Real clients use a fraction. */
export const DEFAULT_WORK_LIMITS: WorkLimits = { burstMs: 2_000, perSecondMs: 100 }

/** Work budgets of every user who used sync recently; spending the last of one costs a cool-down. */
export const workBudgets = (limits: WorkLimits): UserBuckets => new UserBuckets({ burst: limits.burstMs, perSecond: limits.perSecondMs, coolDown: true })
