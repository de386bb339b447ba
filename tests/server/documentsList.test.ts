/**
 * The documents list reads the database once however many documents a user has
 * (SRV-ST7): "väntar på mitt godkännande" used to ask for each document's approvals.
 * The real app and SQLite, with every statement the app executes counted.
 */
import { afterAll, expect, it } from 'vitest'
import { loadTemplates } from '@perspektiv/model/load'
import { createApp, createDocument, openDatabase, UserStore } from '@perspektiv/server'
import { PASSWORD, tempDataDir } from './harness.js'

const data = tempDataDir()
const db = openDatabase(data.dir)
afterAll(() => {
  db.close()
  data.remove()
})

// Counts executions of every statement prepared from here on (the stores prepare lazily).
let executed = 0
const prepare = db.prepare.bind(db)
db.prepare = ((sql: string) => {
  const statement = prepare(sql)
  for (const method of ['get', 'all', 'run', 'iterate'] as const) {
    const original = statement[method].bind(statement) as (...args: unknown[]) => unknown
    Object.assign(statement, {
      [method]: (...args: unknown[]) => {
        executed++
        return original(...args)
      },
    })
  }
  return statement
}) as typeof db.prepare

it('SRV-ST7: GET /api/documents?waiting=approval costs the same queries for 2 documents as for 12, and lists the right ones', async () => {
  const templates = loadTemplates()
  const { app, services, close } = createApp({ db, templates })
  try {
    const users = new UserStore(db)
    const anna = await users.add({ username: 'anna', name: 'Anna', password: PASSWORD })
    const alva = await users.add({ username: 'alva', name: 'Alva', title: 'Chef', password: PASSWORD })
    const signIn = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alva', password: PASSWORD }),
    })
    const { token } = (await signIn.json()) as { token: string }
    const waiting = new Set<string>()
    const addDocuments = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const record = await createDocument(services.store, templates.get('remissvar')!, {
          title: `Ärende ${waiting.size}`,
          createdBy: anna.id,
          members: [{ userId: alva.id, role: 'approver' }],
        })
        await services.store.setStatus(record.id, 'granskning')
        waiting.add(record.id)
      }
    }
    const list = async () => {
      const before = executed
      const res = await app.request('/api/documents?waiting=approval', { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      const ids = ((await res.json()) as { documents: Array<{ id: string }> }).documents.map((d) => d.id)
      return { ids: new Set(ids), queries: executed - before }
    }

    await addDocuments(2)
    // One of them approved by alva already: not waiting for her.
    const [approved] = waiting
    await services.store.addApproval(approved!, alva.id, 'Alva', 'Chef', new Date().toISOString())
    waiting.delete(approved!)
    const few = await list()
    expect(few.ids).toEqual(waiting)

    await addDocuments(10)
    const many = await list()
    expect(many.ids).toEqual(waiting)
    expect(many.ids.size).toBe(11)
    expect(many.queries).toBe(few.queries)
  } finally {
    close()
  }
})

it('SRV-ST15: the list carries nämnd, meeting date and deadline; searches title or Dnr through the index; filters by role and nämnd', async () => {
  const templates = loadTemplates()
  const { app, services, close } = createApp({ db, templates })
  try {
    const users = new UserStore(db)
    const bo = await users.add({ username: 'bo', name: 'Bo', password: PASSWORD })
    const cia = await users.add({ username: 'cia', name: 'Cia', password: PASSWORD })
    const signIn = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bo', password: PASSWORD }),
    })
    const { token } = (await signIn.json()) as { token: string }
    const remissvar = templates.get('remissvar')!
    const park = await createDocument(services.store, remissvar, {
      title: 'Svar på remiss om Parkering',
      meta: { dnr: 'TN 2026/123', namnd: 'Trafiknämnden', meetingDate: '2026-02-12', deadline: '2026-01-30' },
      createdBy: bo.id,
    })
    const school = await createDocument(services.store, remissvar, {
      title: 'Skolskjutsar i Ålsta',
      meta: { dnr: 'UN 2026/77', namnd: 'Utbildningsnämnden' },
      createdBy: cia.id,
      members: [{ userId: bo.id, role: 'reviewer' }],
    })
    await createDocument(services.store, remissvar, { title: 'Parkering för någon annan', meta: { dnr: 'TN 2026/124' }, createdBy: cia.id })
    const list = async (query: string) => {
      const res = await app.request(`/api/documents?${query}`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status, query).toBe(200)
      return ((await res.json()) as { documents: Array<{ id: string; title: string; namnd: string; meetingDate: string; deadline: string; role: string }> })
        .documents
    }
    const titles = async (query: string) => (await list(query)).map((d) => d.title).sort()

    expect((await list('')).find((d) => d.id === park.id)).toMatchObject({
      namnd: 'Trafiknämnden',
      meetingDate: '2026-02-12',
      deadline: '2026-01-30',
      role: 'author',
    })
    expect(await titles('query=parkering')).toEqual(['Svar på remiss om Parkering'])
    expect(await titles('query=2026%2F77')).toEqual(['Skolskjutsar i Ålsta'])
    expect(await titles('query=%C3%A5lsta')).toEqual(['Skolskjutsar i Ålsta']) // "ålsta": case-insensitive beyond ASCII
    expect(await titles('query=TN')).toEqual(['Svar på remiss om Parkering']) // shorter than a trigram
    expect(await titles('query=%22x')).toEqual([]) // quotes are text, not FTS syntax
    expect(await titles('role=reviewer')).toEqual(['Skolskjutsar i Ålsta'])
    expect(await titles(`namnd=${encodeURIComponent('Trafiknämnden')}`)).toEqual(['Svar på remiss om Parkering'])

    // A new title (the summary writer) is found by the new words only.
    await services.store.updateSummary(school.id, {
      title: 'Skolskjutsar i Bergby',
      dnr: 'UN 2026/77',
      namnd: 'Utbildningsnämnden',
      meetingDate: '',
      deadline: '',
      updatedAt: new Date().toISOString(),
      coverage: null,
    })
    expect(await titles('query=%C3%A5lsta')).toEqual([])
    expect(await titles('query=bergby')).toEqual(['Skolskjutsar i Bergby'])
    // The search is answered by the index.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT rowid FROM documents_fts WHERE documents_fts MATCH \'"berg"\'').all() as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/)
    expect((await app.request('/api/documents?role=boss', { headers: { authorization: `Bearer ${token}` } })).status).toBe(400)
  } finally {
    close()
  }
})
