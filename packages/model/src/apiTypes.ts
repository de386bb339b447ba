import type { Approval, DocumentStatus, Role } from './api.js'
import type { CoverageReport } from './coverage.js'
import type { ApprovalRules } from './template.js'

/*
 * ◆ Shapes the server sends and the web app reads (apps/server/API.md). One definition for
 * both sides, so a changed response cannot leave a stale copy in the client.
 */

/** Why a version was taken: sent to review, another status change, saved by name, a new revision or an approval. */
export type VersionKind = 'review' | 'status' | 'manual' | 'revision' | 'approval'

/** One version as `GET /api/documents/:id/versions` lists it (without its state). */
export interface VersionInfo {
  id: number
  kind: VersionKind
  /** The revision the version belongs to. */
  revision: number
  label: string
  status: DocumentStatus
  createdBy: { username: string; name: string } | null
  createdAt: string
}

/** What changed in one template section's text between two versions (a word diff). */
export interface SectionChange {
  key: string
  title: string
  changed: boolean
  diff: Array<{ op: 'equal' | 'insert' | 'delete'; text: string }>
}

/** One row of `GET /api/documents/:id/audit`. */
export interface AuditEntry {
  id: number
  action: string
  actor: { username: string; name: string } | null
  details: unknown
  at: string
}

/** An approved revision, frozen when the next one was started. */
export interface FrozenRevision {
  revision: number
  versionId: number
  approvals: Approval[]
  frozenAt: string
}

/** The state of one perspective's review, as the approver's dialog shows it. */
export type VerdictState = 'godkand' | 'komplettering' | 'outdated' | 'none'

/** What the reviewers' work says about approving (API.md "Approval gate"). */
export interface ApprovalReview {
  ready: boolean
  /** English, for integrators; the web app builds its Swedish text from the fields below. */
  problems: string[]
  rules: ApprovalRules
  verdicts: Array<{ key: string; title: string; state: VerdictState; by: string | null; comment: string }>
  openThreads: Array<{ id: string; sectionKey: string; quote: string; by: string }>
  /** [issue 21] Open suggestions count like open threads: settled (accepted or rejected) first. */
  openSuggestions: Array<{ id: string; sectionKey: string; quote: string; text: string; by: string }>
}

/** `GET /api/documents/:id/approval-check` (apps/server/API.md "Approval gate"). */
export interface ApprovalCheck {
  ready: boolean
  problems: string[]
  coverage: CoverageReport
  review: ApprovalReview
  structure?: { valid: boolean }
  /** The caller is or was an author of this revision: they may not approve it (separation of duties). */
  wasAuthor: boolean
  /** The caller's approval was cleared by a later change: what changed since the text they approved. */
  changesSinceYourApproval: { since: VersionInfo; sections: SectionChange[] } | null
}

/** `GET /api/sign-in-options`: how one signs in here, asked before signing in. */
export interface SignInOptions {
  local: boolean
  oidc: { label: string; loginUrl: string } | null
  /** Why the last provider sign-in was refused, in Swedish. */
  error?: string
}

/** `GET`/`PUT /api/notifications/settings`: the caller's e-mail and which kinds are mailed. */
export interface NotificationSettings {
  /** Where e-mail goes; '' = no e-mail. */
  email: string
  /** False: no SMTP configured, so nothing is mailed whatever is chosen. */
  delivery: boolean
  kinds: Record<NotificationKind, boolean>
}

/** A colleague found by the sharing dialog's search (`GET /api/users?query=`). */
export interface Person {
  username: string
  name: string
  title: string
}

export type Member = Person & { role: Role }

/** A personal API token as `GET /api/tokens` lists it (never its secret). */
export interface ApiToken {
  id: string
  name: string
  createdAt: string
  expiresAt: string
  lastUsedAt: string
}

/** What a notification is about (apps/server/API.md, "Notifications"). */
export const NOTIFICATION_KINDS = [
  'member.added',
  'review.requested',
  'comment.reply',
  'mention',
  'verdict.given',
  'approval.given',
  'document.approved',
  'document.reopened',
  'deadline.soon',
  'deadline.passed',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export interface AppNotification {
  id: number
  kind: NotificationKind
  documentId: string | null
  /** Where in the document it points (a comment thread id), if anywhere. */
  target: string | null
  /** Swedish, shown as it is. */
  text: string
  createdAt: string
  read: boolean
}

/** What `/events` sends (JSON text frames), apps/server/API.md "Events socket". */
export type EventMessage =
  | { type: 'hello'; unread: number }
  | { type: 'notification'; notification: AppNotification; unread: number }
  | { type: 'read'; unread: number }
  | { type: 'document'; documentId: string; change: 'status' | 'members' | 'approvals'; status: DocumentStatus }
