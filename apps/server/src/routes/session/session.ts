import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { authenticate, SESSION_COOKIE, type AppEnv } from '../../http/auth.js'
import { ApiError, forbidden, unauthenticated } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import { dummyPasswordHash, verifyPassword } from '../../storage/password.js'
import { toPublicUser } from '../../storage/users.js'
import type { Services } from '../../services.js'
import { signInBodySchema } from './schema.js'

/** POST/DELETE /api/session (sign in/out) and GET /api/me. */
export function sessionRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  app.post('/session', validate('json', signInBodySchema), async (c) => {
    if (!s.localLogin) throw forbidden('username/password sign-in is switched off here (LOCAL_LOGIN=0); sign in with the identity provider')
    const { username, password } = c.req.valid('json')
    const client = c.get('client')
    const attempt = { username, address: client.address }
    // Counted as a failure before the password is checked (SRV-SC15): a burst meets the brake too.
    const wait = await s.throttle.begin(attempt)
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      throw new ApiError(429, `too many failed sign-ins; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) })
    }
    const user = await s.users.byUsername(username)
    // Verify against a dummy hash for unknown names so the timing does not reveal them.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()))
    if (!user || !ok) {
      throw unauthenticated('wrong username or password')
    }
    await s.throttle.succeeded(attempt)
    const { token, session } = await s.sessions.create(user.id)
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      // https directly, or per a trusted proxy (TRUST_PROXY): never sent over plain HTTP then.
      secure: client.https,
      // No Max-Age: a browser-session cookie; the server enforces the idle expiry.
    })
    return c.json({ token, user: toPublicUser(user), expiresAt: new Date(session.expiresAt).toISOString() })
  })

  app.delete('/session', auth, async (c) => {
    const session = c.get('session')
    // RP-initiated logout: a provider session is ended at the provider too (the browser goes there next).
    const idToken = s.oidc ? await s.identities.idTokenOf(session.tokenHash) : undefined
    const logoutUrl = idToken ? await s.oidc!.endSessionUrl(idToken) : undefined
    await s.sessions.delete(session.tokenHash)
    s.rooms.closeSession(session.tokenHash)
    await s.events.closeSessions((hash) => hash !== session.tokenHash, 'session ended')
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return logoutUrl ? c.json({ logoutUrl: logoutUrl.href }) : c.body(null, 204)
  })

  app.get('/me', auth, (c) => c.json(toPublicUser(c.get('user'))))
  return app
}
