import type { PMNode } from '@perspektiv/document'
import type { ApprovalReview, DocumentStatus } from '@perspektiv/model'
import { conflict } from './http/errors.js'
import type { DocumentRecord, VersionKind } from './storage/documentStore.js'
import type { Services } from './services.js'
import { approvalReview } from './approvalGate.js'
import { reviewGate, type ReviewGate } from './workflow.js'
import { contentFingerprint } from './approvalIntegrity.js'

/** Labels of the automatic versions (Swedish: they are shown as they are in the web app). */
const STATUS_VERSION_LABEL: Record<DocumentStatus, string> = {
  granskning: 'Skickad till granskning',
  utkast: 'Återöppnad för ändringar',
  godkand: 'Godkänd',
}

/**
 * Stores and broadcasts what is pending first: the gates and the snapshot then judge
 * exactly what everyone has seen (an update still in the group-commit queue is not yet).
 */
export async function currentContent(s: Services, record: DocumentRecord) {
  await s.rooms.flush()
  const live = await s.rooms.open(record)
  // Both on the state pool when the room is large (SRV-S16).
  const [{ json, metaJson: meta }, state] = await Promise.all([s.rooms.content(live), s.rooms.contentState(live)])
  return { live, json, meta, state, fingerprint: contentFingerprint(json, meta) }
}

/** The reviewers' verdicts and threads, read from the review room's stored state (never a client's word). */
export async function currentReview(s: Services, record: DocumentRecord, json: PMNode): Promise<ApprovalReview> {
  const live = await s.rooms.open(record)
  // Read on the state pool when the review room is large (SRV-S16).
  const { verdicts, threads, suggestions } = await s.rooms.review(live)
  return approvalReview(live.template, json, verdicts, threads, suggestions)
}

/** Both gates of an approval, as one answer (also what the approver's dialog shows beforehand). */
export async function approvalCheck(
  s: Services,
  record: DocumentRecord,
): Promise<{ gate: ReviewGate; review: ApprovalReview; state: Uint8Array; json: PMNode; fingerprint: string }> {
  const { live, json, meta, state, fingerprint } = await currentContent(s, record)
  return { gate: reviewGate(live.template, json, meta), review: await currentReview(s, record, json), state, json, fingerprint }
}

/** 409 with the CoverageReport (and the review state, for approvals) when a gate is closed. */
export function refuseUnlessReady(what: string, gate: ReviewGate, review?: ApprovalReview): void {
  const problems = [...gate.problems, ...(review?.problems ?? [])]
  if (gate.ready && (review?.ready ?? true)) return
  throw conflict(`${what}: ${problems.join('; ')}`, {
    coverage: gate.coverage,
    ...(review ? { review } : {}),
    ...(gate.structure.valid ? {} : { structure: gate.structure }),
  })
}

/** Sets the status everywhere (database, live rooms) with its automatic version and audit entry. */
export async function changeStatus(
  s: Services,
  record: DocumentRecord,
  to: DocumentStatus,
  actor: number,
  state: Uint8Array,
  kind: VersionKind,
  details: Record<string, unknown> = {},
  fingerprint?: string,
): Promise<void> {
  await s.store.setStatus(record.id, to)
  // The rooms refuse every content and review update from here on when `to` is godkand.
  s.rooms.setStatus(record.id, to)
  const versionId = await s.store.addVersion({ documentId: record.id, status: to, label: STATUS_VERSION_LABEL[to], state, createdBy: actor, kind, fingerprint })
  await s.store.audit({ documentId: record.id, actor, action: 'status.changed', details: { from: record.status, to, versionId, ...details } })
}
