/*
 * ◆ The close codes of the sync socket (apps/server/API.md "Sync"): the server closes with
 * them, the web app decides from them whether to reconnect and what to tell the user.
 */
export const CLOSE_GOING_AWAY = 1001
export const CLOSE_POLICY = 1008
export const CLOSE_TOO_BIG = 1009
export const CLOSE_INTERNAL = 1011
export const CLOSE_MALFORMED = 4400
/** A review-room update that breaks the review rules or does not integrate (reviewGuard.ts). */
export const CLOSE_REVIEW_REFUSED = 4403
/** Too many messages or presence entries from one connection (a client bug or an attack). */
export const CLOSE_FLOOD = 4429
/** An update over a byte quota: per update, per room, or per user in a time window (SRV-S14). */
export const CLOSE_QUOTA = 4413
/** 4400–4499: the server refused what the client sent; reconnecting would send it again. */
export const CLOSE_REFUSALS_FROM = 4400
export const CLOSE_REFUSALS_TO = 4499
