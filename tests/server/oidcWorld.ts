/**
 * The OIDC tests' world: a real OpenID provider (oidcProvider.ts) and our server configured for
 * it, with the helpers that walk the code flow. `op`, `server`, `data` and `base` are live
 * bindings, set by `useOidcWorld()`'s beforeAll.
 */
import { beforeAll, afterAll, expect } from 'vitest'
import WebSocket from 'ws'
import { oidcConfigFromEnv, openDatabase } from '@perspektiv/server'
import { api, freePort, seedUsers, startTestServer, tempDataDir, type TestServer } from './harness.js'
import { CLIENT_ID, CLIENT_SECRET, CookieJar, signInAtProvider, startTestProvider, TENANT, type TestProvider } from './oidcProvider.js'

export function opened(socket: WebSocket): Promise<void> {
  return new Promise((ok, fail) => {
    socket.on('open', () => ok())
    socket.on('error', fail)
  })
}

export let op: TestProvider
export let server: TestServer
export let data: ReturnType<typeof tempDataDir>
export let base: string

export function envFor(issuer: string, port: number, extra: Record<string, string> = {}) {
  return oidcConfigFromEnv({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/oidc/callback`,
    OIDC_TENANTS: TENANT,
    OIDC_ADMIN_VALUE: 'Perspektiv.Admin',
    OIDC_REQUIRED_VALUE: 'Perspektiv.User',
    ...extra,
  })
}

/** Registers the provider and the server for the calling test file (vitest hooks). */
export function useOidcWorld(): void {
  beforeAll(async () => {
    data = tempDataDir()
    // A local account that takes the username the first OIDC user would get.
    await seedUsers(data.dir, ['bo.oberg'])
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    op = await startTestProvider({
      redirectUri: `${base}/api/oidc/callback`,
      backchannelLogoutUri: `${base}/api/oidc/backchannel-logout`,
      postLogoutRedirectUri: `${base}/logga-in`,
    })
    server = await startTestServer(data.dir, { port, oidc: envFor(op.issuer, port) })
  })

  afterAll(async () => {
    await server?.close()
    await op?.close()
    data?.remove()
  })
}

/** Starts at /api/oidc/login, signs in at the provider, returns the callback URL (not yet visited). */
export async function throughProvider(jar: CookieJar, login: string, next?: string): Promise<string> {
  const start = await jar.fetch(`${base}/api/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}`)
  expect(start.status).toBe(302)
  return signInAtProvider(jar, op.issuer, start.headers.get('location')!, login)
}

export async function callback(jar: CookieJar, url: string): Promise<{ status: number; location: string }> {
  const res = await jar.fetch(url)
  return { status: res.status, location: res.headers.get('location') ?? '' }
}

export async function signInWithProvider(login: string, next?: string): Promise<CookieJar> {
  const jar = new CookieJar()
  const done = await callback(jar, await throughProvider(jar, login, next))
  expect(done.location).toBe(next ?? '/')
  return jar
}

export const me = (jar: CookieJar) => api(base, 'GET', '/api/me', { headers: { cookie: jar.header() } })
export const userCount = () => {
  const db = openDatabase(data.dir)
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n
  } finally {
    db.close()
  }
}

export async function refusedWith(jar: CookieJar, url: string, code: string): Promise<void> {
  const before = userCount()
  const done = await callback(jar, url)
  expect(done).toEqual({ status: 302, location: `/logga-in?fel=${code}` })
  expect(jar.cookies.has('perspektiv_session')).toBe(false)
  expect(userCount()).toBe(before)
}
