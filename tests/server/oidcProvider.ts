/**
 * A real OpenID provider for the tests: the `oidc-provider` package (the certified Node.js
 * implementation) on 127.0.0.1 with a static client, test accounts and its own login pages.
 * Not a mock: discovery, the login interaction, codes, PKCE, ID tokens, JWKS, end-session
 * and back-channel logout are all the provider's. The tests can only additionally
 * re-sign the ID token of the next token response (an expired one with the provider's own
 * key, or one signed with a stranger's key) and make the token endpoint fail.
 */
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export const CLIENT_ID = 'perspektiv'
export const CLIENT_SECRET = 'test-client-secret-that-is-long-enough'
export const TENANT = '11111111-2222-3333-4444-555555555555'
export const FOREIGN_TENANT = '99999999-8888-7777-6666-555555555555'

export interface TestAccount {
  name?: string
  preferred_username?: string
  jobTitle?: string
  roles?: string[]
  tid?: string
  oid?: string
}

/** Accounts by login name (= the provider's `sub`). Tests may change them between sign-ins. */
export const ACCOUNTS: Record<string, TestAccount> = {
  'anna-sub': {
    name: 'Anna Berg',
    preferred_username: 'anna.berg@stad.example',
    jobTitle: 'Utredare',
    roles: ['Perspektiv.User'],
    tid: TENANT,
    oid: 'aaaaaaaa-0000-0000-0000-000000000001',
  },
  'bo-sub': {
    name: 'Bo Öberg',
    preferred_username: 'bo.oberg@stad.example',
    jobTitle: 'Enhetschef',
    roles: ['Perspektiv.User', 'Perspektiv.Admin'],
    tid: TENANT,
    oid: 'bbbbbbbb-0000-0000-0000-000000000002',
  },
  'stranger-sub': {
    name: 'Sven Främling',
    preferred_username: 'sven@annan.example',
    tid: FOREIGN_TENANT,
    oid: 'cccccccc-0000-0000-0000-000000000003',
    roles: ['Perspektiv.User'],
  },
}

type IdTokenRewrite = { claims: (c: Record<string, unknown>) => Record<string, unknown>; key: 'provider' | 'stranger' }

export interface TestProvider {
  issuer: string
  provider: Provider
  /** The next token response's ID token is re-signed after `claims` changes it. */
  rewriteNextIdToken(rewrite: IdTokenRewrite): void
  /** The token endpoint drops the connection (a provider that went down mid-sign-in). */
  setTokenEndpointDown(down: boolean): void
  /** Has the provider send a back-channel logout for this account (and its session id). */
  backchannelLogout(sub: string, sid?: string): Promise<void>
  close(): Promise<void>
}

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url')
}

function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const data = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`
  return `${data}.${b64url(sign('sha256', Buffer.from(data), key))}`
}

export async function startTestProvider(options: {
  redirectUri: string
  backchannelLogoutUri?: string
  postLogoutRedirectUri?: string
}): Promise<TestProvider> {
  const server: Server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  // Our own signing key, so a test can re-sign with the provider's key (expired token) or a stranger's.
  const kid = 'test-key-1'
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, alg: 'RS256', use: 'sig' }

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: options.postLogoutRedirectUri ? [options.postLogoutRedirectUri] : [],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        ...(options.backchannelLogoutUri ? { backchannel_logout_uri: options.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
      },
    ],
    jwks: { keys: [jwk as never] },
    async findAccount(_ctx: unknown, id: string) {
      const account = ACCOUNTS[id]
      if (!account) return undefined
      return { accountId: id, claims: async () => ({ sub: id, ...account }) }
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'jobTitle', 'roles', 'tid', 'oid'] },
    // Profile claims in the ID token itself, as Entra ID sends them.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key'] },
    // The provider refuses to call special-use addresses (SSRF protection); our relying party is on 127.0.0.1.
    fetch: (url: string | URL, init: RequestInit & { dispatcher?: unknown }) => {
      const { dispatcher: _ssrfGuard, ...rest } = init
      return globalThis.fetch(url, rest)
    },
  })
  // The provider warns (to the console) about its development login pages; expected here.
  provider.on('server_error', (_ctx: unknown, err: Error) => process.stderr.write(`[test provider] ${err.message}\n`))

  let rewrite: IdTokenRewrite | undefined
  let tokenDown = false
  provider.use(async (ctx: { path: string; body: unknown; req: IncomingMessage }, next: () => Promise<void>) => {
    if (ctx.path === '/token' && tokenDown) {
      ctx.req.socket.destroy()
      return
    }
    await next()
    const body = ctx.body as { id_token?: string } | undefined
    if (ctx.path === '/token' && rewrite && body?.id_token) {
      const [h, p] = body.id_token.split('.')
      const header = JSON.parse(Buffer.from(h!, 'base64url').toString())
      const claims = rewrite.claims(JSON.parse(Buffer.from(p!, 'base64url').toString()))
      body.id_token = signJwt(header, claims, rewrite.key === 'provider' ? createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })) : stranger)
      rewrite = undefined
    }
  })
  server.on('request', provider.callback())

  return {
    issuer,
    provider,
    rewriteNextIdToken: (r) => (rewrite = r),
    setTokenEndpointDown: (down) => (tokenDown = down),
    async backchannelLogout(sub, sid = randomUUID()) {
      const client = await provider.Client.find(CLIENT_ID)
      await client!.backchannelLogout(sub, sid)
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}

/** A minimal cookie jar for driving the browser side of the flow with fetch (cookies ignore ports). */
export class CookieJar {
  readonly cookies = new Map<string, string>()
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
  store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair!.indexOf('=')
      const name = pair!.slice(0, i).trim()
      const value = pair!.slice(i + 1).trim()
      if (value === '' || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.header() } })
    this.store(res)
    return res
  }
}

/**
 * Goes through the provider's own login and consent pages as a browser would, starting at
 * `url`, following redirects until one leaves the provider (to our callback). Returns that URL.
 */
export async function signInAtProvider(jar: CookieJar, issuer: string, url: string, login: string): Promise<string> {
  let next = url
  for (let hop = 0; hop < 20; hop++) {
    if (!next.startsWith(issuer)) return next
    const res = await jar.fetch(next)
    if (res.status >= 300 && res.status < 400) {
      next = new URL(res.headers.get('location')!, next).href
      continue
    }
    const html = await res.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1]
    if (!action || !prompt) throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 300)}`)
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) })
    const posted = await jar.fetch(new URL(action, next).href, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    next = new URL(posted.headers.get('location')!, next).href
  }
  throw new Error('too many redirects at the provider')
}
