import { createHash } from 'node:crypto'
import type { PMNode } from '@perspektiv/document'
import type { Approval } from '@perspektiv/model'
import type { DocumentRecord, DocumentStore } from './storage/documentStore.js'
import type { Services } from './services.js'

/**
 * ◆ [Approvals tied to the text, issue 22.4] The fingerprint of what a reader of the
 * document sees: its sections and its header (the meta map), as one sha256. Two states
 * with the same text and header have the same fingerprint, whatever their edit history.
 */
export function contentFingerprint(json: PMNode, meta: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ content: json, meta }))
    .digest('hex')
}

/**
 * Removes every approval whose recorded fingerprint is not `fingerprint` (the text changed
 * after it was given), each with an `approval.cleared` audit entry naming the version it
 * approved, so the approver can be shown what changed since. Approvals recorded before
 * fingerprints existed (null) are kept. Returns the usernames cleared.
 */
export async function clearOutdatedApprovals(s: Services, record: Pick<DocumentRecord, 'id'>, fingerprint: string): Promise<string[]> {
  const cleared: string[] = []
  for (const a of await s.store.approvalBases(record.id)) {
    if (a.fingerprint === null || a.fingerprint === fingerprint) continue
    await s.store.removeApproval(record.id, a.userId)
    await s.store.audit({
      documentId: record.id,
      actor: null,
      action: 'approval.cleared',
      details: { username: a.username, versionId: a.versionId, reason: 'content changed' },
    })
    cleared.push(a.username)
  }
  if (cleared.length > 0) await s.notifier.documentChanged(record.id, 'approvals')
  return cleared
}

/** The version an approver's last cleared approval (in this revision) approved, if any. */
export async function lastClearedApproval(s: Services, record: Pick<DocumentRecord, 'id'>, username: string): Promise<number | null> {
  const log = await s.store.auditLog(record.id)
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i]!
    if (entry.action === 'revision.started') return null
    const d = entry.details as { username?: unknown; versionId?: unknown } | null
    if (entry.action === 'approval.added' && entry.actor?.username === username) return null
    if (entry.action === 'approval.cleared' && d?.username === username && typeof d.versionId === 'number') return d.versionId
  }
  return null
}

/**
 * The approvals that hold for the text with `fingerprint` (what an export prints): an
 * approval of other text is never shown above this one, even before it is cleared.
 */
export async function approvalsOfText(store: Pick<DocumentStore, 'approvals' | 'approvalBases'>, documentId: string, fingerprint: string): Promise<Approval[]> {
  const stale = new Set((await store.approvalBases(documentId)).filter((a) => a.fingerprint !== null && a.fingerprint !== fingerprint).map((a) => a.username))
  return (await store.approvals(documentId)).filter((a) => !stale.has(a.username))
}

/** How long after a content change under review its approvals are checked (one check per burst of typing). */
const GUARD_DELAY_MS = 200

/**
 * Clears approvals soon after the text under review changes (the approve route, the
 * approver's dialog and every export check again themselves, so nothing waits on this):
 * the approval record and the audit log follow the text, not the next approval.
 */
export class ApprovalGuard {
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly s: Services) {}

  changed(documentId: string): void {
    if (this.timers.has(documentId)) return
    const timer = setTimeout(() => {
      this.timers.delete(documentId)
      this.check(documentId).catch((err: Error) => this.s.log('approval check failed', { documentId, reason: err.message }))
    }, GUARD_DELAY_MS)
    timer.unref()
    this.timers.set(documentId, timer)
  }

  private async check(documentId: string): Promise<void> {
    const record = await this.s.store.getDocument(documentId)
    if (record?.status !== 'granskning') return
    if (!(await this.s.store.approvalBases(documentId)).some((a) => a.fingerprint !== null)) return
    const { json, metaJson } = await this.s.rooms.content(await this.s.rooms.open(record))
    await clearOutdatedApprovals(this.s, record, contentFingerprint(json, metaJson))
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }
}
