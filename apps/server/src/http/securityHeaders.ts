import type { MiddlewareHandler } from 'hono'

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

/** Security headers on every response, including errors and static files. */
export function securityHeaders(): MiddlewareHandler {
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
    } catch {
      /* immutable headers */
    }
  }
}
