import { Hono } from 'hono'
import { can, mayEver } from '@perspektiv/model'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { ApiError, conflict, forbidden, notFound } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import { toDetail } from '../../documents.js'
import { exportFrozenRevision } from '../../exporting.js'
import { exportResponse } from '../../http/exportResponse.js'
import type { Services } from '../../services.js'
import { currentContent, withDoc } from '../../reviewContent.js'
import { revisionExportQuerySchema, revisionParamSchema } from './schema.js'

/**
 * Revisions (issue 13.5): an author turns an approved document into revision N+1 (`utkast`,
 * approvals cleared); revision N stays, frozen, with its approval record and its exports.
 */
export function revisionRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  app.post('/documents/:id/revisions', auth, validate('param', documentParamSchema), (c) => {
    const user = c.get('user')
    const { record, role } = documentAccess(s.store, c.req.valid('param').id, user.id)
    if (!mayEver(role, 'revise')) throw forbidden('only authors may start a new revision')
    if (!can(role, 'revise', record.status)) throw conflict(`only an approved document can be revised; this one is "${record.status}"`)
    const { state } = currentContent(s, record)
    const frozen = s.store.startRevision(record.id, state, user.id)
    // The rooms accept edits again (content: authors; review: authors, reviewers, approvers).
    s.rooms.setStatus(record.id, 'utkast')
    s.store.audit({
      documentId: record.id,
      actor: user.id,
      action: 'revision.started',
      details: { revision: frozen.next, frozen: frozen.revision, versionId: frozen.versionId, clearedApprovals: frozen.approvals.map((a) => a.username) },
    })
    return c.json(toDetail(s.store, s.rooms, s.store.getDocument(record.id)!, role), 201)
  })

  app.get('/documents/:id/revisions', auth, validate('param', documentParamSchema), (c) => {
    const { record } = documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    return c.json({ current: record.revision, revisions: s.store.revisions(record.id) })
  })

  app.get(
    '/documents/:id/revisions/:revision/export',
    auth,
    validate('param', revisionParamSchema),
    validate('query', revisionExportQuerySchema),
    async (c) => {
      const { id, revision } = c.req.valid('param')
      const { record } = documentAccess(s.store, id, c.get('user').id)
      const frozen = s.store.revisions(record.id).find((r) => r.revision === revision)
      const version = frozen && s.store.version(record.id, frozen.versionId)
      if (!frozen || !version) throw notFound(`revision ${revision} of this document is not a frozen revision (current: ${record.revision})`)
      const template = s.templates.get(record.templateId)
      if (!template) throw new ApiError(503, `unknown template "${record.templateId}"`)
      return exportResponse(c, () =>
        withDoc(version.state, (doc) => exportFrozenRevision(template, doc, frozen.approvals, revision, c.req.valid('query').format)),
      )
    },
  )
  return app
}
