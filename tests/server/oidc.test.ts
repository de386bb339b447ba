/**
 * OIDC sign-in against a real OpenID provider (oidc-provider on 127.0.0.1, see oidcProvider.ts):
 * the whole code flow (rules OIDC1… in apps/server/API.md), each bad input (OIDC2), claim mapping,
 * the tenant allow-list and disabled accounts (OIDC3), back-channel and RP-initiated logout (OIDC4),
 * personal API tokens (OIDC5) and LOCAL_LOGIN=0; storage promises SRV-ST10 (no half-created accounts)
 * and SRV-ST11 (API tokens as sessions) in apps/server/SPEC.md.
 */
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { api, createDoc, freePort, seedUsers, signIn, startTestServer, tempDataDir } from './harness.js'
import { ACCOUNTS, CLIENT_ID, CookieJar, FOREIGN_TENANT } from './oidcProvider.js'
import { base, callback, envFor, me, op, opened, refusedWith, server, signInWithProvider, throughProvider, userCount, useOidcWorld } from './oidcWorld.js'

useOidcWorld()

describe('OIDC code flow and users from claims (OIDC1, OIDC3)', () => {
  it('starts with PKCE, state and nonce at the discovered authorization endpoint', async () => {
    const res = await new CookieJar().fetch(`${base}/api/oidc/login`)
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(to.origin + to.pathname).toBe(`${op.issuer}/auth`)
    expect(to.searchParams.get('code_challenge_method')).toBe('S256')
    for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)?.length).toBeGreaterThan(20)
    expect(to.searchParams.get('client_id')).toBe(CLIENT_ID)
    expect(res.headers.get('set-cookie')).toMatch(/perspektiv_oidc=.*HttpOnly.*SameSite=Lax/i)
  })

  it('a new user signs in, lands where they were going, and is created from the claims', async () => {
    const jar = await signInWithProvider('anna-sub', '/documents/x')
    expect(jar.cookies.has('perspektiv_session')).toBe(true)
    const res = await me(jar)
    expect(res.body).toEqual({ username: 'anna.berg', name: 'Anna Berg', title: 'Utredare', admin: false })
  })

  it('usernames are made unique, the admin role maps, and the user can be shared with by name', async () => {
    const bo = await signInWithProvider('bo-sub')
    expect((await me(bo)).body).toEqual({ username: 'bo.oberg2', name: 'Bo Öberg', title: 'Enhetschef', admin: true })
    const anna = await signInWithProvider('anna-sub')
    const created = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { cookie: anna.header(), origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'remissvar', title: 'Delas med Bo' }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const shared = await fetch(`${base}/api/documents/${id}/members`, {
      method: 'PUT',
      headers: { cookie: anna.header(), origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bo.oberg2', role: 'author' }),
    })
    expect(shared.status).toBe(200)
    const list = await api(base, 'GET', '/api/documents', { headers: { cookie: bo.header() } })
    expect(list.body.documents.map((d: { title: string }) => d.title)).toContain('Delas med Bo')
  })

  it('name and title follow the provider on each sign-in; the account and username stay', async () => {
    const before = userCount()
    ACCOUNTS['anna-sub']!.name = 'Anna Berg-Lund'
    ACCOUNTS['anna-sub']!.jobTitle = 'Senior utredare'
    try {
      const jar = await signInWithProvider('anna-sub')
      expect((await me(jar)).body).toEqual({ username: 'anna.berg', name: 'Anna Berg-Lund', title: 'Senior utredare', admin: false })
      expect(userCount()).toBe(before)
    } finally {
      ACCOUNTS['anna-sub']!.name = 'Anna Berg'
      ACCOUNTS['anna-sub']!.jobTitle = 'Utredare'
    }
  })

  it('an OIDC account has no password: local sign-in with its username fails', async () => {
    const res = await api(base, 'POST', '/api/session', { body: { username: 'anna.berg', password: '!oidc' } })
    expect(res.status).toBe(401)
  })
})

