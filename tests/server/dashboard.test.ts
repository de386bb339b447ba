/**
 * `GET /api/dashboard` (SRV-ST32, SRV-ST33): one page of one section, sorted in Swedish
 * order in SQL, with every section's count. The real app and SQLite, in process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DashboardResponse, Role } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { createApp, createDocument, NotificationStore, openDatabase, UserStore } from '@perspektiv/server'
import { PASSWORD, tempDataDir } from './harness.js'

const templates = loadTemplates()
const data = tempDataDir()
const db = openDatabase(data.dir)
const running = createApp({ db, templates })
const { app, services } = running
afterAll(async () => {
  await running.close()
  db.close()
  data.remove()
})

const tokens: Record<string, string> = {}
const ids: Record<string, string> = {}
let counter = 0

beforeAll(async () => {
  const users = new UserStore(db)
  const [anna, erik] = await Promise.all(['anna', 'erik'].map((u) => users.add({ username: u, name: u.toUpperCase(), password: PASSWORD })))
  for (const u of ['anna', 'erik']) {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: PASSWORD }),
    })
    tokens[u] = ((await res.json()) as { token: string }).token
  }
  const remissvar = templates.get('remissvar')!
  /** A document of Erik's where Anna has `role` (author: Anna's own). */
  const make = async (key: string, title: string, meta: { dnr?: string; namnd?: string; deadline?: string }, role: Role = 'author') => {
    const record = await createDocument(services.store, remissvar, {
      title,
      meta,
      createdBy: role === 'author' ? anna!.id : erik!.id,
      members: role === 'author' ? [] : [{ userId: anna!.id, role }],
    })
    // Distinct change times, oldest first (ties would order by id).
    const stored = (await services.store.getDocument(record.id))!
    await services.store.updateSummary(record.id, { ...stored, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, ++counter)).toISOString() })
    ids[key] = record.id
  }
  await make('ode', 'Ödeshög', { dnr: 'KS 2026/10', namnd: 'Östra nämnden', deadline: '2026-03-01' })
  await make('alingsas', 'alingsås', { dnr: 'KS 2026/9', namnd: 'Kommunstyrelsen' })
  await make('are', 'Åre', { dnr: '', namnd: 'Ängby nämnd', deadline: '2026-02-01' }, 'reviewer')
  await make('zink', 'Zinkgruvan', { dnr: 'KS 2026/100', namnd: 'Kommunstyrelsen' }, 'approver')
  await make('angby', 'Ängby', { dnr: 'TN 2026/1', namnd: 'Trafiknämnden' }, 'reader')
  await make('eva', 'Éva', { dnr: 'KS 2026/11' }, 'approver')
  // Under review: Åre waits for Anna's review, Zinkgruvan for her approval; Éva she approved.
  await services.store.setStatus(ids.are!, 'granskning')
  await services.store.setStatus(ids.zink!, 'granskning')
  await services.store.setStatus(ids.eva!, 'granskning')
  await services.store.addApproval(ids.eva!, anna!.id, 'ANNA', '', new Date().toISOString())
  // An unread mention on Ängby, a read one on Ödeshög.
  const notes = new NotificationStore(db)
  notes.add({ userId: anna!.id, kind: 'mention', documentId: ids.angby!, text: 'Erik nämnde dig' })
  const read = notes.add({ userId: anna!.id, kind: 'mention', documentId: ids.ode!, text: 'Erik nämnde dig' })!
  notes.markRead(anna!.id, [read.id])
  // Erik's own document, Anna has no role in it.
  await createDocument(services.store, remissvar, { title: 'Eriks eget', createdBy: erik!.id })
})

const get = (query: string, user = 'anna') => app.request(`/api/dashboard${query}`, user ? { headers: { authorization: `Bearer ${tokens[user]}` } } : {})
async function page(query: string, user = 'anna'): Promise<DashboardResponse> {
  const res = await get(query, user)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as DashboardResponse
}
const names = (r: DashboardResponse) => r.documents.map((d) => Object.entries(ids).find(([, id]) => id === d.id)?.[0] ?? d.title)

