/**
 * The storage contract: every store's behaviour, run with the same inputs against SQLite
 * (storageContract.test.ts) and PostgreSQL (tests/scale/storageContract.pg.test.ts), so a
 * server on either answers the same: the same values (numbers for ids and counts, booleans,
 * ISO timestamps, null where nothing is stored), the same order, the same error classes,
 * and transactions that leave nothing when a step fails. The update log has its own
 * contract (updateLogContract.ts). Each case cites its rule in apps/server/SPEC.md
 * (SRV-ST16…ST30).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CoverageSummary, NotificationKind } from '@perspektiv/model'
import {
  UserExistsError,
  type ApiTokenStore,
  type DocumentStore,
  type IdentityStore,
  type NotificationStore,
  type Promisified,
  type ServerTaskTable,
  type SessionStore,
  type UserStore,
} from '@perspektiv/server'

type MaybePromise<T> = T | Promise<T>

/** The stores of one database, each answering promises (SQLite's wrapped by the fixture). */
export interface ContractStores {
  users: Promisified<UserStore>
  /** Built with an idle expiry of `SESSION_IDLE_MS`. */
  sessions: Promisified<SessionStore>
  apiTokens: Promisified<ApiTokenStore>
  identities: Promisified<IdentityStore>
  notifications: Promisified<NotificationStore>
  documents: Promisified<DocumentStore>
  serverTasks: Promisified<ServerTaskTable>
}

export interface StorageFixture {
  stores: ContractStores
  close(): MaybePromise<void>
  /**
   * Several server instances share the database (PostgreSQL): a second, independent set of
   * stores on it, for the cases where two instances act at once. SQLite skips them.
   */
  sharedWriters?: { other(): MaybePromise<ContractStores> }
}

export const SESSION_IDLE_MS = 10 * 60_000

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

function contentUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const coverage = (done: number) => ({ done, total: 4 }) as unknown as CoverageSummary

