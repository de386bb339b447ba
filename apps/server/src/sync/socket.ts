import { Hono, type Context, type Next } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { authenticate, type AppEnv } from '../http/auth.js'
import { documentAccess, whenReadable } from '../http/documentAccess.js'
import { ApiError } from '../http/errors.js'
import type { RoomName } from '../storage/documentStore.js'
import type { Services } from '../services.js'
import { CLOSE_INTERNAL, CLOSE_MALFORMED, CLOSE_POLICY, CLOSE_TOO_BIG } from './protocol.js'
import type { Peer, Room } from './room.js'
import { DocumentUnavailableError } from './rooms.js'

/** Messages above this close the connection with 1009 (set as the ws `maxPayload`). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

/**
 * `/sync/:id` (content) and `/sync/:id/review`: authenticated and authorised before the
 * upgrade, so a refused client gets a plain HTTP status (401/403/404/503) and no socket.
 */
export function syncRoutes(s: Services, upgradeWebSocket: UpgradeWebSocket<WebSocket>): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s, { allowQueryToken: true })

  const handler = (roomName: RoomName) =>
    async (c: Context<AppEnv>, next: Next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(400, 'expected a WebSocket upgrade')
      const user = c.get('user')
      const session = c.get('session')
      const { record } = documentAccess(s.store, c.req.param('id') ?? '', user.id)
      whenReadable(() => s.rooms.open(record))

      let peer: Peer | undefined
      let room: Room | undefined
      const middleware = upgradeWebSocket(() => ({
        onOpen(_event, ws: WSContext<WebSocket>) {
          const raw = ws.raw!
          // ws closes an over-long frame with a bare 1009; say what the limit is.
          const closeSocket = raw.close.bind(raw)
          raw.close = (code?: number, reason?: string | Buffer) =>
            closeSocket(code, reason ?? (code === CLOSE_TOO_BIG ? `message larger than ${MAX_MESSAGE_BYTES} bytes` : undefined))
          // Checked again: the role or the document may have changed during the handshake.
          const role = s.store.roleOf(record.id, user.id)
          if (!role) return raw.close(CLOSE_POLICY, 'no role in this document')
          let live
          try {
            live = s.rooms.open(record)
          } catch (err) {
            return raw.close(CLOSE_INTERNAL, err instanceof DocumentUnavailableError ? 'document unavailable' : 'internal error')
          }
          peer = {
            userId: user.id,
            username: user.username,
            sessionHash: session.tokenHash,
            role,
            send: (data) => raw.send(data),
            close: (code, reason) => raw.close(code, reason),
            terminate: () => raw.terminate(),
            bufferedAmount: () => raw.bufferedAmount,
          }
          room = s.rooms.join(live, roomName, peer)
        },
        onMessage(event, ws) {
          if (!peer || !room) return
          if (!(event.data instanceof ArrayBuffer)) {
            ws.raw?.close(CLOSE_MALFORMED, 'expected a binary message')
            return
          }
          room.receive(peer, new Uint8Array(event.data))
        },
        onClose() {
          if (peer && room) s.rooms.leave(room, peer)
        },
      }))
      return middleware(c, next)
    }

  app.get('/sync/:id', auth, handler('content'))
  app.get('/sync/:id/review', auth, handler('review'))
  return app
}
