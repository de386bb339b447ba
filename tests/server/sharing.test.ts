import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, UserStore } from '@perspektiv/server'
import { api, createDoc, PASSWORD, signIn, startTestServer, tempDataDir, type TestServer } from './harness.js'
import { readyDocument } from './sharingSupport.js'

let data: ReturnType<typeof tempDataDir>
let server: TestServer
const t: Record<string, string> = {}
const call = (who: string, method: string, path: string, body?: unknown) => api(server.url, method, path, { token: t[who], body })
const put = (who: string, id: string, username: string, role: string) => call(who, 'PUT', `/api/documents/${id}/members`, { username, role })
const del = (who: string, id: string, username: string) => call(who, 'DELETE', `/api/documents/${id}/members/${username}`)
const roles = async (id: string) =>
  Object.fromEntries((await call('anna', 'GET', `/api/documents/${id}`)).body.members.map((m: { username: string; role: string }) => [m.username, m.role]))

const PEOPLE = [
  { username: 'anna', name: 'Anna Andersson', title: 'Handläggare' },
  { username: 'erik', name: 'Erik Ek', title: 'Utredare' },
  { username: 'rita', name: 'Rita Runesson', title: 'Enhetschef' },
  { username: 'alva', name: 'Alva Alm', title: 'Avdelningschef' },
  { username: 'stefan', name: 'Stefan Stål', title: 'Förvaltningschef' },
  { username: 'root', name: 'Rolf Admin', title: 'Systemförvaltare', admin: true },
]

beforeAll(async () => {
  data = tempDataDir()
  const db = openDatabase(data.dir)
  const users = new UserStore(db)
  for (const p of PEOPLE) await users.add({ ...p, password: PASSWORD })
  // 25 more who all match "Handläggare", for the result limit.
  for (let i = 0; i < 25; i++) await users.add({ username: `hl${i}`, name: `Person ${String(i).padStart(2, '0')}`, title: 'Handläggare', password: PASSWORD })
  db.close()
  server = await startTestServer(data.dir, { summaryDelayMs: 50 })
  for (const p of [...PEOPLE, { username: 'hl0' }]) t[p.username] = await signIn(server.url, p.username)
})

afterAll(async () => {
  await server?.close()
  data?.remove()
})

describe("GET /api/users?query= (the sharing dialog's search)", () => {
  it('needs sign-in', async () => {
    const res = await api(server.url, 'GET', '/api/users?query=erik')
    expect(res.status).toBe(401)
  })

  it('finds people by name, title or username, with only username, name and title', async () => {
    const byName = await call('anna', 'GET', `/api/users?query=${encodeURIComponent('Erik E')}`)
    expect(byName.status).toBe(200)
    expect(byName.body.users).toEqual([{ username: 'erik', name: 'Erik Ek', title: 'Utredare' }])
    const byTitle = await call('anna', 'GET', `/api/users?query=${encodeURIComponent('förvaltningschef')}`)
    expect(byTitle.body.users.map((u: { username: string }) => u.username)).toEqual(['stefan'])
    const byUsername = await call('anna', 'GET', '/api/users?query=rita')
    expect(byUsername.body.users.map((u: { username: string }) => u.username)).toEqual(['rita'])
    // An administrator is found like anyone, but whether someone is admin never leaks.
    const admin = await call('anna', 'GET', '/api/users?query=root')
    expect(admin.body.users).toEqual([{ username: 'root', name: 'Rolf Admin', title: 'Systemförvaltare' }])
    for (const u of (await call('anna', 'GET', '/api/users?query=')).body.users) expect(Object.keys(u).sort()).toEqual(['name', 'title', 'username'])
  })

  it('answers at most 20 people; an over-long query is refused naming the field', async () => {
    const res = await call('anna', 'GET', `/api/users?query=${encodeURIComponent('Handläggare')}`)
    expect(res.body.users).toHaveLength(20)
    const long = await call('anna', 'GET', `/api/users?query=${'x'.repeat(101)}`)
    expect(long.status).toBe(400)
    expect(long.body.error.message).toContain('query')
  })

  it('is rate-limited per user (429 with Retry-After); others can still search', async () => {
    let limited: Awaited<ReturnType<typeof call>> | undefined
    for (let i = 0; i < 70 && !limited; i++) {
      const res = await call('hl0', 'GET', '/api/users?query=a')
      if (res.status === 429) limited = res
      else expect(res.status).toBe(200)
    }
    expect(limited?.body.error.code).toBe('rate_limited')
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await call('erik', 'GET', '/api/users?query=a')).status).toBe(200)
  })
})

