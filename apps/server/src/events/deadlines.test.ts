import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadTemplates } from '@perspektiv/model/load'
import { createApp } from '../app.js'
import { createDocument } from '../documents.js'
import { openDatabase, UserStore } from '../storage/index.js'

const templates = loadTemplates()
const dir = mkdtempSync(join(tmpdir(), 'perspektiv-deadlines-'))
const db = openDatabase(dir)
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
})

describe('deadline reminders', () => {
  it('SRV-N1: authors are told once when "Svar senast" is within 3 working days and once when it passed, also after a restart', async () => {
    const users = new UserStore(db)
    const anna = await users.add({ username: 'anna', name: 'Anna Andersson', password: 'x'.repeat(12) })
    const erik = await users.add({ username: 'erik', name: 'Erik Ek', password: 'x'.repeat(12) })
    const rita = await users.add({ username: 'rita', name: 'Rita Runesson', password: 'x'.repeat(12) })
    // Wednesday 28 January 2026, 09:00 in Stockholm.
    let now = new Date('2026-01-28T08:00:00Z')
    const start = () => createApp({ db, templates, deadlines: { now: () => now, checkMs: 3_600_000 } })
    let running = start()
    const { store, notifications } = running.services
    const remissvar = templates.get('remissvar')!
    const members = [
      { userId: erik.id, role: 'author' as const },
      { userId: rita.id, role: 'reviewer' as const },
    ]
    const friday = await createDocument(store, remissvar, { title: 'Remiss om parkering', meta: { deadline: '2026-01-30' }, createdBy: anna.id, members })
    // Four working days away (Tuesday): not yet.
    const tuesday = await createDocument(store, remissvar, { title: 'Remiss om cykelbanor', meta: { deadline: '2026-02-03' }, createdBy: anna.id, members })
    const approved = await createDocument(store, remissvar, { title: 'Remiss om bibliotek', meta: { deadline: '2026-01-29' }, createdBy: anna.id })
    await store.setStatus(approved.id, 'godkand')
    await createDocument(store, remissvar, { title: 'Utan svarstid', createdBy: anna.id })
    const kinds = async (userId: number) =>
      (await notifications.list(userId))
        .map((n) => `${n.kind} ${n.documentId === friday.id ? 'friday' : n.documentId === tuesday.id ? 'tuesday' : n.documentId}`)
        .sort()

    await running.deadlines.check()
    expect(await kinds(anna.id)).toEqual(['deadline.soon friday'])
    expect(await kinds(erik.id)).toEqual(['deadline.soon friday'])
    expect(await kinds(rita.id)).toEqual([])
    expect((await notifications.list(anna.id))[0]!.text).toBe('”Remiss om parkering” ska besvaras senast den 30 januari 2026.')

    // Checked again, and after a restart: nothing new.
    await running.deadlines.check()
    await running.close()
    running = start()
    await running.deadlines.check()
    expect(await kinds(anna.id)).toEqual(['deadline.soon friday'])

    // Thursday: Tuesday is now 3 working days away (Friday, Monday, Tuesday).
    now = new Date('2026-01-29T08:00:00Z')
    await running.deadlines.check()
    expect(await kinds(anna.id)).toEqual(['deadline.soon friday', 'deadline.soon tuesday'])

    // Saturday: Friday's deadline has passed.
    now = new Date('2026-01-31T10:00:00Z')
    await running.deadlines.check()
    await running.deadlines.check()
    expect(await kinds(erik.id)).toEqual(['deadline.passed friday', 'deadline.soon friday', 'deadline.soon tuesday'])
    expect((await notifications.list(erik.id))[0]!.text).toBe('Svarstiden för ”Remiss om parkering” gick ut den 30 januari 2026.')
    await running.close()
  })

  it('SRV-N2: a deadline that passed more than 3 working days before the check (an old import) reminds of nothing; one that passed 3 working days before still does', async () => {
    const users = new UserStore(db)
    const kim = await users.add({ username: 'kim', name: 'Kim Kvist', password: 'x'.repeat(12) })
    // Thursday 5 February 2026: the import's deadlines passed on Friday 30 January (4
    // working days before) and Friday 31 October 2025; Monday 2 February's passed 3 before.
    const now = new Date('2026-02-05T08:00:00Z')
    const running = createApp({ db, templates, deadlines: { now: () => now, checkMs: 3_600_000 } })
    const { store, notifications } = running.services
    const remissvar = templates.get('remissvar')!
    const titles = new Map<string, string>()
    for (const [title, deadline] of [
      ['Gammal remiss', '2025-10-31'],
      ['Remiss från förra fredagen', '2026-01-30'],
      ['Remiss från måndagen', '2026-02-02'],
    ] as const) {
      titles.set((await createDocument(store, remissvar, { title, meta: { deadline }, createdBy: kim.id })).id, title)
    }
    await running.deadlines.check()
    expect((await notifications.list(kim.id)).map((n) => `${n.kind} ${titles.get(n.documentId!)}`)).toEqual(['deadline.passed Remiss från måndagen'])
    await running.close()
  })
})
