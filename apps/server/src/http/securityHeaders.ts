import type { MiddlewareHandler } from 'hono'
import type { ClientInfo } from './trustProxy.js'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // ProseMirror and the collaboration carets set inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** One year; no `includeSubDomains`: other hosts of the municipality are not ours to pin. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

/**
 * Security headers on every response, including errors and static files. HSTS only on
 * requests that came over TLS (directly, or per a trusted proxy: `TRUST_PROXY`): over
 * plain HTTP browsers ignore it, and a server reached as `http://localhost` must stay usable.
 */
export function securityHeaders(): MiddlewareHandler<{ Variables: { client?: ClientInfo } }> {
  return async (c, next) => {
    await next()
    const h = c.res.headers
    // A 101 upgrade / immutable response cannot be modified; ignore.
    try {
      h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      h.set('X-Content-Type-Options', 'nosniff')
      h.set('Referrer-Policy', 'no-referrer')
      h.set('X-Frame-Options', 'DENY')
      h.set('Cross-Origin-Opener-Policy', 'same-origin')
      h.set('Cross-Origin-Resource-Policy', 'same-origin')
      h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
      if (c.get('client')?.https) h.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
    } catch {
      /* immutable headers */
    }
  }
}