describe('OIDC bad input is refused, with nothing created (OIDC2)', () => {
  it('a wrong state', async () => {
    const jar = new CookieJar()
    const url = new URL(await throughProvider(jar, 'anna-sub'))
    url.searchParams.set('state', 'forged-state-value')
    await refusedWith(jar, url.href, 'state')
    const options = await api(base, 'GET', '/api/sign-in-options?fel=state')
    expect(options.body.error).toMatch(/^Inloggningen kunde inte slutföras/)
  })

  it('a callback in another browser than the one that started (no binding cookie)', async () => {
    const jar = new CookieJar()
    const url = await throughProvider(jar, 'anna-sub')
    await refusedWith(new CookieJar(), url, 'state')
  })

  it('a replayed code', async () => {
    const jar = new CookieJar()
    const first = new URL(await throughProvider(jar, 'anna-sub'))
    expect((await callback(jar, first.href)).location).toBe('/')
    // The same code under a fresh, valid state: the provider refuses the second redemption.
    const again = new URL(await throughProvider(jar, 'anna-sub'))
    again.searchParams.set('code', first.searchParams.get('code')!)
    jar.cookies.delete('perspektiv_session')
    await refusedWith(jar, again.href, 'code')
  })

  it('an expired ID token (signed by the provider)', async () => {
    const jar = new CookieJar()
    const url = await throughProvider(jar, 'anna-sub')
    const past = Math.floor(Date.now() / 1000) - 7200
    op.rewriteNextIdToken({ key: 'provider', claims: (c) => ({ ...c, iat: past, exp: past + 600 }) })
    await refusedWith(jar, url, 'id-token')
  })

  it('an ID token signed with another key', async () => {
    const jar = new CookieJar()
    const url = await throughProvider(jar, 'anna-sub')
    op.rewriteNextIdToken({ key: 'stranger', claims: (c) => c })
    await refusedWith(jar, url, 'id-token')
  })

  it('a user of a tenant not in OIDC_TENANTS', async () => {
    const jar = new CookieJar()
    await refusedWith(jar, await throughProvider(jar, 'stranger-sub'), 'tenant')
    expect(ACCOUNTS['stranger-sub']!.tid).toBe(FOREIGN_TENANT)
  })

  it('a provider that goes down during the sign-in', async () => {
    const jar = new CookieJar()
    const url = await throughProvider(jar, 'anna-sub')
    op.setTokenEndpointDown(true)
    try {
      await refusedWith(jar, url, 'provider')
    } finally {
      op.setTokenEndpointDown(false)
    }
  })

  it('a provider that cannot be reached at all; the server keeps serving', async () => {
    const port = await freePort()
    const dir = tempDataDir()
    const deadIssuer = `http://127.0.0.1:${await freePort()}`
    const other = await startTestServer(dir.dir, { port, oidc: envFor(deadIssuer, port) })
    try {
      const res = await fetch(`${other.url}/api/oidc/login`, { redirect: 'manual' })
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('/logga-in?fel=provider')
      expect((await api(other.url, 'GET', '/api/sign-in-options?fel=provider')).body.error).toMatch(/svarar inte/)
      expect((await api(other.url, 'GET', '/api/health')).status).toBe(200)
    } finally {
      await other.close()
      dir.remove()
    }
  })
})

describe('disabled accounts (OIDC3) and back-channel logout (OIDC4)', () => {
  it('an account that lost the required role cannot sign in, and its sessions end', async () => {
    const jar = await signInWithProvider('bo-sub')
    expect((await me(jar)).status).toBe(200)
    const roles = ACCOUNTS['bo-sub']!.roles
    ACCOUNTS['bo-sub']!.roles = []
    try {
      const again = new CookieJar()
      await refusedWith(again, await throughProvider(again, 'bo-sub'), 'disabled')
      expect((await me(jar)).status).toBe(401)
    } finally {
      ACCOUNTS['bo-sub']!.roles = roles
    }
    expect((await me(await signInWithProvider('bo-sub'))).status).toBe(200)
  })

  it("ends the provider session's sessions and closes their sockets; other sessions stay", async () => {
    let sid = ''
    const jar = new CookieJar()
    const url = await throughProvider(jar, 'anna-sub')
    // Read the session id the provider put in the ID token (re-signed unchanged with its own key).
    op.rewriteNextIdToken({
      key: 'provider',
      claims: (c) => {
        sid = String(c.sid)
        return c
      },
    })
    expect((await callback(jar, url)).location).toBe('/')
    expect(sid.length).toBeGreaterThan(5)
    const otherBrowser = await signInWithProvider('anna-sub')

    const res = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { cookie: jar.header(), origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'remissvar', title: 'Öppen i editorn' }),
    })
    const { id } = (await res.json()) as { id: string }
    const socket = new WebSocket(`${server.wsUrl}/${id}`, { headers: { cookie: jar.header(), origin: base } })
    const closed = new Promise<number>((ok) => socket.on('close', (code) => ok(code)))
    await opened(socket)

    await op.backchannelLogout('anna-sub', sid)
    expect(await closed).toBe(1008)
    expect((await me(jar)).status).toBe(401)
    expect((await me(otherBrowser)).status).toBe(200)
  })

  it('refuses a logout token that is not from the provider, ending nothing', async () => {
    const jar = await signInWithProvider('anna-sub')
    for (const body of ['logout_token=not.a.jwt', '']) {
      const res = await fetch(`${base}/api/oidc/backchannel-logout`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request')
    }
    expect((await me(jar)).status).toBe(200)
  })
})

