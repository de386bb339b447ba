import type { DocumentStatus, Role } from './api.js'

/**
 * ◆ Every action a member can take on a document. One table decides them all: the server's
 * routes, the sync rooms' per-message checks and the web app's controls call `can()`, and
 * the role-matrix test and SECURITY.md's table are checked against it (SPEC P1–P3).
 */
export const ACTIONS = [
  'read',
  'export',
  'content.edit',
  'review.write',
  'comment',
  'verdict.give',
  'suggest',
  'suggestion.decide',
  'version.save',
  'status.send',
  'status.reopen',
  'approve',
  'members.manage',
  'revise',
] as const
export type Action = (typeof ACTIONS)[number]

type Statuses = ReadonlyArray<DocumentStatus>
const ANY: Statuses = ['utkast', 'granskning', 'godkand']
/** Review data and text change only until approval: after it the document is locked (issue 13). */
const OPEN: Statuses = ['utkast', 'granskning']

export interface Permission {
  /** For SECURITY.md's table (English, as the docs). */
  label: string
  roles: ReadonlyArray<Role>
  statuses: Statuses
}

/** ◆ The permission table. */
export const PERMISSIONS: Readonly<Record<Action, Permission>> = {
  read: { label: 'read content, meta, coverage, versions, audit', roles: ['author', 'reviewer', 'approver', 'reader'], statuses: ANY },
  export: { label: 'export', roles: ['author', 'reviewer', 'approver', 'reader'], statuses: ANY },
  'content.edit': { label: 'edit content and header', roles: ['author'], statuses: OPEN },
  // The review room is one Y.Doc: the sync checks this union; comment/verdict split it for the UI.
  'review.write': { label: 'write the review room', roles: ['author', 'reviewer', 'approver'], statuses: OPEN },
  comment: { label: 'comment', roles: ['author', 'reviewer', 'approver'], statuses: OPEN },
  'verdict.give': { label: 'give verdicts', roles: ['reviewer'], statuses: OPEN },
  // Suggestions live in the review room (issue 21): reviewers propose without writing the text.
  suggest: { label: 'suggest changes', roles: ['author', 'reviewer', 'approver'], statuses: OPEN },
  'suggestion.decide': { label: 'accept or reject suggestions', roles: ['author'], statuses: OPEN },
  'version.save': { label: 'save a named version', roles: ['author', 'reviewer', 'approver'], statuses: ANY },
  'status.send': { label: 'send to review', roles: ['author'], statuses: ['utkast'] },
  'status.reopen': { label: 'reopen', roles: ['author'], statuses: ['granskning'] },
  approve: { label: 'approve', roles: ['approver'], statuses: ['granskning'] },
  'members.manage': { label: 'manage members', roles: ['author'], statuses: ANY },
  revise: { label: 'start a new revision', roles: ['author'], statuses: ['godkand'] },
}

/** May `role` do `action` on a document in `status`? Pure; the one answer everywhere. */
export function can(role: Role | undefined | null, action: Action, status: DocumentStatus): boolean {
  if (!role) return false
  const p = PERMISSIONS[action]
  return p.roles.includes(role) && p.statuses.includes(status)
}

/** May `role` ever do `action` (in some status)? What a route checks before it looks at the status (403 vs 409). */
export function mayEver(role: Role | undefined | null, action: Action): boolean {
  return !!role && PERMISSIONS[action].roles.includes(role)
}