export function storageContract(name: string, makeFixture: () => MaybePromise<StorageFixture>): void {
  const withFixture = (fn: (s: ContractStores, f: StorageFixture) => Promise<void>) => async () => {
    const f = await makeFixture()
    try {
      await fn(f.stores, f)
    } finally {
      await f.close()
    }
  }

  /** Accounts (hashing is slow: a handful per case). */
  const addUsers = (s: ContractStores, names: string[]) =>
    Promise.all(names.map((u) => s.users.add({ username: u, name: u[0]!.toUpperCase() + u.slice(1), title: 'Handläggare', password: 'hemligt' })))

  let counter = 0
  const newDocument = async (
    s: ContractStores,
    createdBy: number,
    members: Array<{ userId: number; role: 'author' | 'reviewer' | 'approver' | 'reader' }>,
    at?: string,
  ) => {
    const id = `doc-${++counter}`
    const createdAt = at ?? new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString()
    await s.documents.createDocument({ id, templateId: 'remissvar', title: `Dokument ${counter}`, dnr: '', createdBy, createdAt }, contentUpdate(id), members)
    return id
  }

  describe(`Storage contract: ${name}`, () => {
    it(
      'SRV-ST16: users: numbers and booleans as stored, usernames unique case-insensitively (UserExistsError), list and search ordered',
      withFixture(async (s) => {
        const anna = await s.users.add({ username: 'anna', name: 'Anna Berg', title: 'Utredare', admin: true, password: 'hemligt', email: 'anna@example.se' })
        expect(anna).toMatchObject({ username: 'anna', name: 'Anna Berg', title: 'Utredare', admin: true, email: 'anna@example.se' })
        expect(typeof anna.id).toBe('number')
        const bo = await s.users.add({ username: 'Bo', name: 'Bo 50%_rabatt', password: 'hemligt' })
        expect(bo).toMatchObject({ title: '', admin: false, email: '' })
        await expect(s.users.add({ username: 'ANNA', name: 'Annan', password: 'x' })).rejects.toBeInstanceOf(UserExistsError)
        expect(await s.users.count()).toBe(2)
        expect((await s.users.byUsername('BO'))?.id).toBe(bo.id)
        expect(await s.users.byUsername('nobody')).toBeUndefined()
        expect(await s.users.byId(anna.id)).toEqual(anna)
        expect(await s.users.byId(9999)).toBeUndefined()
        await addUsers(s, ['cecilia'])
        await s.users.add({ username: 'alva', name: 'alva', password: 'hemligt' })
        expect((await s.users.list()).map((u) => u.username)).toEqual(['alva', 'anna', 'Bo', 'cecilia'])
        // LIKE metacharacters in the query are literal; case does not matter (ASCII).
        expect((await s.users.search('50%_')).map((u) => u.username)).toEqual(['Bo'])
        expect((await s.users.search('%')).map((u) => u.username)).toEqual(['Bo'])
        expect((await s.users.search('UTRED')).map((u) => u.username)).toEqual(['anna'])
        // Ordered by code point, as SQLite's BINARY: capitals before lower case, whatever the database's collation.
        expect((await s.users.search('a')).map((u) => u.name)).toEqual(['Anna Berg', 'Bo 50%_rabatt', 'Cecilia', 'alva'])
        expect(await s.users.search('a', 2)).toHaveLength(2)
        await s.users.setEmail(bo.id, 'bo@example.se')
        expect((await s.users.byId(bo.id))?.email).toBe('bo@example.se')
      }),
    )

    it(
      'SRV-ST16: two adds of one username at once: one account, the other call fails with UserExistsError',
      withFixture(async (s, f) => {
        const other = f.sharedWriters ? await f.sharedWriters.other() : s
        const results = await Promise.allSettled([
          s.users.add({ username: 'dora', name: 'Dora', password: 'a' }),
          other.users.add({ username: 'Dora', name: 'Dora', password: 'b' }),
        ])
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
        const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
        expect(failed.reason).toBeInstanceOf(UserExistsError)
        expect(await s.users.count()).toBe(1)
      }),
    )

    it(
      'SRV-ST17: sessions resolve until idle, are extended by use, deleted when presented expired or swept',
      withFixture(async (s) => {
        const [kim, lo] = await addUsers(s, ['kim', 'lo'])
        const t0 = 1_000_000
        const { token, session } = await s.sessions.create(kim!.id, t0)
        expect(session).toEqual({ tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/), userId: kim!.id, expiresAt: t0 + SESSION_IDLE_MS })
        expect(token).not.toContain(session.tokenHash)
        // Within the touch interval nothing is written; after it, the expiry moves.
        expect(await s.sessions.resolve(token, t0 + 1000)).toEqual(session)
        const later = t0 + 5 * 60_000
        expect(await s.sessions.resolve(token, later)).toEqual({ ...session, expiresAt: later + SESSION_IDLE_MS })
        expect(await s.sessions.isLive(session.tokenHash, later + SESSION_IDLE_MS - 1)).toBe(true)
        expect(await s.sessions.isLive(session.tokenHash, later + SESSION_IDLE_MS)).toBe(false)
        await s.sessions.touch(session.tokenHash, later + 60_000)
        expect(await s.sessions.isLive(session.tokenHash, later + 60_000 + SESSION_IDLE_MS - 1)).toBe(true)
        expect(await s.sessions.resolve('not-a-token', later)).toBeUndefined()
        // Presented after expiry: gone, also for the next look.
        expect(await s.sessions.resolve(token, t0 + 100 * SESSION_IDLE_MS)).toBeUndefined()
        expect(await s.sessions.hashesOfUser(kim!.id)).toEqual([])
        const a = await s.sessions.create(lo!.id, t0)
        const b = await s.sessions.create(lo!.id, t0 + 2 * SESSION_IDLE_MS)
        const api = await s.apiTokens.create(lo!.id, 'Skript', t0 + 100 * SESSION_IDLE_MS, t0)
        expect((await s.sessions.hashesOfUser(lo!.id)).sort()).toEqual([a.session.tokenHash, b.session.tokenHash, api.tokenHash].sort())
        expect(await s.sessions.hashesOfUser(lo!.id, 'api')).toEqual([api.tokenHash])
        expect((await s.sessions.hashesOfUser(lo!.id, 'browser')).sort()).toEqual([a.session.tokenHash, b.session.tokenHash].sort())
        expect(await s.sessions.deleteExpired(t0 + SESSION_IDLE_MS)).toBe(1)
        expect(await s.sessions.deleteExpired(t0 + SESSION_IDLE_MS)).toBe(0)
        await s.sessions.delete(b.session.tokenHash)
        expect(await s.sessions.hashesOfUser(lo!.id)).toEqual([api.tokenHash])
      }),
    )

    it(
      'SRV-ST18: API tokens: listed newest first with ISO times, never extended by use, revoked only by their owner',
      withFixture(async (s) => {
        const [kim, lo] = await addUsers(s, ['kim', 'lo'])
        const t0 = Date.UTC(2026, 2, 1)
        const first = await s.apiTokens.create(kim!.id, 'Första', t0 + 1000 * 60_000, t0)
        const second = await s.apiTokens.create(kim!.id, 'Andra', t0 + 1000 * 60_000, t0 + 1)
        await s.apiTokens.create(kim!.id, 'Utgången', t0 + 10, t0)
        expect(first.token.startsWith('pat_')).toBe(true)
        expect(first.info).toEqual({
          id: expect.any(String),
          name: 'Första',
          createdAt: new Date(t0).toISOString(),
          expiresAt: expect.stringMatching(ISO),
          lastUsedAt: new Date(t0).toISOString(),
        })
        expect(await s.apiTokens.list(kim!.id, t0 + 100)).toEqual([second.info, first.info])
        expect(await s.apiTokens.isApiToken(first.tokenHash)).toBe(true)
        const browser = await s.sessions.create(kim!.id, t0)
        expect(await s.apiTokens.isApiToken(browser.session.tokenHash)).toBe(false)
        // Use does not extend an API token's expiry.
        expect((await s.sessions.resolve(first.token, t0 + 10 * 60_000))?.expiresAt).toBe(t0 + 1000 * 60_000)
        expect(await s.apiTokens.revoke(lo!.id, first.info.id)).toBeUndefined()
        expect(await s.apiTokens.isApiToken(first.tokenHash)).toBe(true)
        expect(await s.apiTokens.revoke(kim!.id, first.info.id)).toBe(first.tokenHash)
        expect(await s.sessions.isLive(first.tokenHash, t0)).toBe(false)
        expect(await s.apiTokens.revoke(kim!.id, first.info.id)).toBeUndefined()
        expect(await s.apiTokens.list(lo!.id, t0)).toEqual([])
      }),
    )

    it(
      'SRV-ST19: provider sign-in: account and identity together, unique usernames, claims followed, disabled kept; a failing step leaves no account',
      withFixture(async (s) => {
        await s.users.add({ username: 'Anna', name: 'Lokala Anna', password: 'x' })
        const claims = { subject: 'subj-1', sub: 'sub-1', name: 'Anna Ek', title: 'Chef', usernameBase: 'anna', admin: false, allowed: true }
        const first = await s.identities.signIn('https://idp', claims)
        expect(first).toEqual({ outcome: 'signed-in', userId: expect.any(Number), created: true })
        if (first.outcome !== 'signed-in') throw new Error('unreachable')
        expect(await s.users.byId(first.userId)).toMatchObject({ username: 'anna2', name: 'Anna Ek', title: 'Chef', admin: false })
        const again = await s.identities.signIn('https://idp', { ...claims, name: 'Anna Ek-Lund', admin: true, usernameBase: 'annaek' })
        expect(again).toEqual({ outcome: 'signed-in', userId: first.userId, created: false })
        expect(await s.users.byId(first.userId)).toMatchObject({ username: 'anna2', name: 'Anna Ek-Lund', admin: true })
        expect(await s.identities.usersBySub('https://idp', 'sub-1')).toEqual([first.userId])
        expect(await s.identities.isDisabled(first.userId)).toBe(false)
        expect(await s.identities.signIn('https://idp', { ...claims, allowed: false })).toEqual({ outcome: 'disabled', userId: first.userId })
        expect(await s.identities.isDisabled(first.userId)).toBe(true)
        // A refused first sign-in creates nothing.
        expect(await s.identities.signIn('https://idp', { ...claims, subject: 'subj-2', allowed: false })).toEqual({ outcome: 'disabled' })
        expect(await s.users.count()).toBe(2)
        // The identity insert fails (no sub) after the account was inserted: both are rolled back.
        await expect(async () => s.identities.signIn('https://idp', { ...claims, subject: 'subj-3', sub: null as unknown as string })).rejects.toThrow()
        expect(await s.users.count()).toBe(2)
        expect(await s.users.byUsername('anna3')).toBeUndefined()
        // Sessions linked to the provider's session id.
        const session = await s.sessions.create(first.userId)
        await s.identities.linkSession(session.session.tokenHash, 'sid-1', 'id.token.1')
        const other = await s.sessions.create(first.userId)
        await s.identities.linkSession(other.session.tokenHash, undefined, 'id.token.2')
        expect(await s.identities.hashesBySid('sid-1')).toEqual([{ tokenHash: session.session.tokenHash, userId: first.userId }])
        expect(await s.identities.idTokenOf(other.session.tokenHash)).toBe('id.token.2')
        expect(await s.identities.idTokenOf('unknown')).toBeUndefined()
        // Signing out deletes the session and with it the link.
        await s.sessions.delete(session.session.tokenHash)
        expect(await s.identities.hashesBySid('sid-1')).toEqual([])
      }),
    )

    it(
      'SRV-ST20: notifications: one per dedupe key and user, newest first, read only by their owner; e-mail settings per kind',
      withFixture(async (s) => {
        const [kim, lo] = await addUsers(s, ['kim', 'lo'])
        const doc = await newDocument(s, kim!.id, [{ userId: kim!.id, role: 'author' }])
        const n1 = await s.notifications.add({ userId: kim!.id, kind: 'mention', documentId: doc, target: 'thread-1', text: 'Lo nämnde dig', dedupeKey: 'm1' })
        expect(n1).toEqual({
          id: expect.any(Number),
          kind: 'mention',
          documentId: doc,
          target: 'thread-1',
          text: 'Lo nämnde dig',
          createdAt: expect.stringMatching(ISO),
          read: false,
        })
        expect(await s.notifications.add({ userId: kim!.id, kind: 'mention', documentId: doc, text: 'igen', dedupeKey: 'm1' })).toBeUndefined()
        expect(await s.notifications.add({ userId: lo!.id, kind: 'mention', documentId: doc, text: 'Lo', dedupeKey: 'm1' })).toBeDefined()
        const n2 = await s.notifications.add({ userId: kim!.id, kind: 'deadline.soon', documentId: null, text: 'Snart' })
        const n3 = await s.notifications.add({ userId: kim!.id, kind: 'deadline.soon', documentId: null, text: 'Snart igen' })
        expect(n2).toMatchObject({ documentId: null, target: null })
        expect((await s.notifications.list(kim!.id)).map((n) => n.id)).toEqual([n3!.id, n2!.id, n1!.id])
        expect((await s.notifications.list(kim!.id, 2)).map((n) => n.text)).toEqual(['Snart igen', 'Snart'])
        expect(await s.notifications.unreadCount(kim!.id)).toBe(3)
        // Only the user's own, each once.
        const lost = (await s.notifications.list(lo!.id))[0]!.id
        expect(await s.notifications.markRead(kim!.id, [n1!.id, n1!.id, lost])).toBe(1)
        expect(await s.notifications.unreadCount(lo!.id)).toBe(1)
        expect((await s.notifications.list(kim!.id)).map((n) => n.read)).toEqual([false, false, true])
        expect(await s.notifications.markRead(kim!.id)).toBe(2)
        expect(await s.notifications.markRead(kim!.id)).toBe(0)
        expect(await s.notifications.unreadCount(kim!.id)).toBe(0)
        const defaults = new Set<NotificationKind>(['mention'])
        const initial = await s.notifications.emailSettings(kim!.id, defaults)
        expect(initial.mention).toBe(true)
        expect(initial['deadline.soon']).toBe(false)
        await s.notifications.setEmailSettings(kim!.id, { mention: false, 'deadline.soon': true })
        await s.notifications.setEmailSettings(kim!.id, { 'deadline.soon': true, 'member.added': true })
        expect(await s.notifications.emailSettings(kim!.id, defaults)).toEqual({ ...initial, mention: false, 'deadline.soon': true, 'member.added': true })
        expect(await s.notifications.emailSettings(lo!.id, defaults)).toEqual(initial)
      }),
    )

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

    it(
      'SRV-ST24: versions: newest first, states as stored, unchanged content (same fingerprint) shares one state',
      withFixture(async (s) => {
        const [kim] = await addUsers(s, ['kim'])
        const id = await newDocument(s, kim!.id, [{ userId: kim!.id, role: 'author' }])
        const state1 = contentUpdate('Första')
        const state2 = contentUpdate('Andra')
        const v1 = await s.documents.addVersion({ documentId: id, status: 'utkast', label: 'Ett', state: state1, createdBy: kim!.id, fingerprint: 'fp-1' })
        const v2 = await s.documents.addVersion({
          documentId: id,
          status: 'granskning',
          label: 'Till granskning',
          state: state2,
          createdBy: null,
          kind: 'review',
          fingerprint: 'fp-2',
        })
        // The same content again: stored once, found under either version.
        const v3 = await s.documents.addVersion({
          documentId: id,
          status: 'utkast',
          label: 'Samma',
          state: state1,
          createdBy: kim!.id,
          kind: 'status',
          fingerprint: 'fp-1',
        })
        expect(typeof v1).toBe('number')
        expect(v2).toBeGreaterThan(v1)
        expect(v3).toBeGreaterThan(v2)
        const list = await s.documents.versions(id)
        expect(list.map((v) => [v.id, v.kind, v.label])).toEqual([
          [v3, 'status', 'Samma'],
          [v2, 'review', 'Till granskning'],
          [v1, 'manual', 'Ett'],
        ])
        expect(list[2]).toEqual({
          id: v1,
          documentId: id,
          kind: 'manual',
          status: 'utkast',
          revision: 1,
          label: 'Ett',
          createdBy: { username: 'kim', name: 'Kim' },
          createdAt: expect.stringMatching(ISO),
        })
        expect(list[1]!.createdBy).toBeNull()
        expect('state' in list[0]!).toBe(false)
        expect([...(await s.documents.version(id, v3))!.state]).toEqual([...state1])
        expect([...(await s.documents.version(id, v2))!.state]).toEqual([...state2])
        expect(await s.documents.version(id, 9999)).toBeUndefined()
        expect(await s.documents.version('other', v1)).toBeUndefined()
        expect((await s.documents.latestVersion(id, 'review'))?.id).toBe(v2)
        expect([...(await s.documents.latestVersion(id, 'status'))!.state]).toEqual([...state1])
        expect(await s.documents.latestVersion(id, 'revision')).toBeUndefined()
        expect((await s.documents.versionWithFingerprint(id, 'fp-1'))?.id).toBe(v3)
        expect(await s.documents.versionWithFingerprint(id, 'fp-none')).toBeUndefined()
        await expect(async () =>
          s.documents.addVersion({ documentId: 'no-such', status: 'utkast', label: '', state: state1, createdBy: null }),
        ).rejects.toThrow()
      }),
    )

    it(
      'SRV-ST25: approvals in the order given (an approval given again moves last), with what they approved',
      withFixture(async (s) => {
        const [kim, lo, mo] = await addUsers(s, ['kim', 'lo', 'mo'])
        const id = await newDocument(s, kim!.id, [{ userId: kim!.id, role: 'approver' }])
        const version = await s.documents.addVersion({ documentId: id, status: 'utkast', label: '', state: contentUpdate('x'), createdBy: null })
        const at = '2026-02-01T10:00:00.000Z'
        await s.documents.addApproval(id, lo!.id, 'Lo', 'Chef', at, { fingerprint: 'fp', versionId: version })
        await s.documents.addApproval(id, kim!.id, 'Kim', '', at)
        await s.documents.addApproval(id, mo!.id, 'Mo', '', '2026-02-01T09:00:00.000Z')
        expect(await s.documents.approvals(id)).toEqual([
          { username: 'mo', name: 'Mo', title: '', approvedAt: '2026-02-01T09:00:00.000Z' },
          { username: 'lo', name: 'Lo', title: 'Chef', approvedAt: at },
          { username: 'kim', name: 'Kim', title: '', approvedAt: at },
        ])
        expect(await s.documents.approvalBases(id)).toEqual([
          { userId: mo!.id, username: 'mo', fingerprint: null, versionId: null },
          { userId: lo!.id, username: 'lo', fingerprint: 'fp', versionId: version },
          { userId: kim!.id, username: 'kim', fingerprint: null, versionId: null },
        ])
        // Given again at the same instant: replaced, and now the last.
        await s.documents.addApproval(id, lo!.id, 'Lo L', 'Chef', at)
        expect((await s.documents.approvals(id)).map((a) => a.name)).toEqual(['Mo', 'Kim', 'Lo L'])
        expect((await s.documents.approvalBases(id))[2]).toEqual({ userId: lo!.id, username: 'lo', fingerprint: null, versionId: null })
        await s.documents.removeApproval(id, mo!.id)
        expect((await s.documents.approvals(id)).map((a) => a.username)).toEqual(['kim', 'lo'])
        await s.documents.clearApprovals(id)
        expect(await s.documents.approvals(id)).toEqual([])
      }),
    )

    it(
      'SRV-ST26: the audit log: per document, oldest first, details as given (absent = null), the actor by name',
      withFixture(async (s) => {
        const [kim] = await addUsers(s, ['kim'])
        const id = await newDocument(s, kim!.id, [{ userId: kim!.id, role: 'author' }])
        await s.documents.audit({ documentId: id, actor: kim!.id, action: 'document.created', details: { title: 'Å', n: 1, list: [true, null] } })
        await s.documents.audit({ documentId: id, actor: null, action: 'template.upgraded' })
        await s.documents.audit({ documentId: null, actor: kim!.id, action: 'user.signed-in' })
        const log = await s.documents.auditLog(id)
        expect(log).toEqual([
          {
            id: expect.any(Number),
            action: 'document.created',
            actor: { username: 'kim', name: 'Kim' },
            details: { title: 'Å', n: 1, list: [true, null] },
            at: expect.stringMatching(ISO),
          },
          { id: expect.any(Number), action: 'template.upgraded', actor: null, details: null, at: expect.stringMatching(ISO) },
        ])
        expect(log[1]!.id).toBeGreaterThan(log[0]!.id)
        expect(await s.documents.auditLog('other')).toEqual([])
      }),
    )

    it(
      'SRV-ST27: creating a document and starting a revision are atomic: a failing step leaves nothing',
      withFixture(async (s) => {
        const [kim, lo] = await addUsers(s, ['kim', 'lo'])
        // A member who does not exist fails the members insert after the documents row.
        await expect(async () =>
          s.documents.createDocument(
            { id: 'half', templateId: 'remissvar', title: 'Halv', dnr: '', createdBy: kim!.id, createdAt: '2026-01-01T00:00:00.000Z' },
            contentUpdate('x'),
            [
              { userId: kim!.id, role: 'author' },
              { userId: 9999, role: 'reader' },
            ],
          ),
        ).rejects.toThrow()
        expect(await s.documents.getDocument('half')).toBeUndefined()
        expect(await s.documents.listDocumentsForUser(kim!.id)).toEqual([])
        expect(await s.documents.loadRoom('half', 'content')).toEqual({ snapshot: null, updates: [] })

        const id = await newDocument(s, kim!.id, [
          { userId: kim!.id, role: 'author' },
          { userId: lo!.id, role: 'approver' },
        ])
        await s.documents.addApproval(id, lo!.id, 'Lo', 'Chef', '2026-02-01T10:00:00.000Z')
        await s.documents.setStatus(id, 'godkand')
        // The frozen version's author does not exist: the version insert fails after the approvals were read.
        await expect(async () => s.documents.startRevision(id, contentUpdate('Godkänd text'), 9999)).rejects.toThrow()
        expect(await s.documents.getDocument(id)).toMatchObject({ status: 'godkand', revision: 1 })
        expect(await s.documents.approvals(id)).toHaveLength(1)
        expect(await s.documents.versions(id)).toEqual([])
        expect(await s.documents.revisions(id)).toEqual([])
        await expect(async () => s.documents.startRevision('no-such', contentUpdate('x'), kim!.id)).rejects.toThrow(/no document no-such/)
      }),
    )

    it(
      'SRV-ST28: starting a revision freezes the approved text with its approvals and opens the next revision',
      withFixture(async (s) => {
        const [kim, lo] = await addUsers(s, ['kim', 'lo'])
        const id = await newDocument(s, kim!.id, [
          { userId: kim!.id, role: 'author' },
          { userId: lo!.id, role: 'approver' },
        ])
        await s.documents.addVersion({ documentId: id, status: 'utkast', label: 'Före', state: contentUpdate('Före'), createdBy: kim!.id, fingerprint: 'fp-1' })
        await s.documents.addApproval(id, lo!.id, 'Lo', 'Chef', '2026-02-01T10:00:00.000Z')
        await s.documents.setStatus(id, 'godkand')
        const approved = contentUpdate('Godkänd text')
        const frozen = await s.documents.startRevision(id, approved, kim!.id)
        expect(frozen).toEqual({
          revision: 1,
          next: 2,
          versionId: expect.any(Number),
          approvals: [{ username: 'lo', name: 'Lo', title: 'Chef', approvedAt: '2026-02-01T10:00:00.000Z' }],
          frozenAt: expect.stringMatching(ISO),
        })
        expect(await s.documents.getDocument(id)).toMatchObject({ status: 'utkast', revision: 2 })
        expect(await s.documents.approvals(id)).toEqual([])
        expect(await s.documents.revisions(id)).toEqual([{ revision: 1, versionId: frozen.versionId, approvals: frozen.approvals, frozenAt: frozen.frozenAt }])
        const version = await s.documents.version(id, frozen.versionId)
        expect(version).toMatchObject({
          kind: 'revision',
          status: 'godkand',
          revision: 1,
          label: 'Revision 1, godkänd',
          createdBy: { username: 'kim', name: 'Kim' },
        })
        expect([...version!.state]).toEqual([...approved])
        // Fingerprints are looked up in the current revision only; new versions belong to it.
        expect(await s.documents.versionWithFingerprint(id, 'fp-1')).toBeUndefined()
        const next = await s.documents.addVersion({
          documentId: id,
          status: 'utkast',
          label: 'Efter',
          state: contentUpdate('Före'),
          createdBy: kim!.id,
          fingerprint: 'fp-1',
        })
        expect(await s.documents.versionWithFingerprint(id, 'fp-1')).toMatchObject({ id: next, revision: 2 })
        await s.documents.setStatus(id, 'godkand')
        expect((await s.documents.startRevision(id, approved, kim!.id)).revision).toBe(2)
        expect((await s.documents.revisions(id)).map((r) => [r.revision, r.approvals.length])).toEqual([
          [1, 1],
          [2, 0],
        ])
      }),
    )

    it(
      'SRV-ST28: two revisions started at once (two instances): revisions 1 and 2, never two of one',
      withFixture(async (s, f) => {
        const other = f.sharedWriters ? await f.sharedWriters.other() : s
        const [kim] = await addUsers(s, ['kim'])
        const id = await newDocument(s, kim!.id, [{ userId: kim!.id, role: 'author' }])
        const results = await Promise.all([
          s.documents.startRevision(id, contentUpdate('a'), kim!.id),
          other.documents.startRevision(id, contentUpdate('b'), kim!.id),
        ])
        expect(results.map((r) => r.revision).sort()).toEqual([1, 2])
        expect((await s.documents.getDocument(id))?.revision).toBe(3)
      }),
    )

    it(
      'SRV-ST29: one-time server tasks are recorded by name',
      withFixture(async (s) => {
        expect(await s.serverTasks.taskDone('template-sections:abc')).toBe(false)
        await s.serverTasks.markTaskDone('template-sections:abc', { upgraded: 3 })
        await s.serverTasks.markTaskDone('template-sections:abc')
        expect(await s.serverTasks.taskDone('template-sections:abc')).toBe(true)
        expect(await s.serverTasks.taskDone('template-sections:other')).toBe(false)
      }),
    )
  })
}
