import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createNodeWebSocket } from '@hono/node-ws'
import type { Server } from 'node:http'
import type { Http2SecureServer, Http2Server } from 'node:http2'
import type { Template } from '@perspektiv/model'
import { type AppEnv } from './http/auth.js'
import { ApiError, errorResponse } from './http/errors.js'
import { apiDocsPage, openApiDocument } from './http/openapi.js'
import { securityHeaders } from './http/securityHeaders.js'
import { MemorySignInThrottle, type ThrottleOptions } from './http/signInThrottle.js'
import { memoryBudgets } from './http/rateLimit.js'
import { clientInfo } from './http/trustProxy.js'
import { webApp } from './http/webApp.js'
import { apiRoutes } from './routes/index.js'
import { EventHub } from './events/hub.js'
import { Notifier } from './events/notifier.js'
import { DeadlineReminders, type DeadlineOptions } from './events/deadlines.js'
import { eventRoutes } from './events/socket.js'
import { workflowObserver } from './events/workflowObserver.js'
import { createMailer } from './events/mailer.js'
import { OidcRelyingParty } from './oidc/relyingParty.js'
import type { OidcConfig } from './oidc/config.js'
import type { Services } from './services.js'
import type { Db } from './storage/db.js'
import type { DocumentStore } from './storage/documentStore.js'
import type { PostgresStores } from './storage/postgres/index.js'
import { appStores } from './appStores.js'
import { Rooms, type StatePool } from './sync/index.js'
import { ApprovalGuard } from './approvalIntegrity.js'
import type { ByteQuotas } from './sync/quotas.js'
import type { Cluster } from './scale/cluster.js'
import { SuggestionAuditBursts } from './suggestionAudit.js'
import { DEFAULT_SYNC_LIMITS, MAX_MESSAGE_BYTES, syncRoutes, type SyncLimits } from './sync/socket.js'

export const MAX_BODY_BYTES = 1024 * 1024

/** Expired sessions are deleted this often: resolving one deletes it too, but most are never resolved again. */
export const SESSION_SWEEP_MS = 60 * 60 * 1000

export interface AppOptions {
  /** The SQLite database (the default); not used when `postgres` is given. */
  db?: Db
  /** PostgreSQL (`DATABASE_URL`, issue 19): every store on it, and the workflow lock across instances. */
  postgres?: PostgresStores
  templates: Map<string, Template>
  /** Defaults to the document store of `db` (or `postgres`). */
  store?: DocumentStore
  /** Built web app to serve; omitted = API and sync only. */
  webDist?: string
  sessionIdleMs?: number
  compactAfter?: number
  /** Group commits in flight at once on PostgreSQL (SRV-ST41; `PERSPEKTIV_COMMITS_IN_FLIGHT`, default 3; 1 = the bench's "before"). */
  commitsInFlight?: number
  idleUnloadMs?: number
  summaryDelayMs?: number
  throttle?: ThrottleOptions
  /** Proxies in front of the server whose X-Forwarded-For/-Proto are believed (`TRUST_PROXY`; default 0). */
  trustProxy?: number
  /** Sync socket limits (open connections per user, session expiry checks, pings). */
  syncLimits?: Partial<SyncLimits>
  /** Byte quotas of the sync rooms (SRV-S14). */
  quotas?: ByteQuotas
  /** Where large rooms are decoded (SRV-S15): default a pool of worker threads; null = the main thread. */
  statePool?: StatePool | null
  /** How often expired sessions are deleted from the database (default hourly). */
  sessionSweepMs?: number
  log?: (event: string, details: Record<string, unknown>) => void
  /** Notification e-mail (env SMTP_URL); omitted = in-app notifications only. */
  mail?: { smtpUrl: string; publicUrl: string; from?: string }
  /** Sign-in with an OpenID provider (OIDC_* variables); omitted = local accounts only. */
  oidc?: OidcConfig
  /** Username/password sign-in (`LOCAL_LOGIN`); default true. */
  localLogin?: boolean
  /** The deadline reminders' clock and interval (tests). */
  deadlines?: DeadlineOptions
  /** The other instances on one Redis (`REDIS_URL`, issue 19); omitted: this is the only one. */
  cluster?: Cluster
  /** A suggester's pause that ends a burst of typing in the audit log (review S10; default 5 s). */
  suggestionBurstQuietMs?: number
}

export interface PerspektivApp {
  app: Hono<AppEnv>
  services: Services
  injectWebSocket(server: Server | Http2Server | Http2SecureServer): void
  /** "Svar senast" reminders (runs hourly; `check()` runs it now). */
  deadlines: DeadlineReminders
  /** Flushes pending writes, closes sockets and unloads documents (the DB stays open); settles when stored. */
  close(): Promise<void>
}

