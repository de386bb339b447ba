import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, UserStore } from '@perspektiv/server'
import { api, connect, connected, PASSWORD, signIn, startTestServer, tempDataDir, upgradeStatus, waitFor, type Client, type TestServer } from './harness.js'
import { resolveThread } from './gateSupport.js'
import { readyDocument, writeComment } from './sharingSupport.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const WsClient = createRequire(import.meta.url)('ws') as any

let data: ReturnType<typeof tempDataDir>
let server: TestServer
const t: Record<string, string> = {}
const clients: Client[] = []
const sockets: Array<{ close(): void }> = []
const call = (who: string, method: string, path: string, body?: unknown) => api(server.url, method, path, { token: t[who], body })
const eventsUrl = () => server.url.replace(/^http/, 'ws') + '/events'

/** A signed-in browser's events socket: every JSON message it received. */
async function events(who: string): Promise<{ messages: any[] }> {
  const ws = new WsClient(`${eventsUrl()}?token=${t[who]}`)
  const messages: any[] = []
  ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString())))
  await new Promise((ok, fail) => {
    ws.on('open', ok)
    ws.on('error', fail)
  })
  sockets.push(ws)
  await waitFor(() => messages.some((m) => m.type === 'hello'), 5_000, 'hello')
  return { messages }
}
const notes = (socket: { messages: any[] }) => socket.messages.filter((m) => m.type === 'notification').map((m) => m.notification)
const listed = async (who: string) =>
  (await call(who, 'GET', '/api/notifications')).body.notifications as Array<{
    kind: string
    text: string
    documentId: string
    target: string | null
    read: boolean
    id: number
  }>

const PEOPLE = [
  { username: 'anna', name: 'Anna Andersson', title: 'Handläggare' },
  { username: 'erik', name: 'Erik Ek', title: 'Utredare' },
  { username: 'rita', name: 'Rita Runesson', title: 'Kvalitetsgranskare' },
  { username: 'alva', name: 'Alva Alm', title: 'Avdelningschef' },
  { username: 'olle', name: 'Olle Utomstående', title: 'Handläggare' },
]

beforeAll(async () => {
  data = tempDataDir()
  const db = openDatabase(data.dir)
  const users = new UserStore(db)
  for (const p of PEOPLE) await users.add({ ...p, password: PASSWORD })
  db.close()
  server = await startTestServer(data.dir, { summaryDelayMs: 50 })
  for (const p of PEOPLE) t[p.username] = await signIn(server.url, p.username)
})

afterAll(async () => {
  for (const s of sockets) s.close()
  for (const c of clients) c.destroy()
  await server?.close()
  data?.remove()
})

describe('the /events socket', () => {
  it('is authenticated before the upgrade like /sync: no credentials 401, a cookie from another origin 403', async () => {
    expect(await upgradeStatus(eventsUrl())).toBe(401)
    expect(await upgradeStatus(`${eventsUrl()}?token=not-a-token`)).toBe(401)
    const cookie = `perspektiv_session=${t.anna}`
    expect(await upgradeStatus(eventsUrl(), { cookie, origin: 'http://evil.example' })).toBe(403)
    expect(await upgradeStatus(eventsUrl(), { cookie, origin: server.url })).toBe(101)
  })

  it('says hello with the unread count; signing out closes it', async () => {
    const token = await signIn(server.url, 'olle')
    const ws = new WsClient(`${eventsUrl()}?token=${token}`)
    const first = await new Promise<any>((ok) => ws.once('message', (d: Buffer) => ok(JSON.parse(d.toString()))))
    expect(first).toEqual({ type: 'hello', unread: 0 })
    const closed = new Promise<number>((ok) => ws.on('close', (code: number) => ok(code)))
    await api(server.url, 'DELETE', '/api/session', { token })
    expect(await closed).toBe(1008)
  })
})

