/**
 * Issue 22 item 10: TRUST_PROXY (X-Forwarded-Proto → Secure cookie + HSTS, X-Forwarded-For
 * → the address sign-ins are throttled by) and the sign-in throttle by username *and*
 * address. Real servers on ephemeral ports; one spawned process for the environment variable.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { api, exited, freePort, PASSWORD, refusedStart, seedUsers, spawnServer, startTestServer, tempDataDir, type TestServer } from './harness.js'
import { parseTrustProxy } from '../../apps/server/src/http/trustProxy.js'

const cleanups: Array<() => Promise<void> | void> = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

async function server(options: Parameters<typeof startTestServer>[1] = {}, users = ['kim', 'lo']): Promise<TestServer> {
  const dir = tempDataDir()
  await seedUsers(dir.dir, users)
  const s = await startTestServer(dir.dir, options)
  cleanups.push(
    () => dir.remove(),
    () => s.close(),
  )
  return s
}

// Every sign-in runs scrypt: on a loaded machine a test of several takes a while.
const signInFrom = (s: TestServer, username: string, password: string, headers: Record<string, string> = {}) =>
  api(s.url, 'POST', '/api/session', { body: { username, password }, headers })

describe('without TRUST_PROXY, X-Forwarded-* headers are anyone’s and are ignored', () => {
  it('X-Forwarded-Proto: https gives no Secure cookie and no HSTS', async () => {
    const s = await server()
    const res = await signInFrom(s, 'kim', PASSWORD, { 'x-forwarded-proto': 'https' })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/^perspektiv_session=/)
    expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i)
    const health = await api(s.url, 'GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } })
    expect(health.headers.get('strict-transport-security')).toBeNull()
  }, 60_000)

  it('a forged X-Forwarded-For does not escape the throttle', async () => {
    const s = await server({ throttle: { freeFailures: 2, baseDelayMs: 60_000 } })
    for (let i = 0; i < 3; i++) expect((await signInFrom(s, 'kim', 'guess', { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(401)
    const blocked = await signInFrom(s, 'kim', PASSWORD, { 'x-forwarded-for': '10.9.9.9' })
    expect(blocked.status).toBe(429)
  }, 60_000)
})

describe('sign-in throttle by username and address', () => {
  it('five failed sign-ins for one user lock out that user from that address, not everyone behind it', async () => {
    // The defaults, as a server runs them: everyone here shares 127.0.0.1, like an office behind NAT.
    const s = await server()
    for (let i = 0; i < 6; i++) expect((await signInFrom(s, 'kim', `guess${i}`)).status).toBe(401)
    const kim = await signInFrom(s, 'kim', PASSWORD)
    expect(kim.status).toBe(429)
    expect(Number(kim.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await signInFrom(s, 'lo', PASSWORD)).status).toBe(200)
  }, 60_000)

  it('guessing many accounts from one address meets the much higher per-address ceiling', async () => {
    const users = Array.from({ length: 8 }, (_, i) => `user${i}`)
    const s = await server({ throttle: { freeFailures: 5, userFreeFailures: 20, addressFreeFailures: 6, baseDelayMs: 60_000 } }, users)
    for (let i = 0; i < 7; i++) expect((await signInFrom(s, users[i]!, 'guess')).status).toBe(401)
    expect((await signInFrom(s, users[7]!, PASSWORD)).status).toBe(429)
  }, 60_000)
})

describe('with TRUST_PROXY=1 (one TLS-terminating proxy in front)', () => {
  it('X-Forwarded-Proto: https → Secure cookie and HSTS on every response; plain http → neither', async () => {
    const s = await server({ trustProxy: 1 })
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.10' }
    const res = await signInFrom(s, 'kim', PASSWORD, https)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
    expect(res.headers.get('set-cookie')).toMatch(/;\s*HttpOnly/i)
    for (const path of ['/api/health', '/api/me', '/no-such-page']) {
      const r = await api(s.url, 'GET', path, { headers: https })
      expect(r.headers.get('strict-transport-security'), path).toBe('max-age=31536000')
    }
    const plain = await signInFrom(s, 'lo', PASSWORD, { 'x-forwarded-proto': 'http' })
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i)
    expect(plain.headers.get('strict-transport-security')).toBeNull()
  }, 60_000)

  it('X-Forwarded-For is the throttled address; only the entry the proxy appended counts', async () => {
    const s = await server({ trustProxy: 1, throttle: { freeFailures: 2, baseDelayMs: 60_000 } })
    const from = (address: string) => ({ 'x-forwarded-proto': 'https', 'x-forwarded-for': address })
    for (let i = 0; i < 3; i++) expect((await signInFrom(s, 'kim', 'guess', from('198.51.100.1'))).status).toBe(401)
    expect((await signInFrom(s, 'kim', PASSWORD, from('198.51.100.1'))).status).toBe(429)
    // A client-written entry to the left of the proxy's is not believed.
    expect((await signInFrom(s, 'kim', PASSWORD, from('203.0.113.7, 198.51.100.1'))).status).toBe(429)
    // Another person at the same address, and kim from another address, may sign in.
    expect((await signInFrom(s, 'lo', PASSWORD, from('198.51.100.1'))).status).toBe(200)
    expect((await signInFrom(s, 'kim', PASSWORD, from('198.51.100.2'))).status).toBe(200)
  }, 60_000)

  it('the TRUST_PROXY environment variable reaches the server; a value that is not a count is refused at start', async () => {
    const dir = tempDataDir()
    cleanups.push(() => dir.remove())
    const port = await freePort()
    const running = await spawnServer(dir.dir, port, { TRUST_PROXY: '1' })
    cleanups.push(async () => {
      running.process.kill('SIGTERM')
      await exited(running.process)
    })
    const health = await api(running.url, 'GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } })
    expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000')

    const wrong = await refusedStart(dir.dir, { TRUST_PROXY: 'yes' })
    expect(wrong.code).toBe(1)
    expect(wrong.output).toContain('TRUST_PROXY must be 0')
  }, 60_000)

  it('parseTrustProxy: unset, empty and 0 trust nobody; 1–9 proxies; anything else is an error', () => {
    expect(parseTrustProxy(undefined)).toBe(0)
    expect(parseTrustProxy('')).toBe(0)
    expect(parseTrustProxy('0')).toBe(0)
    expect(parseTrustProxy('1')).toBe(1)
    expect(parseTrustProxy(' 2 ')).toBe(2)
    for (const bad of ['true', 'yes', '-1', '10', '1.5']) expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/)
  })
})
