import type { AuditRecord } from './storage/audit.js'

/** Swedish, shown as it is by the approver's dialog. */
export const AUTHOR_CANNOT_APPROVE =
  'Du har varit författare till dokumentet i den här revisionen och kan därför inte godkänna det. En godkännare ska inte ha skrivit texten själv.'

const named = (details: unknown): { username?: unknown; role?: unknown; previous?: unknown } =>
  typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {}

/**
 * [Separation of duties, issue 22.3] Everyone who is or was an author of the document in
 * its current revision (pure, from the audit log, which only the server writes): the
 * current authors, the creator when the revision is the first, and anyone the log shows
 * becoming, being changed from or removed as an author since the revision began. Nobody in
 * it may approve: demoting oneself to approver after writing the text does not make one
 * an independent approver.
 */
export function authorsOfRevision(log: AuditRecord[], currentAuthors: string[]): Set<string> {
  const authors = new Set(currentAuthors)
  let start = 0
  for (let i = 0; i < log.length; i++) if (log[i]!.action === 'revision.started') start = i
  // The authors when the revision began are the ones still authors, or changed since (both seen below).
  for (const entry of log.slice(start)) {
    const d = named(entry.details)
    if (entry.action === 'document.created' && entry.actor) authors.add(entry.actor.username)
    if ((entry.action === 'member.set' || entry.action === 'member.removed') && typeof d.username === 'string') {
      if (d.role === 'author' || d.previous === 'author') authors.add(d.username)
    }
  }
  return authors
}