describe('notifications', () => {
  let id: string
  type Socket = { messages: any[] }
  let anna: Socket, erik: Socket, rita: Socket, alva: Socket, olle: Socket

  beforeAll(async () => {
    ;[anna, erik, rita, alva, olle] = (await Promise.all(['anna', 'erik', 'rita', 'alva', 'olle'].map(events))) as [Socket, Socket, Socket, Socket, Socket]
    id = await readyDocument(server.url, server.wsUrl, t.anna!, 'Notisdokument')
  })

  it('added to a document: the added person learns it live, with the role and who did it; the actor does not', async () => {
    for (const [username, role] of [
      ['erik', 'author'],
      ['rita', 'reviewer'],
      ['alva', 'approver'],
    ] as const) {
      expect((await call('anna', 'PUT', `/api/documents/${id}/members`, { username, role })).status).toBe(200)
    }
    await waitFor(() => notes(alva).length === 1, 5_000, 'alva notified')
    expect(notes(erik)).toMatchObject([
      { kind: 'member.added', documentId: id, text: 'Anna Andersson gav dig rollen Författare i ”Notisdokument”.', read: false },
    ])
    expect(notes(rita)[0].text).toContain('rollen Granskare')
    expect(notes(alva)[0].text).toContain('rollen Godkännare')
    expect(notes(anna)).toEqual([])
    // The membership change reaches the members' open browsers as a document event.
    expect(erik.messages.filter((m) => m.type === 'document')).toContainEqual({ type: 'document', documentId: id, change: 'members', status: 'utkast' })
    expect(await listed('erik')).toMatchObject([{ kind: 'member.added', read: false }])
  })

  it('sent to review: reviewers and approvers, each told their role', async () => {
    expect((await call('anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' })).status).toBe(200)
    await waitFor(() => notes(rita).length === 2 && notes(alva).length === 2, 5_000, 'review requested')
    expect(notes(rita)[1]).toMatchObject({ kind: 'review.requested', text: 'Anna Andersson skickade ”Notisdokument” till granskning. Du är granskare.' })
    expect(notes(alva)[1]).toMatchObject({ kind: 'review.requested', text: expect.stringContaining('Du är godkännare') })
    expect(notes(erik).map((n) => n.kind)).toEqual(['member.added'])
    expect(rita.messages).toContainEqual({ type: 'document', documentId: id, change: 'status', status: 'granskning' })
  })

  it("a comment mentioning @erik reaches Erik; a reply reaches the thread's earlier participants", async () => {
    const ritaReview = connect(server.wsUrl, `${id}/review`, t.rita!)
    const annaReview = connect(server.wsUrl, `${id}/review`, t.anna!)
    clients.push(ritaReview, annaReview)
    await Promise.all([connected(ritaReview), connected(annaReview)])
    writeComment(ritaReview, { threadId: 't1', commentId: 'c1', username: 'rita', name: 'Rita Runesson', text: 'Kan @erik förtydliga finansieringen?' })
    await waitFor(() => notes(erik).length === 2, 5_000, 'erik mentioned')
    expect(notes(erik)[1]).toMatchObject({ kind: 'mention', documentId: id, target: 't1', text: 'Rita Runesson nämnde dig i en kommentar i ”Notisdokument”.' })
    // A comment nobody is mentioned in and no earlier participant: nobody is told.
    expect(notes(anna)).toEqual([])

    await waitFor(() => annaReview.doc.getMap('threads').has('t1'), 5_000, 'thread synced')
    writeComment(annaReview, { threadId: 't1', commentId: 'c2', username: 'anna', name: 'Anna Andersson', text: 'Vi lägger till ett stycke.', reply: true })
    await waitFor(() => notes(rita).length === 3, 5_000, 'rita told of the reply')
    expect(notes(rita)[2]).toMatchObject({
      kind: 'comment.reply',
      target: 't1',
      text: 'Anna Andersson svarade i en kommentarstråd du deltar i, i ”Notisdokument”.',
    })
    expect(notes(anna)).toEqual([])
  })

  it("a comment claiming another author is refused (issue 22.6) and notifies nobody in that person's name", async () => {
    const ritaReview = clients[0]!
    const forger = connect(server.wsUrl, `${id}/review`, t.rita!)
    await connected(forger)
    const closed = new Promise<number>((done) => forger.provider.on('connection-close', (event: CloseEvent | null) => done(event?.code ?? 0)))
    writeComment(forger, { threadId: 't2', commentId: 'c3', username: 'alva', name: 'Alva Alm', text: '@erik godkänn nu' })
    expect(await closed).toBe(4403)
    forger.destroy()
    writeComment(ritaReview, { threadId: 't3', commentId: 'c4', username: 'rita', name: 'Rita Runesson', text: 'Tack @erik' })
    await waitFor(() => notes(erik).length >= 3, 5_000, 'the genuine mention')
    expect(
      notes(erik)
        .slice(2)
        .map((n) => n.text),
    ).toEqual(['Rita Runesson nämnde dig i en kommentar i ”Notisdokument”.'])
  })

  it('a verdict reaches the authors', async () => {
    const ritaReview = clients[0]!
    ritaReview.doc.getMap('verdicts').set('barnratt', {
      verdict: 'komplettering',
      comment: 'Barnens egna röster saknas.',
      by: { username: 'rita', name: 'Rita Runesson' },
      at: new Date().toISOString(),
      sectionFingerprint: 'x',
    })
    await waitFor(() => notes(anna).length === 1 && notes(erik).some((n) => n.kind === 'verdict.given'), 5_000, 'verdict notified')
    expect(notes(anna)[0]).toMatchObject({
      kind: 'verdict.given',
      text: 'Rita Runesson gav omdömet ”Behöver kompletteras” om Barnrättsperspektiv i ”Notisdokument”.',
    })
  })

  it('approval given → authors; approved → everyone else; reopened → everyone involved', async () => {
    const before = notes(anna).length
    // The gate (issue 13) refuses approval while threads are open or a verdict asks for more:
    // the earlier tests left three threads and a 'komplettering', so settle them first.
    const annaReview = clients[1]!
    const ritaReview = clients[0]!
    for (const thread of ['t1', 't3']) resolveThread(annaReview.doc, thread, { username: 'anna', name: 'Anna Andersson' })
    ritaReview.doc.getMap('verdicts').delete('barnratt')
    await waitFor(
      () => {
        const threads = ritaReview.doc.getMap('threads')
        return (
          ['t1', 't3'].every((k) => (threads.get(k) as { toJSON(): { resolved?: unknown } } | undefined)?.toJSON().resolved === true) &&
          !annaReview.doc.getMap('verdicts').has('barnratt')
        )
      },
      5_000,
      'threads resolved and the verdict withdrawn on both sides',
    )
    const approval = await call('alva', 'POST', `/api/documents/${id}/approvals`)
    expect(approval.body.status, JSON.stringify(approval.body).slice(0, 400)).toBe('godkand')
    await waitFor(() => notes(anna).length === before + 2 && notes(rita).some((n) => n.kind === 'document.approved'), 5_000, 'approval notified')
    expect(
      notes(anna)
        .slice(before)
        .map((n) => [n.kind, n.text]),
    ).toEqual([
      ['approval.given', 'Alva Alm godkände ”Notisdokument”.'],
      ['document.approved', '”Notisdokument” är godkänt av alla godkännare och låst.'],
    ])
    expect(notes(alva).some((n) => n.kind === 'document.approved')).toBe(false)
    expect(anna.messages).toContainEqual({ type: 'document', documentId: id, change: 'status', status: 'godkand' })

    // Reopening: a second document, sent to review and reopened.
    const id2 = await readyDocument(server.url, server.wsUrl, t.anna!, 'Återöppnas')
    await call('anna', 'PUT', `/api/documents/${id2}/members`, { username: 'rita', role: 'reviewer' })
    await call('anna', 'POST', `/api/documents/${id2}/status`, { to: 'granskning' })
    expect((await call('anna', 'POST', `/api/documents/${id2}/status`, { to: 'utkast' })).status).toBe(200)
    await waitFor(() => notes(rita).some((n) => n.kind === 'document.reopened'), 5_000, 'reopened notified')
    expect(notes(rita).find((n) => n.kind === 'document.reopened').text).toBe(
      'Anna Andersson återöppnade ”Återöppnas” för ändringar; tidigare godkännanden gäller inte längre.',
    )
  })

  it('a refused workflow call notifies nobody', async () => {
    const count = notes(rita).length
    expect((await call('anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' })).status).toBe(409)
    expect((await call('rita', 'POST', `/api/documents/${id}/approvals`)).status).toBe(403)
    // A later event proves the socket is live and the refused calls produced nothing.
    await call('anna', 'PUT', `/api/documents/${await readyDocument(server.url, server.wsUrl, t.anna!, 'Kontroll')}/members`, {
      username: 'rita',
      role: 'reader',
    })
    await waitFor(() => notes(rita).length === count + 1, 5_000, 'the control notification')
    expect(notes(rita)[count].kind).toBe('member.added')
  })

  it("another user's notifications and document events are never delivered", async () => {
    expect(notes(olle)).toEqual([])
    expect(olle.messages.filter((m) => m.type !== 'hello')).toEqual([])
    expect(await listed('olle')).toEqual([])
  })

  it("mark one read, then all; only one's own; the other tabs follow", async () => {
    const mine = await listed('rita')
    const unread = mine.filter((n) => !n.read).length
    expect(unread).toBeGreaterThan(2)
    const eriksOwn = (await listed('erik'))[0]!.id
    // Someone else's id changes nothing.
    expect((await call('rita', 'POST', '/api/notifications/read', { ids: [eriksOwn] })).body.unread).toBe(unread)
    expect((await listed('erik')).find((n) => n.id === eriksOwn)!.read).toBe(false)
    const one = await call('rita', 'POST', '/api/notifications/read', { ids: [mine[0]!.id] })
    expect(one.body.unread).toBe(unread - 1)
    await waitFor(() => rita.messages.some((m) => m.type === 'read' && m.unread === unread - 1), 5_000, 'the read event')
    expect((await call('rita', 'POST', '/api/notifications/read', {})).body.unread).toBe(0)
    expect((await listed('rita')).every((n) => n.read)).toBe(true)
    const bad = await call('rita', 'POST', '/api/notifications/read', { ids: ['x'] })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('ids')
    expect((await api(server.url, 'GET', '/api/notifications')).status).toBe(401)
  })
})
