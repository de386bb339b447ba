import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coverageReportSchema } from '@perspektiv/model'
import { addMember, api, createDoc, PASSWORD, seedUsers, signIn, sleep, startTestServer, tempDataDir, type TestServer } from './harness.js'
import { serverWorld } from './world.js'

const w = serverWorld(['anna', 'rita', 'olle'], {})
const { t } = w
let docId: string

beforeAll(async () => {
  docId = await createDoc(w.server.url, t.anna!, 'API-test')
  await addMember(w.server.url, t.anna!, docId, 'rita', 'reviewer')
})

const memberBody = { username: 'olle', role: 'reader' }
/** Every authenticated route, with a body where it takes one. */
const routes = () =>
  [
    ['GET', '/api/me'],
    ['GET', '/api/templates'],
    ['GET', '/api/users?q=a'],
    ['GET', '/api/documents'],
    ['POST', '/api/documents', { templateId: 'remissvar', title: 'X' }],
    ['GET', `/api/documents/${docId}`],
    ['GET', `/api/documents/${docId}/coverage`],
    ['GET', `/api/documents/${docId}/workflow`],
    ['PUT', `/api/documents/${docId}/members`, memberBody],
    ['DELETE', `/api/documents/${docId}/members/rita`],
    ['DELETE', '/api/session'],
  ] as Array<[string, string, unknown?]>

