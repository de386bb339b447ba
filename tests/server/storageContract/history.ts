/** The storage contract for a document's history: versions, approvals, the audit log, atomic creation and revisions (SRV-ST24…ST28). */
import { expect, it } from 'vitest'
import { ISO, contentUpdate, type ContractContext } from './support.js'

export function historyCases({ withFixture, addUsers, newDocument }: ContractContext): void {
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
      await expect(async () => s.documents.addVersion({ documentId: 'no-such', status: 'utkast', label: '', state: state1, createdBy: null })).rejects.toThrow()
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
}
