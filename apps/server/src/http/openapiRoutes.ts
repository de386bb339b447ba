import { z } from 'zod'
import { createDocumentBodySchema, putMemberBodySchema, signInBodySchema, statusChangeBodySchema } from '@perspektiv/model'
import { createVersionBodySchema } from '../routes/versions/schema.js'
import { markReadBodySchema, notificationSettingsBodySchema } from '../routes/notifications/schema.js'
import { createTokenBodySchema } from '../routes/tokens/schema.js'

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  summary: string
  auth: boolean
  body?: z.ZodType
  responses: Record<string, string>
}

/** The API's routes, documented once for both /api/openapi.json and /api/docs. */
export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Readiness: `{ ok: true }`, or 503 naming the dependency that is down (Redis)',
    auth: false,
    responses: { 200: 'ready', 503: 'not ready' },
  },
  {
    method: 'post',
    path: '/api/session',
    summary: 'Sign in: sets the HttpOnly session cookie and returns `{ token, user, expiresAt }`',
    auth: false,
    body: signInBodySchema,
    responses: { 200: 'signed in', 400: 'invalid body', 401: 'wrong username or password', 429: 'too many failures (Retry-After)' },
  },
  {
    method: 'delete',
    path: '/api/session',
    summary: 'Sign out: the token stops working and its sockets close',
    auth: true,
    responses: {
      200: '`{ logoutUrl }`: signed out of a provider session; the browser should go to the provider to sign out there',
      204: 'signed out',
      401: 'not signed in',
    },
  },
  {
    method: 'get',
    path: '/api/sign-in-options',
    summary: 'How one can sign in here: `{ local, oidc: { label, loginUrl } | null, error? }` (`?fel=<code>`: the Swedish text of a refused provider sign-in)',
    auth: false,
    responses: { 200: 'options' },
  },
  {
    method: 'get',
    path: '/api/oidc/login',
    summary: 'Starts sign-in at the identity provider (`?next=/path`): 302 to its authorization endpoint (PKCE, state, nonce)',
    auth: false,
    responses: { 302: 'to the provider, or to `/logga-in?fel=provider`', 404: 'OIDC not configured' },
  },
  {
    method: 'get',
    path: '/api/oidc/callback',
    summary: 'The provider returns here: verifies the ID token, creates or updates the user, starts a session',
    auth: false,
    responses: { 302: 'to `next` with the session cookie, or to `/logga-in?fel=<code>`' },
  },
  {
    method: 'post',
    path: '/api/oidc/backchannel-logout',
    summary: 'OIDC back-channel logout (form field `logout_token`): ends the sessions of the provider session or user and closes their sockets',
    auth: false,
    responses: { 200: 'sessions ended', 400: '`{ error: invalid_request }`: not a valid logout token' },
  },
  {
    method: 'get',
    path: '/api/tokens',
    summary: "The caller's unexpired personal API tokens (without the token): `{ tokens: [{ id, name, createdAt, expiresAt, lastUsedAt }] }`",
    auth: true,
    responses: { 200: '`{ tokens }`', 401: 'not signed in' },
  },
  {
    method: 'post',
    path: '/api/tokens',
    summary: 'Create a personal API token; the token (`pat_…`) is returned only here',
    auth: true,
    body: createTokenBodySchema,
    responses: { 201: '`{ token, id, name, createdAt, expiresAt, lastUsedAt }`', 400: 'invalid body', 403: 'called with an API token' },
  },
  {
    method: 'delete',
    path: '/api/tokens/{id}',
    summary: 'Revoke one of your API tokens; its sockets close',
    auth: true,
    responses: { 204: 'revoked', 404: 'not your token' },
  },
  { method: 'get', path: '/api/me', summary: 'The signed-in user', auth: true, responses: { 200: '`{ username, name, title, admin }`', 401: 'not signed in' } },
  {
    method: 'get',
    path: '/api/templates',
    summary: 'Templates with sections and perspectives',
    auth: true,
    responses: { 200: '`{ templates }`', 401: 'not signed in' },
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'Look up colleagues by name, title or username (`?query=`): at most 20, only `{ username, name, title }`',
    auth: true,
    responses: { 200: '`{ users }`', 400: 'query over 100 characters', 401: 'not signed in', 429: 'more than 60 searches a minute (Retry-After)' },
  },
  {
    method: 'get',
    path: '/api/documents',
    summary:
      'Documents the caller has a role in, newest change first, with status and coverage summary. Filters: `?status=utkast|granskning|godkand`, `?waiting=review` (under review, caller is reviewer), `?waiting=approval` (under review, caller is an approver who has not approved)',
    auth: true,
    responses: { 200: '`{ documents: DocumentSummary[] }`', 401: 'not signed in' },
  },
  {
    method: 'get',
    path: '/api/dashboard',
    summary:
      "One page of one dashboard section (`?section=waiting|drafts|shared|all`), sorted on the server (`?sort=title|dnr|namnd|meetingDate|deadline|status|role|updatedAt&dir=asc|desc`, Swedish order), `?page=&pageSize=` (≤ 200), filters as `/api/documents`; with every section's count and the nämnder",
    auth: true,
    responses: { 200: '`{ section, page, pageSize, total, counts, namnder, documents }`', 400: 'invalid query', 401: 'not signed in' },
  },
  {
    method: 'post',
    path: '/api/documents',
    summary: 'Create a document from a template; the caller becomes its author',
    auth: true,
    body: createDocumentBodySchema,
    responses: { 201: 'DocumentDetail', 400: 'invalid body', 401: 'not signed in', 413: 'body over 1 MB' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}',
    summary: 'Meta, status, members, approvals and the coverage report',
    auth: true,
    responses: { 200: 'DocumentDetail', 401: 'not signed in', 403: 'no role', 404: 'unknown document', 503: 'stored state unreadable' },
  },
  {
    method: 'put',
    path: '/api/documents/{id}/members',
    summary: 'Add or change a member (authors only)',
    auth: true,
    body: putMemberBodySchema,
    responses: {
      200: '`{ members }`',
      400: 'invalid body',
      403: 'not an author',
      404: 'unknown document or username',
      409: 'would leave no author, or membership frozen (approvers during review, everyone after approval; `details: { reason, message }`)',
    },
  },
  {
    method: 'delete',
    path: '/api/documents/{id}/members/{username}',
    summary: 'Remove a member (authors only; not the last author)',
    auth: true,
    responses: { 200: '`{ members }`', 403: 'not an author', 404: 'not a member', 409: 'last author, or membership frozen' },
  },
  {
    method: 'get',
    path: '/api/notifications',
    summary: "The caller's notifications, newest first: `{ notifications: [{ id, kind, documentId, target, text, createdAt, read }], unread }`",
    auth: true,
    responses: { 200: '`{ notifications, unread }`', 401: 'not signed in' },
  },
  {
    method: 'post',
    path: '/api/notifications/read',
    summary: 'Mark the given notifications (or all, without `ids`) as read',
    auth: true,
    body: markReadBodySchema,
    responses: { 200: '`{ unread }`', 400: 'invalid body', 401: 'not signed in' },
  },
  {
    method: 'get',
    path: '/api/notifications/settings',
    summary: "The caller's e-mail address and which notification kinds are mailed: `{ email, delivery, kinds }`",
    auth: true,
    responses: { 200: 'settings', 401: 'not signed in' },
  },
  {
    method: 'put',
    path: '/api/notifications/settings',
    summary: 'Change the e-mail address and/or per-kind e-mail choices',
    auth: true,
    body: notificationSettingsBodySchema,
    responses: { 200: 'settings', 400: 'invalid body', 401: 'not signed in' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/workflow',
    summary: 'Status, members, approvals and what the caller may do now; from the database only (no content), cheap to read',
    auth: true,
    responses: { 200: 'DocumentWorkflow', 401: 'not signed in', 403: 'no role', 404: 'unknown document' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/coverage',
    summary: 'The CoverageReport of the current state',
    auth: true,
    responses: { 200: 'CoverageReport', 403: 'no role', 404: 'unknown document', 503: 'stored state unreadable' },
  },
  {
    method: 'post',
    path: '/api/documents/{id}/status',
    summary:
      '`utkast → granskning` (authors; only a ready document: every perspective covered or motivated not relevant, required sections written, every required header field filled and valid, no template text anywhere including the header, valid structure) or `granskning → utkast` (reopen; clears approvals). Takes a version snapshot.',
    auth: true,
    body: statusChangeBodySchema,
    responses: {
      200: 'DocumentDetail',
      400: 'invalid body',
      403: 'not an author',
      409: 'not ready (`details: { coverage, structure? }`) or no such transition',
    },
  },
  {
    method: 'post',
    path: '/api/documents/{id}/approvals',
    summary:
      'An approver approves a document under review (no body); recorded with name, title and time. When every approver has approved the status becomes `godkand` and the content is locked.',
    auth: true,
    responses: {
      200: 'DocumentDetail',
      403: 'not an approver',
      409: 'not under review, already approved, no longer ready, or the review refuses it (a "Behöver kompletteras" or outdated verdict, an open thread: `details: { coverage, review }`)',
    },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/approval-check',
    summary: "What an approval would be judged on now, without approving: `{ ready, problems, coverage, review }` (the approver's dialog)",
    auth: true,
    responses: { 200: '`{ ready, problems, coverage, review }`', 403: 'no role', 404: 'unknown document' },
  },
  {
    method: 'post',
    path: '/api/documents/{id}/revisions',
    summary:
      'Start a new revision of an approved document (authors): the approved state is frozen with its approval record, the document returns to `utkast` as revision N+1 with approvals cleared',
    auth: true,
    responses: { 201: 'DocumentDetail', 403: 'not an author', 409: 'not approved' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/revisions',
    summary: 'The frozen revisions: `{ current, revisions: [{ revision, versionId, approvals, frozenAt }] }`',
    auth: true,
    responses: { 200: '`{ current, revisions }`', 403: 'no role', 404: 'unknown document' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/revisions/{revision}/export',
    summary: 'A frozen revision exported as it was approved (`?format=docx|pdf|html|md`)',
    auth: true,
    responses: { 200: 'the file', 403: 'no role', 404: 'not a frozen revision' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/versions',
    summary: 'Versions, newest first: `{ versions: [{ id, kind, label, status, createdBy, createdAt }] }`',
    auth: true,
    responses: { 200: '`{ versions }`', 403: 'no role', 404: 'unknown document' },
  },
  {
    method: 'post',
    path: '/api/documents/{id}/versions',
    summary: 'Save a named version of the current content (authors, reviewers, approvers)',
    auth: true,
    body: createVersionBodySchema,
    responses: { 201: '`{ version }`', 400: 'invalid body', 403: 'reader or no role' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/versions/{versionId}',
    summary: 'One version, read-only: `{ version, content, meta }` (content is ProseMirror JSON)',
    auth: true,
    responses: { 200: '`{ version, content, meta }`', 403: 'no role', 404: 'unknown document or version' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/changes-since-review',
    summary:
      'Per section, a word diff of the current text against the last version sent to review: `{ since, sections: [{ key, title, changed, diff: [{ op, text }] }] }`',
    auth: true,
    responses: { 200: '`{ since, sections }` (`since: null` before the first review)', 403: 'no role', 404: 'unknown document' },
  },
  {
    method: 'get',
    path: '/api/documents/{id}/audit',
    summary: 'The audit log (status changes, approvals, versions, membership): `{ entries: [{ id, action, actor, details, at }] }`',
    auth: true,
    responses: { 200: '`{ entries }`', 403: 'no role', 404: 'unknown document' },
  },
  { method: 'get', path: '/api/openapi.json', summary: 'This API as OpenAPI 3.1', auth: false, responses: { 200: 'OpenAPI document' } },
  { method: 'get', path: '/api/docs', summary: 'This page', auth: false, responses: { 200: 'HTML' } },
]
