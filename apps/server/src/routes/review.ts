import { Hono } from 'hono'
import * as Y from 'yjs'
import { z } from 'zod'
import { statusChangeBodySchema, xmlSafeString, type DocumentStatus } from '@perspektiv/model'
import { readMeta, yDocToJSON } from '@perspektiv/document'
import { authenticate, type AppEnv } from '../http/auth.js'
import { documentAccess, documentIdSchema, documentParamSchema } from '../http/documentAccess.js'
import { conflict, forbidden, notFound } from '../http/errors.js'
import { validate } from '../http/validate.js'
import { toDetail } from '../documents.js'
import type { DocumentRecord, VersionKind, VersionRecord } from '../storage/documentStore.js'
import type { Services } from '../services.js'
import { mayTransition, reviewGate, sectionChanges, transitionOf } from '../workflow.js'

export const createVersionBodySchema = z
  .object({ label: xmlSafeString().trim().min(1, 'a version needs a name').max(200) })
  .strict()

const versionParamSchema = z.object({
  id: documentIdSchema,
  versionId: z.coerce.number().int('not a version id').positive('not a version id'),
})

/** Labels of the automatic versions (Swedish: they are shown as they are in the web app). */
const STATUS_VERSION_LABEL: Record<DocumentStatus, string> = {
  granskning: 'Skickad till granskning',
  utkast: 'Återöppnad för ändringar',
  godkand: 'Godkänd',
}

const publicVersion = ({ documentId: _documentId, ...v }: VersionRecord) => v

/**
 * The review workflow, owned by the server: status changes behind the completeness gate,
 * approvals (all approvers → `godkand`, content locked), versions and the audit log.
 */
