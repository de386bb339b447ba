import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../../http/auth.js'
import { SESSION_COOKIE } from '../../http/auth.js'
import { notFound } from '../../http/errors.js'
import { mapClaims } from '../../oidc/claims.js'
import { OIDC_FAILURES, OidcFailure, type OidcFailureCode } from '../../oidc/failures.js'
import { LOGIN_TTL_MS } from '../../oidc/relyingParty.js'
import type { Services } from '../../services.js'
import { failureQuerySchema } from './schema.js'

/** Binds a started sign-in to the browser that started it (see OidcRelyingParty.finish). */
export const OIDC_BINDING_COOKIE = 'perspektiv_oidc'
const COOKIE_PATH = '/api/oidc'

type Log = (event: string, details: Record<string, unknown>) => void

/** Only paths inside this app: never an open redirect. */
export function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

/** Ends sessions and closes their sockets (the same path as sign-out). */
export function endSessions(s: Services, hashes: string[], reason: string): void {
  for (const hash of hashes) {
    s.sessions.delete(hash)
    s.rooms.closeSession(hash, reason)
  }
}

/**
 * GET /api/sign-in-options, and when OIDC is configured GET /api/oidc/login,
 * GET /api/oidc/callback and POST /api/oidc/backchannel-logout.
 */
export function oidcRoutes(s: Services, log: Log = () => {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const rp = s.oidc

  app.get('/sign-in-options', (c) => {
    const parsed = failureQuerySchema.safeParse(c.req.query())
    const code = parsed.success ? parsed.data.fel : undefined
    const error = code && Object.hasOwn(OIDC_FAILURES, code) ? OIDC_FAILURES[code as OidcFailureCode] : undefined
    return c.json({
      local: s.localLogin,
      oidc: rp ? { label: rp.config.label, loginUrl: '/api/oidc/login' } : null,
      ...(error ? { error } : {}),
    })
  })

  if (!rp) return app

  const refuse = (c: Context<AppEnv>, err: unknown) => {
    const failure = err instanceof OidcFailure ? err : new OidcFailure('provider-error', (err as Error).message ?? String(err))
    log('oidc.refused', { code: failure.code, detail: failure.detail, address: c.get('client').address })
    deleteCookie(c, OIDC_BINDING_COOKIE, { path: COOKIE_PATH })
    return c.redirect(`/logga-in?fel=${encodeURIComponent(failure.code)}`, 302)
  }

  app.get('/oidc/login', async (c) => {
    try {
      const { url, binding } = await rp.start(safeNext(c.req.query('next')))
      setCookie(c, OIDC_BINDING_COOKIE, binding, {
        httpOnly: true,
        // Lax: sent on the provider's top-level redirect back to the callback.
        sameSite: 'Lax',
        path: COOKIE_PATH,
        secure: c.get('client').https,
        maxAge: LOGIN_TTL_MS / 1000,
      })
      return c.redirect(url.href, 302)
    } catch (err) {
      return refuse(c, err)
    }
  })

  app.get('/oidc/callback', async (c) => {
    try {
      const verified = await rp.finish(new URL(c.req.url), getCookie(c, OIDC_BINDING_COOKIE))
      const mapped = mapClaims(verified.claims, rp.config)
      if ('refused' in mapped) throw new OidcFailure(mapped.refused, mapped.detail)
      const issuer = await rp.issuer()
      const result = s.identities.signIn(issuer, mapped)
      if (result.outcome === 'disabled') {
        if (result.userId !== undefined) endSessions(s, s.sessions.hashesOfUser(result.userId), 'account disabled')
        throw new OidcFailure('disabled', `account ${mapped.subject} lacks ${rp.config.requiredClaim}=${rp.config.requiredValue}`)
      }
      // Only now, with the ID token verified and the account stored, does a session exist.
      const { token, session } = s.sessions.create(result.userId)
      s.identities.linkSession(session.tokenHash, mapped.sid, verified.idToken)
      log('oidc.signed-in', { userId: result.userId, created: result.created })
      deleteCookie(c, OIDC_BINDING_COOKIE, { path: COOKIE_PATH })
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.get('client').https })
      return c.redirect(safeNext(verified.next), 302)
    } catch (err) {
      return refuse(c, err)
    }
  })

  // Called by the provider, server to server (OIDC Back-Channel Logout 1.0): no cookies, no CSRF.
  app.post('/oidc/backchannel-logout', async (c) => {
    c.header('Cache-Control', 'no-store')
    let token: unknown
    try {
      token = (await c.req.parseBody()).logout_token
    } catch {
      token = undefined
    }
    if (typeof token !== 'string' || token.length === 0 || token.length > 16_384) {
      log('oidc.backchannel-refused', { detail: 'no logout_token in the form body' })
      return c.json({ error: 'invalid_request', error_description: 'logout_token (form field) is required' }, 400)
    }
    try {
      const { sub, sid } = await rp.verifyLogoutToken(token)
      const issuer = await rp.issuer()
      const users = sub ? new Set(s.identities.usersBySub(issuer, sub)) : undefined
      const hashes = sid
        ? s.identities
            .hashesBySid(sid)
            .filter((h) => !users || users.has(h.userId))
            .map((h) => h.tokenHash)
        : [...users!].flatMap((u) => s.sessions.hashesOfUser(u, 'browser'))
      endSessions(s, hashes, 'signed out at the identity provider')
      log('oidc.backchannel-logout', { sessions: hashes.length })
      return c.body(null, 200)
    } catch (err) {
      const detail = err instanceof OidcFailure ? err.detail : (err as Error).message
      log('oidc.backchannel-refused', { detail })
      return c.json({ error: 'invalid_request', error_description: detail }, 400)
    }
  })

  app.all('/oidc/*', () => {
    throw notFound('no such OIDC route')
  })
  return app
}
