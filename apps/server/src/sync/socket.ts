import { Hono, type Context, type Next } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { authenticate, type AppEnv } from '../http/auth.js'
import { documentAccess } from '../http/documentAccess.js'
import { ApiError } from '../http/errors.js'
import type { RoomName } from '../storage/index.js'
import type { Services } from '../services.js'
import { Connection } from './connection.js'
import { DocumentUnavailableError } from './errors.js'
import { MESSAGE_SYNC } from './protocol.js'
import { CLOSE_FLOOD, CLOSE_INTERNAL, CLOSE_MALFORMED, CLOSE_POLICY, CLOSE_TOO_BIG } from '@perspektiv/model'
import type { Room } from './room.js'
import { FairQueue } from './fairQueue.js'
import { DEFAULT_WORK_LIMITS, workBudgets, type WorkLimits } from './workBudget.js'
import * as trace from './latencyTrace.js'

/** Messages above this close the connection with 1009 (set as the ws `maxPayload`). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

export interface SyncLimits {
  /** Open sync sockets per user (an open document tab uses two: content and review). */
  maxConnectionsPerUser: number
  /** How often open sockets' sessions are checked for expiry. */
  sessionCheckMs: number
  /**
   * How often every open socket is pinged; one that has not answered the previous ping
   * is dropped (SRV-S9). A half-open socket is found within twice this.
   */
  pingIntervalMs: number
  /** What a user's sockets may cost the event loop (SRV-S13). */
  work: WorkLimits
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = { maxConnectionsPerUser: 50, sessionCheckMs: 60_000, pingIntervalMs: 30_000, work: DEFAULT_WORK_LIMITS }

/** Messages a socket may send while it is being set up (the document opening); more closes it. */
const MAX_EARLY_MESSAGES = 1000

/** Using a socket to sync is using the session: extend its idle expiry at most this often. */
const SESSION_TOUCH_MS = 60_000

/**
 * `/sync/:id` (content) and `/sync/:id/review`: authenticated and authorised before the
 * upgrade, so a refused client gets a plain HTTP status (401/403/404/429/503) and no socket.
 */
