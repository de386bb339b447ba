import type { Template } from '@perspektiv/model'
import type { DocumentStore } from './storage/documentStore.js'
import type { SessionStore } from './storage/sessions.js'
import type { UserStore } from './storage/users.js'
import type { SignInThrottle } from './http/signInThrottle.js'
import type { BudgetFactory } from './http/rateLimit.js'
import type { EventHub } from './events/hub.js'
import type { Notifier } from './events/notifier.js'
import type { NotificationStore } from './storage/notifications.js'
import type { Rooms } from './sync/index.js'
import type { SuggestionAuditBursts } from './suggestionAudit.js'
import type { ApiTokenStore } from './storage/apiTokens.js'
import type { IdentityStore } from './storage/identities.js'
import type { OidcRelyingParty } from './oidc/relyingParty.js'
import type { Awaitable } from './storage/awaitable.js'
import type { DocumentLock } from './storage/documentLock.js'

/**
 * What the route modules share. The stores answer now (SQLite) or later (PostgreSQL,
 * `DATABASE_URL`): every call is awaited (issue 19).
 */
export interface Services {
  users: Awaitable<UserStore>
  sessions: Awaitable<SessionStore>
  store: DocumentStore
  rooms: Rooms
  /** The review room's audit notes, one per suggestion per burst of typing (flush before reading a log). */
  suggestionAudit: SuggestionAuditBursts
  templates: Map<string, Template>
  throttle: SignInThrottle
  /** Request budgets of routes (user searches, versions saved): shared by the instances on one Redis (SRV-SC24), else this process's. */
  budgets: BudgetFactory
  sessionIdleMs: number
  notifications: Awaitable<NotificationStore>
  /** Open `/events` sockets by user. */
  events: EventHub
  /** Who learns of what: stores notifications and pushes them. */
  notifier: Notifier
  /** SMTP is configured: notifications may also go out by e-mail. */
  mailEnabled: boolean
  /** Operational events (refused or broken messages, storage failures), no content. */
  log: (event: string, details: Record<string, unknown>) => void
  identities: Awaitable<IdentityStore>
  apiTokens: Awaitable<ApiTokenStore>
  /** Set when OIDC_ISSUER is configured. */
  oidc?: OidcRelyingParty
  /** One workflow step (status change, approval) of a document at a time, across instances with PostgreSQL. */
  documentLock: DocumentLock
  /** Username/password sign-in (`LOCAL_LOGIN`, default on). */
  localLogin: boolean
}
