import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

/** Who is on the other end of a request, as far as the server may believe it. */
export interface ClientInfo {
  /** The client's address: used to throttle sign-ins. */
  address: string
  /** Did the request reach us (or the trusted proxy) over TLS? Decides `Secure` and HSTS. */
  https: boolean
}

/**
 * `TRUST_PROXY`: how many reverse proxies in front of the server may be believed about the
 * client (`X-Forwarded-For`, `X-Forwarded-Proto`). Unset, empty or `0`: none, the headers
 * are ignored (anyone can send them). `1`: one TLS-terminating proxy that appends the
 * client's address. Anything else is a configuration error, refused at start-up rather than
 * guessed at.
 */
export function parseTrustProxy(value: string | undefined): number {
  const v = (value ?? '').trim()
  if (v === '' || v === '0') return 0
  if (/^[1-9]$/.test(v)) return Number(v)
  throw new Error(`TRUST_PROXY must be 0 (no proxy) or the number of proxies in front of the server, e.g. 1 (got ${JSON.stringify(value)})`)
}

/**
 * The entry a trusted proxy chain vouches for: each of `hops` proxies appends what it saw,
 * so the `hops`-th entry from the right is the client as seen by the outermost trusted
 * proxy; anything further left was written by the client itself and may be forged.
 */
function vouchedEntry(header: string | undefined, hops: number): string | undefined {
  if (!header) return undefined
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0)
  if (entries.length === 0) return undefined
  return entries[Math.max(0, entries.length - hops)]
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** What a request says about its client, given how many proxies are trusted. */
export function clientInfoOf(c: Context, trustProxy: number): ClientInfo {
  const direct: ClientInfo = { address: socketAddress(c), https: new URL(c.req.url).protocol === 'https:' }
  if (trustProxy === 0) return direct
  const address = vouchedEntry(c.req.header('x-forwarded-for'), trustProxy)
  const proto = vouchedEntry(c.req.header('x-forwarded-proto'), trustProxy)?.toLowerCase()
  return { address: address ?? direct.address, https: proto === undefined ? direct.https : proto === 'https' }
}

/** Sets `c.var.client` for every request (registered first, so errors carry HSTS too). */
export function clientInfo(trustProxy: number): MiddlewareHandler<{ Variables: { client: ClientInfo } }> {
  return async (c, next) => {
    c.set('client', clientInfoOf(c, trustProxy))
    await next()
  }
}