describe('GET /api/dashboard', () => {
  it('SRV-ST32: signed-in users only, and only documents I have a role in', async () => {
    expect((await get('', '')).status).toBe(401)
    const erik = await page('', 'erik')
    expect(erik.documents.map((d) => d.title).sort()).toEqual(['Eriks eget', 'Zinkgruvan', 'Åre', 'Ängby', 'Éva'].sort())
    const anna = await page('')
    expect(anna.total).toBe(6)
    expect(names(anna)).not.toContain('Eriks eget')
  })

  it('SRV-ST32: sorts titles in Swedish order (å, ä, ö after z; case and accents ignored), both ways, in SQL', async () => {
    expect(names(await page('?sort=title'))).toEqual(['alingsas', 'eva', 'zink', 'are', 'angby', 'ode'])
    expect(names(await page('?sort=title&dir=desc'))).toEqual(['ode', 'angby', 'are', 'zink', 'eva', 'alingsas'])
    // Nämnd: Å/Ä/Ö after K and T; documents without one last in either direction.
    expect(names(await page('?sort=namnd')).at(-1)).toBe('eva')
    expect(names(await page('?sort=namnd&dir=desc')).at(-1)).toBe('eva')
    expect(
      names(await page('?sort=namnd'))
        .slice(0, 2)
        .sort(),
    ).toEqual(['alingsas', 'zink'])
  })

  it('SRV-ST32: Dnr numbers compare as numbers, dates without a value come last, newest change first by default', async () => {
    expect(names(await page('?sort=dnr'))).toEqual(['alingsas', 'ode', 'eva', 'zink', 'angby', 'are'])
    expect(names(await page('?sort=deadline'))).toEqual(['are', 'ode', 'eva', 'angby', 'zink', 'alingsas'])
    expect(names(await page(''))).toEqual(['eva', 'angby', 'zink', 'are', 'alingsas', 'ode'])
    expect(names(await page('?sort=role'))).toEqual(['alingsas', 'ode', 'are', 'eva', 'zink', 'angby'])
  })

  it('SRV-ST32: pages do not overlap and together hold the section; the total and counts stay', async () => {
    const seen: string[] = []
    for (let p = 1; p <= 3; p++) {
      const r = await page(`?sort=title&pageSize=2&page=${p}`)
      expect(r).toMatchObject({ page: p, pageSize: 2, total: 6 })
      expect(r.documents).toHaveLength(2)
      seen.push(...names(r))
    }
    expect(seen).toEqual(['alingsas', 'eva', 'zink', 'are', 'angby', 'ode'])
    expect((await page('?sort=title&pageSize=2&page=4')).documents).toEqual([])
  })

  it('SRV-ST33: sections: waiting for me (review, approval, unread comments to me), my drafts, shared with me, with counts', async () => {
    const waiting = await page('?section=waiting&sort=title')
    expect(waiting.documents.map((d) => [names({ documents: [d] } as DashboardResponse)[0], d.waiting])).toEqual([
      ['zink', 'approval'],
      ['are', 'review'],
      ['angby', 'mention'],
    ])
    expect(waiting.counts).toEqual({ waiting: 3, drafts: 2, shared: 4, all: 6 })
    expect(names(await page('?section=drafts&sort=title'))).toEqual(['alingsas', 'ode'])
    expect(names(await page('?section=shared&sort=title'))).toEqual(['eva', 'zink', 'are', 'angby'])
    expect(waiting.namnder).toEqual(['Kommunstyrelsen', 'Trafiknämnden', 'Ängby nämnd', 'Östra nämnden'])
  })

  it('SRV-ST32: filters and search narrow the page and the counts alike (short needles too, Å finds å)', async () => {
    const filtered = await page('?namnd=Kommunstyrelsen&section=all')
    expect(names(filtered).sort()).toEqual(['alingsas', 'zink'])
    expect(filtered.counts).toEqual({ waiting: 1, drafts: 1, shared: 1, all: 2 })
    expect(names(await page('?query=2026%2F1&sort=dnr'))).toEqual(['ode', 'eva', 'zink', 'angby'])
    expect(names(await page('?query=%C3%85&sort=title'))).toEqual(['alingsas', 'are'])
    expect(names(await page('?status=granskning&role=approver&sort=title'))).toEqual(['eva', 'zink'])
    // An empty parameter is no filter (a form's "Alla").
    expect((await page('?status=&role=&namnd=&query=')).total).toBe(6)
  })

  it('SRV-ST32: a bad query is refused with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['?sort=colour', 'sort'],
      ['?section=mine', 'section'],
      ['?page=0', 'page'],
      ['?pageSize=1000', 'pageSize'],
      ['?page=two', 'page'],
      ['?dir=up', 'dir'],
      ['?status=klar', 'status'],
      ['?colour=blue', 'colour'],
    ] as const) {
      const res = await get(query)
      expect(res.status, query).toBe(400)
      const body = (await res.json()) as { error: { message: string } }
      expect(body.error.message, query).toMatch(new RegExp(`^invalid query: .*${field}`))
    }
  })
})