describe('members: add, change, remove', () => {
  it('authors change members; others are refused; the last author stays', async () => {
    const id = await createDoc(server.url, t.anna!, 'Delningstest')
    expect((await put('anna', id, 'erik', 'author')).status).toBe(200)
    expect((await put('anna', id, 'rita', 'reviewer')).status).toBe(200)
    expect((await put('rita', id, 'alva', 'approver')).status).toBe(403)
    expect((await put('stefan', id, 'alva', 'approver')).status).toBe(403)
    expect((await put('anna', id, 'nobody', 'reader')).status).toBe(404)
    expect((await put('anna', id, 'erik', 'reader')).status).toBe(200)
    expect(await roles(id)).toEqual({ anna: 'author', erik: 'reader', rita: 'reviewer' })
    // Every member sees who else is on the document.
    expect((await call('rita', 'GET', `/api/documents/${id}`)).body.members).toHaveLength(3)
    const last = await put('anna', id, 'anna', 'reader')
    expect(last.status).toBe(409)
    expect((await del('anna', id, 'anna')).status).toBe(409)
    expect((await del('anna', id, 'erik')).status).toBe(200)
    expect((await call('erik', 'GET', `/api/documents/${id}`)).status).toBe(403)
    expect((await del('anna', id, 'erik')).status).toBe(404)
  })

  it("audits each change with the people's names", async () => {
    const id = await createDoc(server.url, t.anna!, 'Loggtest')
    await put('anna', id, 'erik', 'author')
    await put('erik', id, 'rita', 'reviewer')
    await del('erik', id, 'rita')
    const entries = (await call('anna', 'GET', `/api/documents/${id}/audit`)).body.entries
    expect(entries.slice(1)).toMatchObject([
      {
        action: 'member.set',
        actor: { username: 'anna', name: 'Anna Andersson' },
        details: { username: 'erik', name: 'Erik Ek', role: 'author', previous: null },
      },
      { action: 'member.set', actor: { name: 'Erik Ek' }, details: { username: 'rita', name: 'Rita Runesson', role: 'reviewer' } },
      { action: 'member.removed', actor: { name: 'Erik Ek' }, details: { username: 'rita', name: 'Rita Runesson', role: 'reviewer' } },
    ])
  })

  it("an entry written before names were stored shows the account's name, not the username (issue #23)", async () => {
    const id = await createDoc(server.url, t.anna!, 'Gammal logg')
    // As an older server wrote it: the username only.
    const db = openDatabase(data.dir)
    db.prepare('INSERT INTO audit_log (document_id, actor, action, details, at) VALUES (?, NULL, ?, ?, ?)').run(
      id,
      'member.set',
      JSON.stringify({ username: 'erik', role: 'author' }),
      new Date().toISOString(),
    )
    db.close()
    const entries = (await call('anna', 'GET', `/api/documents/${id}/audit`)).body.entries
    expect(entries.at(-1)).toMatchObject({ action: 'member.set', details: { username: 'erik', name: 'Erik Ek', role: 'author' } })
  })

  it('under review approvers are frozen (409, Swedish reason: reopen first); others may change; after approval nothing changes', async () => {
    const id = await readyDocument(server.url, server.wsUrl, t.anna!, 'Frystest')
    await put('anna', id, 'alva', 'approver')
    await put('anna', id, 'stefan', 'approver')
    await put('anna', id, 'erik', 'reader')
    const sent = await call('anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' })
    expect(sent.status).toBe(200)

    const frozen = [
      await put('anna', id, 'rita', 'approver'), // adding an approver
      await put('anna', id, 'alva', 'reader'), // demoting one
      await del('anna', id, 'stefan'), // removing the last pending one would leave it stuck
      await put('anna', id, 'anna', 'approver'), // an author making himself approver
    ]
    for (const res of frozen) {
      expect(res.status).toBe(409)
      expect(res.body.error.details).toMatchObject({ reason: 'approversInReview' })
      expect(res.body.error.details.message).toMatch(/Återöppna dokumentet/)
    }
    expect(await roles(id)).toMatchObject({ anna: 'author', alva: 'approver', stefan: 'approver', erik: 'reader' })
    // Readers, reviewers and co-authors can still be changed during review.
    expect((await put('anna', id, 'erik', 'reviewer')).status).toBe(200)
    expect((await put('anna', id, 'rita', 'author')).status).toBe(200)
    expect((await put('anna', id, 'alva', 'approver')).status).toBe(200) // unchanged role: nothing to refuse

    // Reopened, approvers may change again.
    expect((await call('anna', 'POST', `/api/documents/${id}/status`, { to: 'utkast' })).status).toBe(200)
    expect((await del('anna', id, 'stefan')).status).toBe(200)
    expect((await call('anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' })).status).toBe(200)
    expect((await call('alva', 'POST', `/api/documents/${id}/approvals`)).body.status).toBe('godkand')

    for (const res of [await put('anna', id, 'stefan', 'reader'), await put('anna', id, 'erik', 'reader'), await del('anna', id, 'rita')]) {
      expect(res.status).toBe(409)
      expect(res.body.error.details).toMatchObject({ reason: 'approved', message: expect.stringMatching(/godkänt och låst/) })
    }
    expect(await roles(id)).toEqual({ anna: 'author', rita: 'author', erik: 'reviewer', alva: 'approver' })
  })
})

describe("GET /api/documents?query= (the dashboard's search)", () => {
  it("finds the caller's documents by title or Dnr, case-insensitively; never others' documents", async () => {
    const mine = await call('anna', 'POST', '/api/documents', {
      templateId: 'remissvar',
      title: 'Svar på remiss om Äldreomsorg',
      meta: { dnr: 'SDN 2026/481' },
    })
    await call('anna', 'POST', '/api/documents', { templateId: 'remissvar', title: 'Något annat' })
    const eriks = await call('erik', 'POST', '/api/documents', { templateId: 'remissvar', title: 'Eriks äldreomsorg' })
    const ids = async (who: string, query: string) =>
      (await call(who, 'GET', `/api/documents?query=${encodeURIComponent(query)}`)).body.documents.map((d: { id: string }) => d.id)
    expect(await ids('anna', 'äldreomsorg')).toEqual([mine.body.id])
    expect(await ids('anna', 'sdn 2026/481')).toEqual([mine.body.id])
    expect(await ids('erik', 'ÄLDREOMSORG')).toEqual([eriks.body.id])
    expect(await ids('anna', 'finns inte')).toEqual([])
    const long = await call('anna', 'GET', `/api/documents?query=${'x'.repeat(201)}`)
    expect(long.status).toBe(400)
  })
})
