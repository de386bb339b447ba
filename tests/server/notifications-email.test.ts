import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { openDatabase, UserStore } from '@perspektiv/server'
import { api, PASSWORD, signIn, startTestServer, tempDataDir, waitFor, type TestServer } from './harness.js'
import { readyDocument } from './sharingSupport.js'

interface Mail {
  to: string[]
  subject: string
  text: string
}

/** RFC 2047 header words and a quoted-printable / base64 body, as nodemailer writes them. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
    )
}
function decodeQp(text: string): string {
  const bytes: number[] = []
  const s = text.replace(/=\r?\n/g, '')
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}
function parseMail(raw: string, to: string[]): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const body = rest.join('\n\n')
  const headers = head!.replace(/\r?\n[ \t]+/g, ' ')
  const subject = decodeWords(/^Subject: (.*)$/im.exec(headers)?.[1] ?? '')
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1]?.trim().toLowerCase()
  const text = encoding === 'quoted-printable' ? decodeQp(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body
  return { to, subject, text: text.replace(/\r\n/g, '\n') }
}

let data: ReturnType<typeof tempDataDir>
let server: TestServer
let smtp: SMTPServer
const mails: Mail[] = []
const t: Record<string, string> = {}
const PUBLIC_URL = 'https://perspektiv.example.se'
const call = (who: string, method: string, path: string, body?: unknown) => api(server.url, method, path, { token: t[who], body })
const mailsTo = (address: string) => mails.filter((m) => m.to.includes(address))

beforeAll(async () => {
  // A real SMTP server in the test (no TLS, no auth), collecting what arrives.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, done) {
      let raw = ''
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')))
      stream.on('end', () => {
        mails.push(
          parseMail(
            raw,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        )
        done()
      })
    },
  })
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok))
  const smtpPort = (smtp.server.address() as AddressInfo).port

  data = tempDataDir()
  const db = openDatabase(data.dir)
  const users = new UserStore(db)
  for (const [username, name, email] of [
    ['anna', 'Anna Andersson', 'anna@example.se'],
    ['erik', 'Erik Ek', ''],
    ['rita', 'Rita Runesson', 'rita@example.se'],
  ] as const) {
    await users.add({ username, name, title: 'Handläggare', password: PASSWORD, email })
  }
  db.close()
  server = await startTestServer(data.dir, {
    summaryDelayMs: 50,
    mail: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, publicUrl: PUBLIC_URL, from: 'Perspektiv <noreply@example.se>' },
  })
  for (const u of ['anna', 'erik', 'rita']) t[u] = await signIn(server.url, u)
})

afterAll(async () => {
  await server?.close()
  await new Promise<void>((ok) => (smtp ? smtp.close(() => ok()) : ok()))
  data?.remove()
})

describe('notification e-mail (SMTP_URL set; a real SMTP server)', () => {
  it('settings: own address and per-kind choices, defaults review requests, mentions and approvals; a bad address is refused', async () => {
    const initial = await call('erik', 'GET', '/api/notifications/settings')
    expect(initial.body).toMatchObject({ email: '', delivery: true })
    expect(initial.body.kinds).toMatchObject({
      'review.requested': true,
      mention: true,
      'approval.given': true,
      'document.approved': true,
      'member.added': false,
      'comment.reply': false,
    })
    const bad = await call('erik', 'PUT', '/api/notifications/settings', { email: 'inte en adress' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('email')
    const set = await call('erik', 'PUT', '/api/notifications/settings', { email: 'erik@example.se' })
    expect(set.body.email).toBe('erik@example.se')
    const rita = await call('rita', 'PUT', '/api/notifications/settings', { kinds: { 'review.requested': false, 'document.reopened': true } })
    expect(rita.body.kinds).toMatchObject({ 'review.requested': false, 'document.reopened': true })
    // The address is one's own: it never appears in what others see.
    expect(JSON.stringify((await call('anna', 'GET', '/api/users?query=erik')).body)).not.toContain('@example.se')
    expect((await call('erik', 'GET', '/api/me')).body).not.toHaveProperty('email')
  })

  it('a review request is mailed in Swedish with a link into the document; turned-off kinds are not', async () => {
    const id = await readyDocument(server.url, server.wsUrl, t.anna!, 'Remissvar om parker')
    await call('anna', 'PUT', `/api/documents/${id}/members`, { username: 'erik', role: 'reviewer' })
    await call('anna', 'PUT', `/api/documents/${id}/members`, { username: 'rita', role: 'reviewer' })
    expect((await call('anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' })).status).toBe(200)
    await waitFor(() => mailsTo('erik@example.se').length === 1, 10_000, 'the mail to erik')
    const [mail] = mailsTo('erik@example.se')
    expect(mail!.subject).toBe('Perspektiv: Ett tjänsteutlåtande väntar på dig')
    expect(mail!.text).toContain('Anna Andersson skickade ”Remissvar om parker” till granskning. Du är granskare.')
    expect(mail!.text).toContain(`Öppna dokumentet: ${PUBLIC_URL}/documents/${id}`)

    // Rita turned review requests off but reopenings on: she gets only the latter.
    expect((await call('anna', 'POST', `/api/documents/${id}/status`, { to: 'utkast' })).status).toBe(200)
    await waitFor(() => mailsTo('rita@example.se').length === 1, 10_000, 'the mail to rita')
    expect(mailsTo('rita@example.se').map((m) => m.subject)).toEqual(['Perspektiv: Ett tjänsteutlåtande har återöppnats'])
    // Being added (off by default) mailed nobody; the actor is never mailed.
    expect(mails.map((m) => m.subject)).not.toContain('Perspektiv: Du har fått en roll i ett tjänsteutlåtande')
    expect(mailsTo('anna@example.se')).toEqual([])
  })

  it('an unreachable mail server fails nothing: the action succeeds and the in-app notification is there', async () => {
    const other = tempDataDir()
    const db = openDatabase(other.dir)
    const users = new UserStore(db)
    await users.add({ username: 'anna', name: 'Anna Andersson', password: PASSWORD })
    await users.add({ username: 'erik', name: 'Erik Ek', password: PASSWORD, email: 'erik@example.se' })
    db.close()
    // Port 1 on loopback: nothing listens there.
    const offline = await startTestServer(other.dir, { mail: { smtpUrl: 'smtp://127.0.0.1:1', publicUrl: PUBLIC_URL } })
    try {
      const anna = await signIn(offline.url, 'anna')
      const erik = await signIn(offline.url, 'erik')
      await api(offline.url, 'PUT', '/api/notifications/settings', { token: erik, body: { kinds: { 'member.added': true } } })
      const created = await api(offline.url, 'POST', '/api/documents', { token: anna, body: { templateId: 'remissvar', title: 'Utan e-post' } })
      const res = await api(offline.url, 'PUT', `/api/documents/${created.body.id}/members`, { token: anna, body: { username: 'erik', role: 'author' } })
      expect(res.status).toBe(200)
      expect((await api(offline.url, 'GET', '/api/notifications', { token: erik })).body.notifications).toMatchObject([{ kind: 'member.added' }])
      expect((await api(offline.url, 'GET', '/api/health')).status).toBe(200)
    } finally {
      await offline.close()
      other.remove()
    }
  })
})