export function reviewRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  /**
   * Stores and broadcasts what is pending first: the gate and the snapshot then judge
   * exactly what everyone has seen (an update still in the group-commit queue is not yet).
   */
  const currentContent = (record: DocumentRecord) => {
    s.rooms.flush()
    const live = s.rooms.open(record)
    return { live, json: s.rooms.contentJson(live), state: live.content.state.stateAsUpdate() }
  }

  const changeStatus = (record: DocumentRecord, to: DocumentStatus, actor: number, state: Uint8Array, kind: VersionKind, details: Record<string, unknown> = {}) => {
    s.store.setStatus(record.id, to)
    // The room refuses every content update from here on when `to` is godkand.
    s.rooms.setStatus(record.id, to)
    const versionId = s.store.addVersion({ documentId: record.id, status: to, label: STATUS_VERSION_LABEL[to], state, createdBy: actor, kind })
    s.store.audit({ documentId: record.id, actor, action: 'status.changed', details: { from: record.status, to, versionId, ...details } })
  }

  app.post('/documents/:id/status', auth, validate('param', documentParamSchema), validate('json', statusChangeBodySchema), (c) => {
    const user = c.get('user')
    const { record, role } = documentAccess(s.store, c.req.valid('param').id, user.id)
    const { to } = c.req.valid('json')
    if (!mayTransition(role)) throw forbidden('only authors may change the status of a document')
    const transition = transitionOf(record.status, to)
    if (typeof transition !== 'string') throw conflict(transition.refused)
    const { live, json, state } = currentContent(record)
    if (transition === 'send-to-review') {
      const gate = reviewGate(live.template, json)
      if (!gate.ready) {
        throw conflict(`the document is not ready for review: ${gate.problems.join('; ')}`, {
          coverage: gate.coverage,
          ...(gate.structure.valid ? {} : { structure: gate.structure }),
        })
      }
      changeStatus(record, 'granskning', user.id, state, 'review')
    } else {
      // Reopened: the text may change, so earlier approvals no longer hold.
      const cleared = s.store.approvals(record.id).map((a) => a.username)
      s.store.clearApprovals(record.id)
      changeStatus(record, 'utkast', user.id, state, 'status', { clearedApprovals: cleared })
    }
    return c.json(toDetail(s.store, s.rooms, s.store.getDocument(record.id)!, role))
  })

  app.post('/documents/:id/approvals', auth, validate('param', documentParamSchema), (c) => {
    const user = c.get('user')
    const { record, role } = documentAccess(s.store, c.req.valid('param').id, user.id)
    if (role !== 'approver') throw forbidden('only approvers may approve a document')
    if (record.status !== 'granskning') throw conflict(`only a document under review can be approved; this one is "${record.status}"`)
    if (s.store.approvals(record.id).some((a) => a.username === user.username)) throw conflict('you have already approved this document')
    const { live, json, state } = currentContent(record)
    // Authors may still edit under review: approve only what is still complete.
    const gate = reviewGate(live.template, json)
    if (!gate.ready) {
      throw conflict(`the document is no longer complete: ${gate.problems.join('; ')}`, {
        coverage: gate.coverage,
        ...(gate.structure.valid ? {} : { structure: gate.structure }),
      })
    }
    s.store.addApproval(record.id, user.id, user.name, user.title, new Date().toISOString())
    s.store.audit({ documentId: record.id, actor: user.id, action: 'approval.added', details: { name: user.name, title: user.title } })
    const approved = new Set(s.store.approvals(record.id).map((a) => a.username))
    const approvers = s.store.members(record.id).filter((m) => m.role === 'approver')
    if (approvers.length > 0 && approvers.every((m) => approved.has(m.username))) {
      changeStatus(record, 'godkand', user.id, state, 'status', { approvedBy: [...approved] })
    }
    return c.json(toDetail(s.store, s.rooms, s.store.getDocument(record.id)!, role))
  })

  app.get('/documents/:id/versions', auth, validate('param', documentParamSchema), (c) => {
    const { record } = documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    return c.json({ versions: s.store.versions(record.id).map(publicVersion) })
  })

  app.post('/documents/:id/versions', auth, validate('param', documentParamSchema), validate('json', createVersionBodySchema), (c) => {
    const user = c.get('user')
    const { record, role } = documentAccess(s.store, c.req.valid('param').id, user.id)
    if (role === 'reader') throw forbidden('readers cannot save versions')
    const { label } = c.req.valid('json')
    const { state } = currentContent(record)
    const versionId = s.store.addVersion({ documentId: record.id, status: record.status, label, state, createdBy: user.id, kind: 'manual' })
    s.store.audit({ documentId: record.id, actor: user.id, action: 'version.created', details: { versionId, label } })
    return c.json({ version: publicVersion(s.store.version(record.id, versionId)!) }, 201)
  })

  app.get('/documents/:id/versions/:versionId', auth, validate('param', versionParamSchema), (c) => {
    const { id, versionId } = c.req.valid('param')
    const { record } = documentAccess(s.store, id, c.get('user').id)
    const version = s.store.version(record.id, versionId)
    if (!version) throw notFound(`no version ${versionId} of this document`)
    const { state, ...rest } = version
    const ydoc = new Y.Doc()
    try {
      Y.applyUpdate(ydoc, state)
      return c.json({ version: publicVersion(rest), content: yDocToJSON(ydoc), meta: readMeta(ydoc) })
    } finally {
      ydoc.destroy()
    }
  })

  app.get('/documents/:id/changes-since-review', auth, validate('param', documentParamSchema), (c) => {
    const { record } = documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    const since = s.store.latestVersion(record.id, 'review')
    if (!since) return c.json({ since: null, sections: [] })
    const { state, ...rest } = since
    const before = new Y.Doc()
    try {
      Y.applyUpdate(before, state)
      const current = s.rooms.open(record)
      return c.json({ since: publicVersion(rest), sections: sectionChanges(current.template, yDocToJSON(before), s.rooms.contentJson(current)) })
    } finally {
      before.destroy()
    }
  })

  app.get('/documents/:id/audit', auth, validate('param', documentParamSchema), (c) => {
    const { record } = documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    return c.json({ entries: s.store.auditLog(record.id) })
  })
  return app
}
