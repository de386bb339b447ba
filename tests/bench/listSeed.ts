/**
 * S9's data (run as a child process before the server starts): `docs` documents made with
 * the server's own createDocument (the template skeleton, the summary row), with the
 * header fields the dashboard shows; the bench user has a role in every one of them.
 */
import { loadTemplates } from '@perspektiv/model/load'
import { createApp, createDocument, openDatabase, SqliteDocumentStore, UserStore } from '@perspektiv/server'
import type { Role } from '@perspektiv/model'
import { LIST_PASSWORD, LIST_USER } from './list.js'

const NAMNDER = [
  'Kommunstyrelsen',
  'Trafiknämnden',
  'Utbildningsnämnden',
  'Socialnämnden',
  'Kulturnämnden',
  'Miljö- och hälsoskyddsnämnden',
  'Stadsbyggnadsnämnden',
  'Enskede-Årsta-Vantörs stadsdelsnämnd',
]
const ROLES: Role[] = ['author', 'author', 'reviewer', 'approver', 'reader']

async function main() {
  const { dataDir, docs } = JSON.parse(process.argv[2]!) as { dataDir: string; docs: number }
  const db = openDatabase(dataDir)
  const users = new UserStore(db)
  const me = await users.add({ username: LIST_USER, name: 'Lista Bänksson', password: LIST_PASSWORD })
  const other = await users.add({ username: 'kollega', name: 'Kollega Bänksson', password: LIST_PASSWORD })
  const store = new SqliteDocumentStore(db)
  const template = loadTemplates().get('remissvar')!
  const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10)
  // 250 documents per transaction (createDocument's own become savepoints inside it).
  const batch = async (from: number, to: number) => {
    db.exec('BEGIN')
    try {
      for (let i = from; i < to; i++) {
        const role = ROLES[i % ROLES.length]!
        const creator = role === 'author' ? me.id : other.id
        await createDocument(store, template, {
          title: `Svar på remiss nummer ${i + 1} om ${['parkering', 'skolskjuts', 'cykelbanor', 'bibliotek', 'äldreomsorg'][i % 5]}`,
          meta: { dnr: `${['KS', 'TN', 'UN', 'SN'][i % 4]} 2026/${i + 1}`, namnd: NAMNDER[i % NAMNDER.length]!, meetingDate: day(i + 30), deadline: day(i) },
          createdBy: creator,
          members: role === 'author' ? [] : [{ userId: me.id, role }],
        })
      }
      db.exec('COMMIT')
    } catch (err) {
      db.exec('ROLLBACK')
      throw err
    }
  }
  for (let i = 0; i < docs; i += 250) await batch(i, Math.min(docs, i + 250))
  // The CPU one list request costs the server (the app in this process, no socket): on a
  // shared, loaded machine this says more than wall-clock latency does.
  const { app, close } = createApp({ db, templates: loadTemplates() })
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: LIST_USER, password: LIST_PASSWORD }),
  })
  const { token } = (await res.json()) as { token: string }
  const cpu = async (path: string) => {
    const cpuMs: number[] = []
    for (let i = 0; i < 60; i++) {
      const before = process.cpuUsage()
      const list = await app.request(path, { headers: { authorization: `Bearer ${token}` } })
      await list.text()
      const used = process.cpuUsage(before)
      if (i >= 10) cpuMs.push((used.user + used.system) / 1000)
    }
    cpuMs.sort((a, b) => a - b)
    return { p50: cpuMs[Math.floor(cpuMs.length / 2)]!, p95: cpuMs[Math.ceil(cpuMs.length * 0.95) - 1]! }
  }
  const plain = await cpu('/api/documents')
  // The dashboard's page: one section, 50 rows sorted by title, with the counts.
  const paged = await cpu('/api/dashboard?section=all&sort=title')
  close()
  db.close()
  return { docs, cpuMsP50: plain.p50, cpuMsP95: plain.p95, pagedCpuMsP50: paged.p50, pagedCpuMsP95: paged.p95 }
}

main().then(
  (result) => process.send!({ type: 'result', result }, () => process.exit(0)),
  (e) => process.send!({ type: 'error', message: (e as Error).stack ?? String(e) }, () => process.exit(1)),
)
