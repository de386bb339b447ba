import { Hono } from 'hono'
import { can, mayEver } from '@perspektiv/model'
import type { PMNode } from '@perspektiv/document'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { ApiError, conflict, forbidden } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import { toDetail } from '../../documents.js'
import type { Services } from '../../services.js'
import type { DocumentRecord } from '../../storage/documentStore.js'
import type { UserRecord } from '../../storage/users.js'
import { AUTHOR_CANNOT_APPROVE, authorsOfRevision } from '../../separationOfDuties.js'
import { clearOutdatedApprovals, lastClearedApproval } from '../../approvalIntegrity.js'
import { sectionChanges } from '../../workflow.js'
import { publicVersion } from '../versions/versions.js'
import { approvalCheck, changeStatus, refuseUnlessReady } from '../../reviewContent.js'

/**
 * Approvals (no body): each approver approves a `ready` document whose review says yes
 * (verdicts, threads: approvalGate.ts); all approvers → `godkand`, both rooms locked.
 * Nobody who is or was an author of this revision may approve (separation of duties), and
 * each approval holds only for the text it approved (its fingerprint): a later change of
 * the text or header clears it. `GET …/approval-check` is the same judgement without
 * approving, with what changed since the caller's cleared approval: the approver's dialog.
 */
export function approvalRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)
  const wasAuthor = async (record: DocumentRecord, username: string) =>
    authorsOfRevision(
      await s.store.auditLog(record.id),
      (await s.store.members(record.id)).filter((m) => m.role === 'author').map((m) => m.username),
    ).has(username)
  /** Per section, what changed since the version the caller's cleared approval approved. */
  const changesSinceApproval = async (record: DocumentRecord, username: string, now: PMNode) => {
    const versionId = await lastClearedApproval(s, record, username)
    const version = versionId === null ? undefined : await s.store.version(record.id, versionId)
    if (!version) return null
    const { state, ...rest } = version
    const template = (await s.rooms.open(record)).template
    const before = await s.rooms.contentOf(record.id, state, template)
    return { since: publicVersion(rest), sections: sectionChanges(template, before.json, now) }
  }

  app.get('/documents/:id/approval-check', auth, validate('param', documentParamSchema), async (c) => {
    const user = c.get('user')
    const { record } = await documentAccess(s.store, c.req.valid('param').id, user.id)
    const { gate, review, json, fingerprint } = await approvalCheck(s, record)
    if (record.status === 'granskning') await s.documentLock.run(record.id, () => clearOutdatedApprovals(s, record, fingerprint))
    const author = await wasAuthor(record, user.username)
    return c.json({
      ready: gate.ready && review.ready && !author,
      problems: [...gate.problems, ...review.problems, ...(author ? ['you are or were an author of this revision (separation of duties)'] : [])],
      coverage: gate.coverage,
      review,
      wasAuthor: author,
      changesSinceYourApproval: await changesSinceApproval(record, user.username, json),
      ...(gate.structure.valid ? {} : { structure: gate.structure }),
    })
  })

  app.post('/documents/:id/approvals', auth, validate('param', documentParamSchema), async (c) => {
    const user = c.get('user')
    const id = c.req.valid('param').id
    // One workflow step of the document at a time: the status and approvals read below are
    // still what they are when this approval is written (no lost or double transition).
    const { role, detail } = await s.documentLock.run(id, () => approve(id, user))
    return c.json(await toDetail(s.store, s.rooms, detail, role))
  })

  const approve = async (id: string, user: UserRecord) => {
    const { record, role } = await documentAccess(s.store, id, user.id)
    if (!mayEver(role, 'approve')) throw forbidden('only approvers may approve a document')
    if (!can(role, 'approve', record.status)) throw conflict(`only a document under review can be approved; this one is "${record.status}"`)
    // Authors may still edit under review, reviewers may still object: judge what is there now.
    const { gate, review, state, fingerprint } = await approvalCheck(s, record)
    await clearOutdatedApprovals(s, record, fingerprint)
    if ((await s.store.approvals(record.id)).some((a) => a.username === user.username)) throw conflict('you have already approved this document')
    if (await wasAuthor(record, user.username)) {
      await s.store.audit({ documentId: record.id, actor: user.id, action: 'approval.refused', details: { reason: 'wasAuthor' } })
      throw new ApiError(403, 'you are or were an author of this document in this revision and cannot approve it (separation of duties)', {
        reason: 'wasAuthor',
        message: AUTHOR_CANNOT_APPROVE,
      })
    }
    refuseUnlessReady('the document cannot be approved', gate, review)
    // The text approved, kept: an unchanged one is already a version (sent to review, another approval).
    const versionId =
      (await s.store.versionWithFingerprint(record.id, fingerprint))?.id ??
      (await s.store.addVersion({
        documentId: record.id,
        status: record.status,
        label: `Godkänd av ${user.name}`,
        state,
        createdBy: user.id,
        kind: 'approval',
        fingerprint,
      }))
    await s.store.addApproval(record.id, user.id, user.name, user.title, new Date().toISOString(), { fingerprint, versionId })
    await s.store.audit({ documentId: record.id, actor: user.id, action: 'approval.added', details: { name: user.name, title: user.title, versionId } })
    const approved = new Set((await s.store.approvals(record.id)).map((a) => a.username))
    const approvers = (await s.store.members(record.id)).filter((m) => m.role === 'approver')
    if (approvers.length > 0 && approvers.every((m) => approved.has(m.username))) {
      await changeStatus(s, record, 'godkand', user.id, state, 'status', { approvedBy: [...approved] }, fingerprint)
    }
    return { role, detail: (await s.store.getDocument(record.id))! }
  }
  return app
}
