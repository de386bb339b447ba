import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { HttpBindings } from '@hono/node-server'
import type { Session, SessionStore } from '../storage/sessions.js'
import type { UserRecord, UserStore } from '../storage/users.js'
import type { Awaitable } from '../storage/awaitable.js'
import { forbidden, unauthenticated } from './errors.js'
import type { ClientInfo } from './trustProxy.js'

export const SESSION_COOKIE = 'perspektiv_session'

export type AppEnv = {
  Bindings: HttpBindings
  Variables: { user: UserRecord; session: Session; via: 'cookie' | 'bearer' | 'query'; client: ClientInfo }
}

export interface AuthDeps {
  users: Awaitable<UserStore>
  sessions: Awaitable<SessionStore>
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Is the request's Origin this server (same host as the Host header)? */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin')
  const host = c.req.header('host')
  if (!origin || !host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization')
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null
  return m?.[1]
}

/**
 * Resolves the caller from `Authorization: Bearer`, the session cookie, or (sockets only)
 * `?token=`. 401 without valid credentials. Cookie requests that change state must come
 * from our own origin (CSRF); bearer tokens are not sent by browsers on their own.
 */
export function authenticate(deps: AuthDeps, options: { allowQueryToken?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = bearer(c)
    let via: AppEnv['Variables']['via'] = 'bearer'
    if (!token && options.allowQueryToken) {
      token = c.req.query('token') || undefined
      via = 'query'
    }
    if (!token) {
      token = getCookie(c, SESSION_COOKIE)
      via = 'cookie'
    }
    if (!token) throw unauthenticated('sign in first: no session cookie or bearer token')
    const session = await deps.sessions.resolve(token)
    if (!session) throw unauthenticated('the session has expired or is not valid; sign in again')
    const user = await deps.users.byId(session.userId)
    if (!user) throw unauthenticated('the account no longer exists')
    if (via === 'cookie') {
      const isSocket = c.req.header('upgrade')?.toLowerCase() === 'websocket'
      // Browsers always send Origin on WebSocket handshakes and on cross-site POSTs.
      if ((isSocket || !SAFE_METHODS.has(c.req.method)) && !sameOrigin(c)) {
        throw forbidden("cookie-authenticated requests that change state must come from this server's origin")
      }
    }
    c.set('user', user)
    c.set('session', session)
    c.set('via', via)
    await next()
  }
}
