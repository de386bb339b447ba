/** The storage contract for documents and their lists: creation with members, a user's list, the dashboard, deadlines (SRV-ST21…ST23, ST32, ST33). */
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { contentUpdate, coverage, type ContractContext, type ContractStores } from './support.js'

export function documentCases({ withFixture, addUsers, newDocument }: ContractContext): void {
  it(
    'SRV-ST21: a document is created with its members and first content; members ordered by role, then name',
    withFixture(async (s) => {
      const [kim, lo, mo, ny] = await addUsers(s, ['kim', 'lo', 'mo', 'ny'])
      const members = [
        { userId: ny!.id, role: 'reader' as const },
        { userId: mo!.id, role: 'approver' as const },
        { userId: lo!.id, role: 'reviewer' as const },
        { userId: kim!.id, role: 'author' as const },
      ]
      const id = await newDocument(s, kim!.id, members, '2026-01-02T03:04:05.678Z')
      expect(await s.documents.getDocument(id)).toEqual({
        id,
        templateId: 'remissvar',
        title: expect.stringMatching(/^Dokument/),
        dnr: '',
        namnd: '',
        meetingDate: '',
        deadline: '',
        status: 'utkast',
        revision: 1,
        coverage: null,
        createdAt: '2026-01-02T03:04:05.678Z',
        updatedAt: '2026-01-02T03:04:05.678Z',
        createdBy: kim!.id,
      })
      expect(await s.documents.getDocument('nothing')).toBeUndefined()
      const stored = await s.documents.loadRoom(id, 'content')
      expect(stored.updates).toEqual([])
      const doc = new Y.Doc()
      Y.applyUpdate(doc, stored.snapshot!)
      expect(doc.getText('t').toString()).toBe(id)
      expect((await s.documents.members(id)).map((m) => [m.username, m.role])).toEqual([
        ['kim', 'author'],
        ['lo', 'reviewer'],
        ['mo', 'approver'],
        ['ny', 'reader'],
      ])
      expect((await s.documents.members(id))[0]).toEqual({ userId: kim!.id, username: 'kim', name: 'Kim', title: 'Handläggare', role: 'author' })
      expect(await s.documents.roleOf(id, lo!.id)).toBe('reviewer')
      await s.documents.setMember(id, lo!.id, 'author')
      await s.documents.removeMember(id, ny!.id)
      expect(await s.documents.roleOf(id, ny!.id)).toBeUndefined()
      expect((await s.documents.members(id)).map((m) => m.username)).toEqual(['kim', 'lo', 'mo'])
      // The same id again: refused, and the first document and its members are untouched.
      await expect(async () =>
        s.documents.createDocument({ id, templateId: 'x', title: 'Dubblett', dnr: '', createdBy: kim!.id, createdAt: '' }, contentUpdate('x'), [
          { userId: ny!.id, role: 'author' },
        ]),
      ).rejects.toThrow()
      expect((await s.documents.getDocument(id))?.templateId).toBe('remissvar')
      expect(await s.documents.roleOf(id, ny!.id)).toBeUndefined()
    }),
  )

  it(
    "SRV-ST22: a user's list: most recently changed first, with role and approval, filtered and searched in one query",
    withFixture(async (s) => {
      const [kim, lo] = await addUsers(s, ['kim', 'lo'])
      const a = await newDocument(s, kim!.id, [
        { userId: kim!.id, role: 'author' },
        { userId: lo!.id, role: 'approver' },
      ])
      const b = await newDocument(s, kim!.id, [{ userId: kim!.id, role: 'reviewer' }])
      const c = await newDocument(s, lo!.id, [{ userId: lo!.id, role: 'author' }])
      const summary = (title: string, dnr: string, namnd: string, updatedAt: string, done: number | null) => ({
        title,
        dnr,
        namnd,
        meetingDate: '2026-05-01',
        deadline: '',
        updatedAt,
        coverage: done === null ? null : coverage(done),
      })
      await s.documents.updateSummary(a, summary('Remissvar om ÅTERVINNING', 'KS 2026/17', 'Kommunstyrelsen', '2026-03-02T00:00:00.000Z', 2))
      await s.documents.updateSummary(b, summary('Yttrande 100% klart', 'SBN 2026/5', 'Stadsbyggnadsnämnden', '2026-03-03T00:00:00.000Z', null))
      await s.documents.updateSummary(c, summary('Inte Kims', 'KS 2026/18', 'Kommunstyrelsen', '2026-03-04T00:00:00.000Z', null))
      await s.documents.addApproval(a, kim!.id, 'Kim', '', '2026-03-05T00:00:00.000Z')
      await s.documents.setStatus(b, 'granskning')
      const list = await s.documents.listDocumentsForUser(kim!.id)
      expect(list.map((d) => [d.id, d.role, d.approvedByUser])).toEqual([
        [b, 'reviewer', false],
        [a, 'author', true],
      ])
      expect(list[1]).toMatchObject({
        title: 'Remissvar om ÅTERVINNING',
        dnr: 'KS 2026/17',
        namnd: 'Kommunstyrelsen',
        meetingDate: '2026-05-01',
        coverage: coverage(2),
      })
      expect(list[0]!.coverage).toBeNull()
      const rows = await s.documents.listRowsForUser(kim!.id)
      expect(JSON.parse(rows[1]!.coverageJson!)).toEqual(coverage(2))
      expect(rows[0]!.coverageJson).toBeNull()
      const ids = async (filter: Parameters<ContractStores['documents']['listRowsForUser']>[1]) =>
        (await s.documents.listRowsForUser(kim!.id, filter)).map((d) => d.id)
      expect(await ids({ status: 'granskning' })).toEqual([b])
      expect(await ids({ role: 'author' })).toEqual([a])
      expect(await ids({ namnd: 'Kommunstyrelsen' })).toEqual([a])
      expect(await ids({ namnd: 'Kommun' })).toEqual([])
      // Title or Dnr contains the text, case-insensitively (also å, ä, ö), at any length.
      expect(await ids({ query: 'återvinning' })).toEqual([a])
      expect(await ids({ query: '  åt ' })).toEqual([a])
      expect(await ids({ query: '2026/' })).toEqual([b, a])
      expect(await ids({ query: 'sbn' })).toEqual([b])
      expect(await ids({ query: '%' })).toEqual([b])
      expect(await ids({ query: '0%' })).toEqual([b])
      expect(await ids({ query: '_' })).toEqual([])
      expect(await ids({ query: 'Inte Kims' })).toEqual([])
      expect(await ids({ query: 'ks', status: 'utkast', role: 'author', namnd: 'Kommunstyrelsen' })).toEqual([a])
      // A retitled document is found by its new title only.
      await s.documents.updateSummary(a, summary('Nytt namn', 'KS 2026/17', 'Kommunstyrelsen', '2026-03-06T00:00:00.000Z', 2))
      expect(await ids({ query: 'återvinning' })).toEqual([])
      expect(await ids({ query: 'nytt namn' })).toEqual([a])
      expect(await s.documents.listDocumentsForUser(9999)).toEqual([])
    }),
  )

  it(
    'SRV-ST32, ST33: a dashboard page: sections, counts and waiting reasons, Swedish order with stored sort keys, pages that never overlap',
    withFixture(async (s) => {
      const [kim, lo] = await addUsers(s, ['kim', 'lo'])
      const make = async (title: string, dnr: string, namnd: string, role: 'author' | 'reviewer' | 'approver' | 'reader', n: number) => {
        const id = await newDocument(
          s,
          role === 'author' ? kim!.id : lo!.id,
          role === 'author'
            ? [{ userId: kim!.id, role }]
            : [
                { userId: lo!.id, role: 'author' },
                { userId: kim!.id, role },
              ],
        )
        const updatedAt = new Date(Date.UTC(2026, 2, 1, 0, 0, n)).toISOString()
        await s.documents.updateSummary(id, { title, dnr, namnd, meetingDate: '', deadline: '', updatedAt, coverage: null })
        return id
      }
      const ode = await make('Ödeshög', 'KS 2026/10', 'Östra', 'author', 1)
      const ali = await make('alingsås', 'KS 2026/9', 'Kommunstyrelsen', 'author', 2)
      const are = await make('Åre', '', 'Ängby', 'reviewer', 3)
      const zin = await make('Zinkgruvan', 'KS 2026/100', 'Kommunstyrelsen', 'approver', 4)
      const eva = await make('Éva', 'KS 2026/11', '', 'approver', 5)
      const ang = await make('Ängby', 'TN 2026/1', 'Trafiknämnden', 'reader', 6)
      for (const id of [are, zin, eva]) await s.documents.setStatus(id, 'granskning')
      await s.documents.addApproval(eva, kim!.id, 'Kim', '', '2026-03-05T00:00:00.000Z')
      await s.notifications.add({ userId: kim!.id, kind: 'mention', documentId: ang, text: 'Lo nämnde dig' })
      const read = await s.notifications.add({ userId: kim!.id, kind: 'mention', documentId: ode, text: 'Lo nämnde dig' })
      await s.notifications.markRead(kim!.id, [read!.id])
      const q = { section: 'all', sort: 'title', ascending: true, offset: 0, limit: 50 } as const
      const page = (over: Partial<Parameters<ContractStores['documents']['dashboardPage']>[1]>) => s.documents.dashboardPage(kim!.id, { ...q, ...over })
      const ids = async (over: Parameters<typeof page>[0]) => (await page(over)).rows.map((r) => r.id)

      const all = await page({})
      expect(all.rows.map((r) => r.id)).toEqual([ali, eva, zin, are, ang, ode])
      expect(all.counts).toEqual({ waiting: 3, drafts: 2, shared: 4, all: 6 })
      expect(all.namnder).toEqual(['Kommunstyrelsen', 'Trafiknämnden', 'Ängby', 'Östra'])
      expect(all.rows[1]).toMatchObject({ title: 'Éva', role: 'approver', approvedByUser: true, waiting: null, coverageJson: null })
      expect(await ids({ ascending: false })).toEqual([ode, ang, are, zin, eva, ali])
      expect(await ids({ sort: 'dnr' })).toEqual([ali, ode, eva, zin, ang, are])
      expect(await ids({ sort: 'dnr', ascending: false })).toEqual([ang, zin, eva, ode, ali, are])
      expect(await ids({ sort: 'updatedAt', ascending: false })).toEqual([ang, eva, zin, are, ali, ode])
      expect(await ids({ sort: 'role' })).toEqual([ali, ode, are, eva, zin, ang])
      expect(await ids({ limit: 4, offset: 4 })).toEqual([ang, ode])
      const waiting = await page({ section: 'waiting' })
      expect(waiting.rows.map((r) => [r.id, r.waiting])).toEqual([
        [zin, 'approval'],
        [are, 'review'],
        [ang, 'mention'],
      ])
      expect(await ids({ section: 'drafts' })).toEqual([ali, ode])
      expect(await ids({ section: 'shared' })).toEqual([eva, zin, are, ang])
      // Filters narrow the rows and the counts; a short needle matches Å as å.
      const ks = await page({ namnd: 'Kommunstyrelsen' })
      expect(ks.rows.map((r) => r.id)).toEqual([ali, zin])
      expect(ks.counts).toEqual({ waiting: 1, drafts: 1, shared: 1, all: 2 })
      expect(await ids({ query: 'å' })).toEqual([ali, are])
      expect(await ids({ query: '2026/1', sort: 'dnr' })).toEqual([ode, eva, zin, ang])
      expect(await ids({ status: 'granskning', role: 'approver' })).toEqual([eva, zin])
      // A retitled document moves to its new place.
      await s.documents.updateSummary(ali, {
        title: 'Örebro',
        dnr: 'KS 2026/9',
        namnd: 'Kommunstyrelsen',
        meetingDate: '',
        deadline: '',
        updatedAt: '2026-03-09T00:00:00.000Z',
        coverage: null,
      })
      expect((await ids({})).at(-1)).toBe(ali)
      expect((await s.documents.dashboardPage(9999, q)).counts).toEqual({ waiting: 0, drafts: 0, shared: 0, all: 0 })
    }),
  )

  it(
    'SRV-ST23: deadlines due by a day (not approved, not blank, earliest first) and documents by status (oldest first)',
    withFixture(async (s) => {
      const [kim] = await addUsers(s, ['kim'])
      const members = [{ userId: kim!.id, role: 'author' as const }]
      const [a, b, c, d] = [
        await newDocument(s, kim!.id, members),
        await newDocument(s, kim!.id, members),
        await newDocument(s, kim!.id, members),
        await newDocument(s, kim!.id, members),
      ]
      const withDeadline = (deadline: string) => ({
        title: `Frist ${deadline}`,
        dnr: '',
        namnd: '',
        meetingDate: '',
        deadline,
        updatedAt: '2026-01-01T00:00:00.000Z',
        coverage: null,
      })
      await s.documents.updateSummary(a, withDeadline('2026-04-10'))
      await s.documents.updateSummary(b, withDeadline('2026-04-01'))
      await s.documents.updateSummary(c, withDeadline('2026-04-05'))
      await s.documents.updateSummary(d, withDeadline(''))
      await s.documents.setStatus(c, 'godkand')
      expect(await s.documents.documentsDueBy('2026-04-10')).toEqual([
        { id: b, title: 'Frist 2026-04-01', deadline: '2026-04-01' },
        { id: a, title: 'Frist 2026-04-10', deadline: '2026-04-10' },
      ])
      expect(await s.documents.documentsDueBy('2026-04-09')).toEqual([{ id: b, title: 'Frist 2026-04-01', deadline: '2026-04-01' }])
      expect(await s.documents.documentsDueBy('2026-03-31')).toEqual([])
      await s.documents.setStatus(a, 'granskning')
      expect((await s.documents.documentsInStatus(['utkast', 'granskning'])).map((r) => r.id)).toEqual([a, b, d])
      expect((await s.documents.documentsInStatus(['godkand'])).map((r) => [r.id, r.status])).toEqual([[c, 'godkand']])
      expect(await s.documents.documentsInStatus([])).toEqual([])
    }),
  )
}