describe('RP-initiated logout (OIDC4)', () => {
  it("signing out of a provider session hands the browser the provider's end-session URL", async () => {
    const jar = await signInWithProvider('anna-sub')
    const res = await api(base, 'DELETE', '/api/session', { headers: { cookie: jar.header(), origin: base } })
    expect(res.status).toBe(200)
    const url = new URL(res.body.logoutUrl)
    expect(url.origin + url.pathname).toBe(`${op.issuer}/session/end`)
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/logga-in`)
    expect(url.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3)
    expect((await me(jar)).status).toBe(401)
    // The provider accepts it: its own sign-out confirmation page.
    const page = await jar.fetch(url.href)
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/<form[^>]*logout/i)
  })

  it('a local session still signs out with 204', async () => {
    const token = await signIn(base, 'bo.oberg')
    expect((await api(base, 'DELETE', '/api/session', { token })).status).toBe(204)
  })
})

describe('personal API tokens (OIDC5)', () => {
  it('are created, used as Bearer, listed and revoked by their owner', async () => {
    const jar = await signInWithProvider('anna-sub')
    const post = (body: unknown, headers: Record<string, string> = { cookie: jar.header(), origin: base }) =>
      fetch(`${base}/api/tokens`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await post({ name: '', expiresInDays: 30 })).status).toBe(400)
    expect((await post({ name: 'x', expiresInDays: 9999 })).status).toBe(400)
    const created = await post({ name: 'Exportskript', expiresInDays: 30 })
    expect(created.status).toBe(201)
    const t = (await created.json()) as { token: string; id: string; name: string; expiresAt: string }
    expect(t.token).toMatch(/^pat_/)
    const days = (Date.parse(t.expiresAt) - Date.now()) / 86_400_000
    expect(Math.round(days)).toBe(30)

    expect((await api(base, 'GET', '/api/me', { token: t.token })).body.username).toBe('anna.berg')
    const listed = await api(base, 'GET', '/api/tokens', { headers: { cookie: jar.header() } })
    expect(listed.body.tokens).toEqual([expect.objectContaining({ id: t.id, name: 'Exportskript', expiresAt: t.expiresAt })])
    expect(JSON.stringify(listed.body)).not.toContain(t.token)
    // A token cannot mint more tokens.
    expect((await post({ name: 'mer', expiresInDays: 1 }, { authorization: `Bearer ${t.token}` })).status).toBe(403)

    const someoneElse = await signInWithProvider('bo-sub')
    expect((await api(base, 'DELETE', `/api/tokens/${t.id}`, { headers: { cookie: someoneElse.header(), origin: base } })).status).toBe(404)
    expect((await api(base, 'DELETE', `/api/tokens/${t.id}`, { headers: { cookie: jar.header(), origin: base } })).status).toBe(204)
    expect((await api(base, 'GET', '/api/me', { token: t.token })).status).toBe(401)
  })

  it('a token opens sync sockets, and revoking it closes them', async () => {
    const jar = await signInWithProvider('anna-sub')
    const created = await fetch(`${base}/api/tokens`, {
      method: 'POST',
      headers: { cookie: jar.header(), origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Synk', expiresInDays: 1 }),
    })
    const t = (await created.json()) as { token: string; id: string }
    const id = await createDoc(base, t.token)
    const socket = new WebSocket(`${server.wsUrl}/${id}?token=${t.token}`)
    const closed = new Promise<number>((ok) => socket.on('close', (code) => ok(code)))
    await opened(socket)
    expect((await api(base, 'DELETE', `/api/tokens/${t.id}`, { headers: { cookie: jar.header(), origin: base } })).status).toBe(204)
    expect(await closed).toBe(1008)
  })
})

describe('sign-in options (OIDC2) and LOCAL_LOGIN=0', () => {
  it('tells the sign-in page the configured button; unknown error codes show nothing', async () => {
    const res = await api(base, 'GET', '/api/sign-in-options?fel=<script>')
    expect(res.body).toEqual({ local: true, oidc: { label: 'Logga in med Stockholms stads konto', loginUrl: '/api/oidc/login' } })
  })

  it('local sign-in can be switched off', async () => {
    const dir = tempDataDir()
    await seedUsers(dir.dir, ['lokal'])
    const other = await startTestServer(dir.dir, { localLogin: false })
    try {
      const res = await api(other.url, 'POST', '/api/session', { body: { username: 'lokal', password: 'correct horse battery staple' } })
      expect(res.status).toBe(403)
      expect(res.body.error.message).toMatch(/LOCAL_LOGIN=0/)
      expect((await api(other.url, 'GET', '/api/sign-in-options')).body).toEqual({ local: false, oidc: null })
      expect((await fetch(`${other.url}/api/oidc/login`, { redirect: 'manual' })).status).toBe(404)
    } finally {
      await other.close()
      dir.remove()
    }
  })
})