export function createApp(options: AppOptions): PerspektivApp {
  const sessionIdleMs = options.sessionIdleMs ?? 12 * 60 * 60 * 1000
  // Several instances on one SQLite file: compaction merges what the others stored.
  const stores = appStores(options, { sessionIdleMs, shared: options.cluster !== undefined })
  const { store, users, notifications } = stores
  const log = options.log ?? (() => {})
  const events = new EventHub()
  const mailer = options.mail ? createMailer({ ...options.mail, notifications, log: options.log }) : undefined
  // Late-bound: the rooms report review writes to the notifier, which reads the rooms.
  let notifier: Notifier | undefined
  const suggestionAudit = new SuggestionAuditBursts((entry) => store.audit(entry), options.suggestionBurstQuietMs, undefined, log)
  const services: Services = {
    users,
    sessions: stores.sessions,
    store,
    notifications,
    events,
    get notifier() {
      return notifier!
    },
    suggestionAudit,
    rooms: new Rooms({
      store,
      templates: options.templates,
      compactAfter: options.compactAfter,
      commitsInFlight: options.commitsInFlight,
      idleUnloadMs: options.idleUnloadMs,
      summaryDelayMs: options.summaryDelayMs,
      quotas: options.quotas,
      statePool: options.statePool,
      log,
      // Review-room writes carry the server's name for their author (the socket's, see Peer.name), and are audited (issue 22);
      // one entry per suggestion per burst of typing (review S10).
      audit: (entry) => suggestionAudit.audit(entry),
      // Off the commit path: reading the review doc waits for the next turn.
      onReviewStored: (documentId, userId, update) =>
        setImmediate(() => {
          notifier?.reviewWritten(documentId, userId, update).catch((err: Error) => {
            options.log?.('review notification failed', { documentId, reason: err.message })
          })
        }),
      onReviewedContentStored: (documentId) => approvalGuard.changed(documentId),
      peers: options.cluster,
      retryStorage: options.postgres !== undefined,
    }),
    templates: options.templates,
    // Shared by the instances on one Redis (SRV-SC15); else this process's own counts.
    throttle: options.cluster?.signInThrottle(options.throttle) ?? new MemorySignInThrottle(options.throttle),
    budgets: options.cluster ? (name, spec) => options.cluster!.requestBudget(name, spec) : memoryBudgets,
    sessionIdleMs,
    mailEnabled: mailer !== undefined,
    log,
    identities: stores.identities,
    apiTokens: stores.apiTokens,
    oidc: options.oidc ? new OidcRelyingParty(options.oidc) : undefined,
    localLogin: options.localLogin ?? true,
    documentLock: stores.documentLock,
  }
  options.cluster?.attach(services.rooms, events)
  const approvalGuard = new ApprovalGuard(services)
  notifier = new Notifier({
    store,
    users,
    notifications,
    hub: events,
    templates: options.templates,
    reviewChanges: async (record, update) => {
      try {
        return await services.rooms.reviewChanges(await services.rooms.open(record), update)
      } catch {
        return undefined
      }
    },
    log: options.log,
  })
  if (mailer) notifier.onNotification(mailer.listener)
  const deadlines = new DeadlineReminders(store, notifier, log, options.deadlines)
  // SRV-ST8: a session nobody uses again is deleted too, not kept in the database forever.
  const sessionSweep = setInterval(async () => {
    try {
      const deleted = await services.sessions.deleteExpired()
      if (deleted > 0) log('expired sessions deleted', { count: deleted })
    } catch (err) {
      log('session sweep failed', { reason: (err as Error).message })
    }
  }, options.sessionSweepMs ?? SESSION_SWEEP_MS).unref()

  const app = new Hono<AppEnv>()
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app })
  // @hono/node-ws creates its server without options; ws reads maxPayload per upgrade.
  wss.options.maxPayload = MAX_MESSAGE_BYTES

  app.use(clientInfo(options.trustProxy ?? 0))
  app.use(securityHeaders())
  app.onError((err, c) => errorResponse(c, err))
  app.notFound((c) => errorResponse(c, new ApiError(404, `no route ${c.req.method} ${c.req.path}`)))

  const apiBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    // The rest of the upload is not read: the connection cannot be reused.
    onError: () => {
      throw new ApiError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`, undefined, { Connection: 'close' })
    },
  })
  // File imports have their own, larger limit (routes/imports/imports.ts).
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/imports') ? next() : apiBodyLimit(c, next)))
  // Not ready (503) while a dependency is down, naming it: a load balancer sends no one here then.
  app.get('/api/health', async (c) => {
    const unavailable = [...(await stores.unavailable()), ...(options.cluster?.unavailable() ?? [])]
    return unavailable.length > 0 ? c.json({ ok: false, unavailable }, 503) : c.json({ ok: true })
  })
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()))
  app.get('/api/docs', (c) => c.html(apiDocsPage()))
  // Before the routes: it watches their outcome to notify (see workflowObserver).
  app.post('/api/documents/:id/status', workflowObserver(services))
  app.post('/api/documents/:id/approvals', workflowObserver(services))
  app.route('/api', apiRoutes(services, options.log))
  app.route(
    '/',
    syncRoutes(services, upgradeWebSocket, {
      maxConnectionsPerUser: options.syncLimits?.maxConnectionsPerUser ?? DEFAULT_SYNC_LIMITS.maxConnectionsPerUser,
      sessionCheckMs: options.syncLimits?.sessionCheckMs ?? DEFAULT_SYNC_LIMITS.sessionCheckMs,
      pingIntervalMs: options.syncLimits?.pingIntervalMs ?? DEFAULT_SYNC_LIMITS.pingIntervalMs,
      work: options.syncLimits?.work ?? DEFAULT_SYNC_LIMITS.work,
    }),
  )
  app.route('/', eventRoutes(services, upgradeWebSocket, options.syncLimits?.sessionCheckMs ?? DEFAULT_SYNC_LIMITS.sessionCheckMs))
  if (options.webDist) app.use('*', webApp(options.webDist))

  return {
    app,
    services,
    injectWebSocket,
    deadlines,
    async close() {
      clearInterval(sessionSweep)
      approvalGuard.close()
      deadlines.close()
      const stored = services.rooms.close()
      // What suggesters typed last is written before the store closes.
      const audited = suggestionAudit.flush()
      events.closeAll()
      mailer?.close()
      for (const client of wss.clients) client.terminate()
      await stored
      await audited.catch((err: Error) => log('audit failed', { reason: err.message }))
    },
  }
}
