/** The storage contract for accounts and the server's own tables: users, sessions, API tokens, provider identities, notifications, server tasks (SRV-ST16…ST20, ST29). */
import { expect, it } from 'vitest'
import type { NotificationKind } from '@perspektiv/model'
import { UserExistsError } from '@perspektiv/server'
import { ISO, type ContractContext, SESSION_IDLE_MS } from './support.js'

export function accountCases({ withFixture, addUsers, newDocument }: ContractContext): void {
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
    'SRV-ST29: one-time server tasks are recorded by name',
    withFixture(async (s) => {
      expect(await s.serverTasks.taskDone('template-sections:abc')).toBe(false)
      await s.serverTasks.markTaskDone('template-sections:abc', { upgraded: 3 })
      await s.serverTasks.markTaskDone('template-sections:abc')
      expect(await s.serverTasks.taskDone('template-sections:abc')).toBe(true)
      expect(await s.serverTasks.taskDone('template-sections:other')).toBe(false)
    }),
  )
}
