import { Hono } from 'hono'
import { can, mayEver } from '@perspektiv/model'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { conflict, forbidden } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import { toDetail } from '../../documents.js'
import type { Services } from '../../services.js'
import { approvalCheck, changeStatus, refuseUnlessReady } from './content.js'

/**
 * Approvals (no body): each approver approves a `ready` document whose review says yes
 * (verdicts, threads: approvalGate.ts); all approvers → `godkand`, both rooms locked.
 * `GET …/approval-check` is the same judgement without approving: the approver's dialog.
 */
export function approvalRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  app.get('/documents/:id/approval-check', auth, validate('param', documentParamSchema), (c) => {
    const { record } = documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    const { gate, review } = approvalCheck(s, record)
    return c.json({
      ready: gate.ready && review.ready,
      problems: [...gate.problems, ...review.problems],
      coverage: gate.coverage,
      review,
      ...(gate.structure.valid ? {} : { structure: gate.structure }),
    })
  })

  app.post('/documents/:id/approvals', auth, validate('param', documentParamSchema), (c) => {
    const user = c.get('user')
    const { record, role } = documentAccess(s.store, c.req.valid('param').id, user.id)
    if (!mayEver(role, 'approve')) throw forbidden('only approvers may approve a document')
    if (!can(role, 'approve', record.status)) throw conflict(`only a document under review can be approved; this one is "${record.status}"`)
    if (s.store.approvals(record.id).some((a) => a.username === user.username)) throw conflict('you have already approved this document')
    // Authors may still edit under review, reviewers may still object: judge what is there now.
    const { gate, review, state } = approvalCheck(s, record)
    refuseUnlessReady('the document cannot be approved', gate, review)
    s.store.addApproval(record.id, user.id, user.name, user.title, new Date().toISOString())
    s.store.audit({ documentId: record.id, actor: user.id, action: 'approval.added', details: { name: user.name, title: user.title } })
    const approved = new Set(s.store.approvals(record.id).map((a) => a.username))
    const approvers = s.store.members(record.id).filter((m) => m.role === 'approver')
    if (approvers.length > 0 && approvers.every((m) => approved.has(m.username))) {
      changeStatus(s, record, 'godkand', user.id, state, 'status', { approvedBy: [...approved] })
    }
    return c.json(toDetail(s.store, s.rooms, s.store.getDocument(record.id)!, role))
  })
  return app
}