export function syncRoutes(s: Services, upgradeWebSocket: UpgradeWebSocket<WebSocket>, limits: SyncLimits = DEFAULT_SYNC_LIMITS): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s, { allowQueryToken: true })
  const openPerUser = new Map<number, number>()
  /** Open sockets by session hash: an expired session's sockets are closed, not left running. */
  const openSessions = new Map<string, number>()
  const connections = new Set<Connection>()
  const budgets = workBudgets(limits.work)
  let sessionCheck: NodeJS.Timeout | undefined
  let pings: NodeJS.Timeout | undefined
  const count = (map: Map<string | number, number>, key: string | number, delta: number) => {
    const n = (map.get(key) ?? 0) + delta
    if (n > 0) map.set(key, n)
    else map.delete(key)
    return n
  }
  const checkSessions = async () => {
    for (const hash of [...openSessions.keys()]) {
      try {
        if (!(await s.sessions.isLive(hash))) s.rooms.closeSession(hash, 'session expired')
      } catch (err) {
        // The store cannot say now (database down): the next check asks again.
        s.log('session check failed', { reason: (err as Error).message })
        return
      }
    }
  }
  const pingAll = () => {
    for (const connection of connections) connection.checkAlive()
  }

  const handler = (roomName: RoomName) => async (c: Context<AppEnv>, next: Next) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(400, 'expected a WebSocket upgrade')
    const user = c.get('user')
    const session = c.get('session')
    const { record } = await documentAccess(s.store, c.req.param('id') ?? '', user.id)
    // The limit first: a refused handshake must not load a document (SRV-S8).
    if ((openPerUser.get(user.id) ?? 0) >= limits.maxConnectionsPerUser) {
      throw new ApiError(429, `at most ${limits.maxConnectionsPerUser} open sync connections per user; close some documents first`)
    }
    // A user whose sockets used up their share of the server waits (SRV-S13): reconnecting does not refill it.
    if (!budgets.available(user.id)) throw new ApiError(429, 'too much sync work from this user; try again in a few seconds')
    // Loaded before the upgrade, so an unreadable document is a 503, not an open socket
    // (a large one on the state pool, while everyone else is served: SRV-S15).
    await s.rooms.open(record)

    let peer: Connection | undefined
    let room: Room | undefined
    let counted = false
    let touchedAt = Date.now()
    /** Closed for spending the user's work budget: what is still queued on the socket is ignored. */
    let spent = false
    /** Messages that arrived while the socket was being set up (role check, open): handled in order after it. */
    let early: Uint8Array[] | undefined = []
    let closed = false
    let queue: FairQueue | undefined
    /**
     * One message, charged to the user's work budget; returns the time it took on this
     * thread, or a promise while its work goes on on the state pool (SRV-S18: that time is
     * charged too, when the pool reports it; the queue waits for it, keeping the order).
     */
    const handle = (data: Uint8Array): number | Promise<void> => {
      if (!peer || !room || spent) return 0
      if (trace.tracing) trace.handling(data)
      const started = performance.now()
      const offThread = room.receive(peer, data)
      const ms = performance.now() - started
      if (trace.tracing) trace.handled()
      if (!charge(ms) || !offThread) return ms
      return offThread.then(
        (jobMs) => void charge(jobMs),
        () => {},
      )
    }
    /** Spends `ms` of the user's budget; false (and the socket closed) when it is spent. */
    const charge = (ms: number): boolean => {
      if (spent || !peer || !room) return false
      if (budgets.spend(user.id, ms)) return true
      spent = true
      queue?.close()
      s.log('sync work budget spent', { documentId: record.id, room: roomName, user: user.username })
      s.rooms.leave(room, peer)
      peer.close(CLOSE_FLOOD, `too much sync work: more than ${limits.work.perSecondMs} ms of server time per second`)
      return false
    }
    const middleware = upgradeWebSocket(() => ({
      onOpen(_event, ws: WSContext<WebSocket>) {
        const raw = ws.raw!
        // ws closes an over-long frame with a bare 1009; say what the limit is.
        const closeSocket = raw.close.bind(raw)
        raw.close = (code?: number, reason?: string | Buffer) =>
          closeSocket(code, reason ?? (code === CLOSE_TOO_BIG ? `message larger than ${MAX_MESSAGE_BYTES} bytes` : undefined))
        counted = true
        count(openSessions, session.tokenHash, 1)
        sessionCheck ??= setInterval(() => void checkSessions(), limits.sessionCheckMs).unref()
        // Checked again: parallel handshakes may have passed the check before the upgrade.
        if (count(openPerUser, user.id, 1) > limits.maxConnectionsPerUser) {
          return raw.close(CLOSE_FLOOD, `at most ${limits.maxConnectionsPerUser} open sync connections per user`)
        }
        void setUp(raw)
      },
      onMessage(event, ws) {
        if (spent || closed) return
        if (!(event.data instanceof ArrayBuffer)) {
          ws.raw?.close(CLOSE_MALFORMED, 'expected a binary message')
          return
        }
        const data = new Uint8Array(event.data)
        if (trace.tracing) trace.arrived(data)
        if (early) {
          // A client does not send much before its first answer; one that floods the setup is closed.
          if (early.push(data) > MAX_EARLY_MESSAGES) ws.raw?.close(CLOSE_FLOOD, 'too many messages before the document was open')
          return
        }
        if (!peer || !room) return
        // Syncing (not mere presence) counts as using the session, like a REST request.
        if (data[0] === MESSAGE_SYNC && Date.now() - touchedAt > SESSION_TOUCH_MS) {
          touchedAt = Date.now()
          void Promise.resolve(s.sessions.touch(session.tokenHash)).catch((err: Error) => s.log('session touch failed', { reason: err.message }))
        }
        queue?.push(data)
      },
      onClose() {
        closed = true
        early = undefined
        queue?.close()
        if (peer) {
          connections.delete(peer)
          if (connections.size === 0 && pings) {
            clearInterval(pings)
            pings = undefined
          }
          if (room) s.rooms.leave(room, peer)
        }
        if (!counted) return
        counted = false
        count(openPerUser, user.id, -1)
        count(openSessions, session.tokenHash, -1)
        if (openSessions.size === 0 && sessionCheck) {
          clearInterval(sessionCheck)
          sessionCheck = undefined
        }
      },
    }))
    /**
     * The socket is open: the role is checked again (it may have changed during the
     * handshake), the document opened (the store may answer later), then the peer joins
     * and what arrived meanwhile is handled in order.
     */
    const setUp = async (raw: WebSocket) => {
      let role
      let live
      try {
        role = await s.store.roleOf(record.id, user.id)
        if (role && !closed) live = await s.rooms.open(record)
      } catch (err) {
        return raw.close(CLOSE_INTERNAL, err instanceof DocumentUnavailableError ? 'document unavailable' : 'internal error')
      }
      if (closed) return
      if (!role) return raw.close(CLOSE_POLICY, 'no role in this document')
      if (!live) return
      peer = new Connection(
        raw,
        { userId: user.id, username: user.username, name: user.name, sessionHash: session.tokenHash, role, documentId: record.id, room: roomName },
        s.log,
      )
      const connection = peer
      raw.on('pong', () => connection.pong())
      connections.add(connection)
      pings ??= setInterval(pingAll, limits.pingIntervalMs).unref()
      room = s.rooms.join(live, roomName, peer)
      queue = new FairQueue(handle, raw, () => {
        s.log('message flood', { documentId: record.id, room: roomName, user: user.username })
        raw.close(CLOSE_FLOOD, 'too many messages waiting on one connection')
      })
      const waiting = early ?? []
      early = undefined
      for (const data of waiting) queue.push(data)
    }
    return middleware(c, next)
  }

  app.get('/sync/:id', auth, handler('content'))
  app.get('/sync/:id/review', auth, handler('review'))
  return app
}
