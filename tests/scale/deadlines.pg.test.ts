/**
 * Deadline reminders with several instances on one PostgreSQL (SRV-SC17): every instance runs
 * the hourly job; two apps on one database (each with its own pools, as two processes have)
 * run it at the same moment, and each author gets one notification and one e-mail (a real
 * SMTP server in the test) per document, kind and deadline.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTemplates } from '@perspektiv/model/load'
import { createApp, createDocument, openPostgresStores, type PerspektivApp, type PostgresStores } from '@perspektiv/server'
import { PASSWORD, waitFor } from '../server/harness.js'
import { missing, useServices } from './services.js'

const services = useServices()

describe.skipIf(missing)('deadline reminders across instances (SRV-SC17)', () => {
  const templates = loadTemplates()
  const received: string[] = []
  let smtp: SMTPServer
  let smtpUrl: string
  const opened: Array<{ app: PerspektivApp; db: PostgresStores }> = []

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, done) {
        stream.resume()
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address))
          done()
        })
      },
    })
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok))
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    for (const { app, db } of opened) {
      await app.close()
      await db.close()
    }
    await new Promise<void>((ok) => smtp.close(() => ok()))
  })

  it('SRV-SC17: two instances checking at the same moment: each author gets one reminder and one e-mail per document, kind and deadline', async () => {
    const url = services.newDatabase()
    // Wednesday 28 January 2026, 09:00 in Stockholm: Friday's deadline is 2 working days away.
    let now = new Date('2026-01-28T08:00:00Z')
    const mailsDone: string[] = []
    const instance = async () => {
      const db = await openPostgresStores(url)
      const app = createApp({
        postgres: db,
        templates,
        deadlines: { now: () => now, checkMs: 3_600_000 },
        mail: { smtpUrl, publicUrl: 'https://perspektiv.example.se' },
        log: (event) => (event === 'mail sent' || event === 'mail failed' ? mailsDone.push(event) : undefined),
      })
      opened.push({ app, db })
      return { app, db }
    }
    const one = await instance()
    const two = await instance()
    const users = one.db.users
    const anna = await users.add({ username: 'anna', name: 'Anna Andersson', password: PASSWORD, email: 'anna@example.se' })
    const erik = await users.add({ username: 'erik', name: 'Erik Ek', password: PASSWORD, email: 'erik@example.se' })
    for (const u of [anna, erik]) await one.db.notifications.setEmailSettings(u.id, { 'deadline.soon': true, 'deadline.passed': true })
    const remissvar = templates.get('remissvar')!
    await createDocument(one.db.documents, remissvar, {
      title: 'Remiss om parkering',
      meta: { deadline: '2026-01-30' },
      createdBy: anna.id,
      members: [{ userId: erik.id, role: 'author' }],
    })

    const bothCheck = () => Promise.all([one.app.deadlines.check(), two.app.deadlines.check(), one.app.deadlines.check(), two.app.deadlines.check()])
    const kinds = async (userId: number) => (await two.db.notifications.list(userId)).map((n) => n.kind).sort()
    const stored = async () => (await one.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM notifications')).rows[0]!.n
    // Every stored reminder's mail has been tried (the mailer logs each), so no further one is on its way.
    const settled = async () => waitFor(async () => mailsDone.length === Number(await stored()), 20_000, 'the reminders’ e-mails')

    await bothCheck()
    await settled()
    expect(await kinds(anna.id)).toEqual(['deadline.soon'])
    expect(await kinds(erik.id)).toEqual(['deadline.soon'])
    expect(received.sort()).toEqual(['anna@example.se', 'erik@example.se'])

    // Monday 2 February: the deadline passed; again both at once, once each.
    now = new Date('2026-02-02T08:00:00Z')
    await bothCheck()
    await settled()
    expect(await kinds(anna.id)).toEqual(['deadline.passed', 'deadline.soon'])
    expect(await kinds(erik.id)).toEqual(['deadline.passed', 'deadline.soon'])
    expect(received.sort()).toEqual(['anna@example.se', 'anna@example.se', 'erik@example.se', 'erik@example.se'])
    expect(mailsDone.every((e) => e === 'mail sent')).toBe(true)
  })
})
