import { Hono } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'
import type { WebSocket } from 'ws'
import { authenticate, type AppEnv } from '../http/auth.js'
import { ApiError } from '../http/errors.js'
import type { Services } from '../services.js'
import type { EventSocket } from './hub.js'

/** Open `/events` sockets per user (a browser needs one; tabs each open their own). */
export const MAX_EVENT_SOCKETS_PER_USER = 20

/**
 * `/events`: one WebSocket per signed-in browser tab, authenticated like `/sync` (cookie
 * with our Origin, or `?token=`) before the upgrade. Server → client only: notifications
 * and the status/membership changes of documents the user is a member of (JSON text
 * frames, see EventMessage). Anything the client sends is ignored.
 */
export function eventRoutes(s: Services, upgradeWebSocket: UpgradeWebSocket<WebSocket>, sessionCheckMs: number): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  let checking = false
  /** Started with the first socket: expired sessions' sockets are closed, not left open. */
  const checkSessions = () => {
    if (checking) return
    checking = true
    setInterval(
      () =>
        // The store cannot say now (database down): the next check asks again.
        void s.events
          .closeSessions((hash) => s.sessions.isLive(hash), 'session expired')
          .catch((err: Error) => s.log('session check failed', { reason: err.message })),
      sessionCheckMs,
    ).unref()
  }
  app.get('/events', authenticate(s, { allowQueryToken: true }), async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(400, 'expected a WebSocket upgrade')
    const user = c.get('user')
    const session = c.get('session')
    if (s.events.count(user.id) >= MAX_EVENT_SOCKETS_PER_USER) {
      throw new ApiError(429, `at most ${MAX_EVENT_SOCKETS_PER_USER} open event connections per user`)
    }
    let socket: EventSocket | undefined
    return upgradeWebSocket(() => ({
      onOpen(_event, ws) {
        const raw = ws.raw!
        socket = {
          userId: user.id,
          sessionHash: session.tokenHash,
          send: (text) => raw.send(text),
          close: (code, reason) => raw.close(code, reason),
        }
        s.events.add(socket)
        checkSessions()
        raw.send(JSON.stringify({ type: 'hello', unread: s.notifications.unreadCount(user.id) }))
      },
      onClose() {
        if (socket) s.events.remove(socket)
      },
    }))(c, next)
  })
  return app
}