describe('REST API', () => {
  it('health needs no sign-in', async () => {
    expect(await api(w.server.url, 'GET', '/api/health')).toMatchObject({ status: 200, body: { ok: true } })
  })

  it('401 on every other route without credentials or with a wrong token', async () => {
    for (const [method, path, body] of routes()) {
      for (const token of [undefined, 'wrong-token']) {
        const res = await api(w.server.url, method, path, { body, token })
        expect(res.status, `${method} ${path}`).toBe(401)
        expect(res.body.error.code).toBe('unauthenticated')
      }
    }
  })

  it('403 on document routes for someone without a role; 403 on member changes for a non-author; 404 for unknown ids', async () => {
    for (const [method, path, body] of routes().filter(([, p]) => p.includes(docId))) {
      const res = await api(w.server.url, method, path, { body, token: t.olle })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      const unknown = await api(w.server.url, method, path.replace(docId, 'nosuchdoc'), { body, token: t.anna })
      expect(unknown.status, `${method} ${path} unknown`).toBe(404)
    }
    expect((await api(w.server.url, 'PUT', `/api/documents/${docId}/members`, { token: t.rita, body: memberBody })).status).toBe(403)
    expect((await api(w.server.url, 'DELETE', `/api/documents/${docId}/members/anna`, { token: t.rita })).status).toBe(403)
    // The reviewer may read.
    expect((await api(w.server.url, 'GET', `/api/documents/${docId}`, { token: t.rita })).status).toBe(200)
  })

  it('lists only documents the caller has a role in, with role, status and coverage summary', async () => {
    const anna = await api(w.server.url, 'GET', '/api/documents', { token: t.anna })
    expect(anna.body.documents).toHaveLength(1)
    expect(anna.body.documents[0]).toMatchObject({ id: docId, title: 'API-test', role: 'author', status: 'utkast', templateId: 'remissvar' })
    expect(anna.body.documents[0].coverage).toMatchObject({ complete: false, perspectives: { barnratt: 'incomplete' } })
    expect((await api(w.server.url, 'GET', '/api/documents', { token: t.rita })).body.documents[0].role).toBe('reviewer')
    expect((await api(w.server.url, 'GET', '/api/documents', { token: t.olle })).body.documents).toEqual([])
  })

  it('creates a document with its skeleton, meta and the caller as author', async () => {
    const res = await api(w.server.url, 'POST', '/api/documents', {
      token: t.olle,
      body: { templateId: 'beslut', title: 'Nytt ärende', meta: { dnr: 'EÅV 2026/1', namnd: 'Stadsdelsnämnden' } },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ title: 'Nytt ärende', dnr: 'EÅV 2026/1', role: 'author', meta: { namnd: 'Stadsdelsnämnden' } })
    expect(res.body.members).toEqual([{ username: 'olle', name: 'Olle', title: 'Testare', role: 'author' }])
    expect(res.body.coverageReport.sections.map((s: { key: string }) => s.key)).toContain('ekonomi')
    const coverage = await api(w.server.url, 'GET', `/api/documents/${res.body.id}/coverage`, { token: t.olle })
    expect(coverageReportSchema.parse(coverage.body).perspectives.map((p) => p.status)).toEqual(Array(5).fill('incomplete'))
  })

  it('400 for invalid bodies, naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ templateId: 'remissvar', title: '' }, 'title'],
      [{ templateId: 'remissvar' }, 'title'],
      [{ templateId: 'nope', title: 'X' }, 'templateId'],
      [{ templateId: 'remissvar', title: 'X', meta: { dnr: 'fel' } }, 'meta.dnr'],
      [{ templateId: 'remissvar', title: 'X', meta: { meetingDate: '19 feb' } }, 'meta.meetingDate'],
      [{ templateId: 'remissvar', title: 'X', extra: 1 }, 'extra'],
    ]
    for (const [body, field] of cases) {
      const res = await api(w.server.url, 'POST', '/api/documents', { token: t.anna, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid')
      expect(res.body.error.message, JSON.stringify(body)).toContain(field)
    }
    const role = await api(w.server.url, 'PUT', `/api/documents/${docId}/members`, { token: t.anna, body: { username: 'olle', role: 'boss' } })
    expect(role.status).toBe(400)
    expect(role.body.error.message).toContain('role')
    const broken = await api(w.server.url, 'POST', '/api/documents', { token: t.anna, body: '{"templateId": ' })
    expect(broken.status).toBe(400)
    expect(broken.body.error.code).toBe('invalid')
    const login = await api(w.server.url, 'POST', '/api/session', { body: { username: 'anna' } })
    expect(login.status).toBe(400)
    expect(login.body.error.message).toContain('password')
  })

  it('413 for a 2 MB body', async () => {
    const res = await api(w.server.url, 'POST', '/api/documents', { token: t.anna, body: { templateId: 'remissvar', title: 'x'.repeat(2 * 1024 * 1024) } })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('too_large')
  })

  it('members: unknown username 404, the last author stays, changes show in the list', async () => {
    const unknown = await api(w.server.url, 'PUT', `/api/documents/${docId}/members`, { token: t.anna, body: { username: 'nobody', role: 'reader' } })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toContain('"nobody"')
    const demote = await api(w.server.url, 'PUT', `/api/documents/${docId}/members`, { token: t.anna, body: { username: 'anna', role: 'reader' } })
    expect(demote.status).toBe(409)
    expect((await api(w.server.url, 'DELETE', `/api/documents/${docId}/members/anna`, { token: t.anna })).status).toBe(409)
    const add = await api(w.server.url, 'PUT', `/api/documents/${docId}/members`, { token: t.anna, body: { username: 'OLLE', role: 'approver' } })
    expect(add.status).toBe(200)
    expect(add.body.members.map((m: { username: string; role: string }) => `${m.username}:${m.role}`)).toEqual([
      'anna:author',
      'rita:reviewer',
      'olle:approver',
    ])
    const removed = await api(w.server.url, 'DELETE', `/api/documents/${docId}/members/olle`, { token: t.anna })
    expect(removed.body.members).toHaveLength(2)
    expect((await api(w.server.url, 'GET', `/api/documents/${docId}`, { token: t.olle })).status).toBe(403)
    expect((await api(w.server.url, 'DELETE', `/api/documents/${docId}/members/olle`, { token: t.anna })).status).toBe(404)
  })

  it('users lookup, me and templates', async () => {
    expect((await api(w.server.url, 'GET', '/api/me', { token: t.rita })).body).toEqual({ username: 'rita', name: 'Rita', title: 'Testare', admin: false })
    const users = await api(w.server.url, 'GET', '/api/users?q=ann', { token: t.rita })
    expect(users.body.users.map((u: { username: string }) => u.username)).toEqual(['anna'])
    expect(JSON.stringify(users.body)).not.toContain('scrypt')
    const templates = await api(w.server.url, 'GET', '/api/templates', { token: t.rita })
    expect(templates.body.templates.map((x: { id: string }) => x.id).sort()).toEqual(['beslut', 'remissvar'])
  })

  it('cookie sign-in: HttpOnly cookie works for reads; state changes need our Origin (CSRF)', async () => {
    const res = await fetch(`${w.server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rita', password: PASSWORD }),
    })
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/perspektiv_session=[^;]+/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const cookie = setCookie.split(';')[0]!
    expect((await api(w.server.url, 'GET', '/api/me', { headers: { cookie } })).status).toBe(200)
    const body = { templateId: 'remissvar', title: 'Via cookie' }
    expect((await api(w.server.url, 'POST', '/api/documents', { headers: { cookie }, body })).status).toBe(403)
    expect((await api(w.server.url, 'POST', '/api/documents', { headers: { cookie, origin: 'http://evil.example' }, body })).status).toBe(403)
    expect((await api(w.server.url, 'POST', '/api/documents', { headers: { cookie, origin: w.server.url }, body })).status).toBe(201)
  })

  it('sign-out ends the session', async () => {
    const token = await signIn(w.server.url, 'olle')
    expect((await api(w.server.url, 'DELETE', '/api/session', { token })).status).toBe(204)
    expect((await api(w.server.url, 'GET', '/api/me', { token })).status).toBe(401)
    expect((await api(w.server.url, 'POST', '/api/session', { body: { username: 'olle', password: 'wrong' } })).status).toBe(401)
  })

  it('security headers on every response, OpenAPI and the docs page', async () => {
    const res = await api(w.server.url, 'GET', '/api/nothing-here')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('content-security-policy')).toContain('connect-src')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const openapi = await api(w.server.url, 'GET', '/api/openapi.json')
    expect(openapi.body.openapi).toBe('3.1.0')
    expect(openapi.body.paths['/api/documents'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('title')
    const docs = await fetch(`${w.server.url}/api/docs`)
    const html = await docs.text()
    expect(docs.headers.get('content-type')).toContain('text/html')
    expect(html).toContain('/api/documents/{id}/members')
    expect(html).not.toMatch(/<script|(src|href)="https?:/)
  })
})

describe('sign-in throttling and session expiry', () => {
  let second: TestServer
  let dir: ReturnType<typeof tempDataDir>
  beforeAll(async () => {
    dir = tempDataDir()
    await seedUsers(dir.dir, ['kim', 'lo'])
    second = await startTestServer(dir.dir, { throttle: { freeFailures: 3, baseDelayMs: 30_000 }, sessionIdleMs: 600 })
  })
  afterAll(async () => {
    await second?.close()
    dir?.remove()
  })

  it('429 with Retry-After after repeated failures, even with the right password', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await api(second.url, 'POST', '/api/session', { body: { username: 'kim', password: 'guess' + i } })).status).toBe(401)
    }
    const blocked = await api(second.url, 'POST', '/api/session', { body: { username: 'kim', password: PASSWORD } })
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('rate_limited')
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(20)
  })

  it('sessions expire when idle', async () => {
    // (Sign-in from this client address is throttled above, so this runs on its own server.)
    const fresh = tempDataDir()
    await seedUsers(fresh.dir, ['lo'])
    const s = await startTestServer(fresh.dir, { sessionIdleMs: 400 })
    try {
      const token = await signIn(s.url, 'lo')
      expect((await api(s.url, 'GET', '/api/me', { token })).status).toBe(200)
      await sleep(600)
      expect((await api(s.url, 'GET', '/api/me', { token })).status).toBe(401)
    } finally {
      await s.close()
      fresh.remove()
    }
  })
})
