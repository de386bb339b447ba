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
import { currentContent } from '../../reviewContent.js'
import { revisionExportQuerySchema, revisionParamSchema } from './schema.js'

/**
 * Revisions (issue 13.5): an author turns an approved document into revision N+1 (`utkast`,
 * approvals cleared); revision N stays, frozen, with its approval record and its exports.
 */
export function revisionRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  app.post('/documents/:id/revisions', auth, validate('param', documentParamSchema), async (c) => {
    const user = c.get('user')
    const id = c.req.valid('param').id
    // One workflow step of the document at a time: two authors starting a revision make one.
    const { role, detail } = await s.documentLock.run(id, () => revise(id, user.id))
    return c.json(await toDetail(s.store, s.rooms, detail, role), 201)
  })

  const revise = async (id: string, userId: number) => {
    const user = { id: userId }
    const { record, role } = await documentAccess(s.store, id, user.id)
    if (!mayEver(role, 'revise')) throw forbidden('only authors may start a new revision')
    if (!can(role, 'revise', record.status)) throw conflict(`only an approved document can be revised; this one is "${record.status}"`)
    const { state } = await currentContent(s, record)
    const frozen = await s.store.startRevision(record.id, state, user.id)
    // The rooms accept edits again (content: authors; review: authors, reviewers, approvers).
    s.rooms.setStatus(record.id, 'utkast')
    await s.store.audit({
      documentId: record.id,
      actor: user.id,
      action: 'revision.started',
      details: { revision: frozen.next, frozen: frozen.revision, versionId: frozen.versionId, clearedApprovals: frozen.approvals.map((a) => a.username) },
    })
    return { role, detail: (await s.store.getDocument(record.id))! }
  }

  app.get('/documents/:id/revisions', auth, validate('param', documentParamSchema), async (c) => {
    const { record } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    return c.json({ current: record.revision, revisions: await s.store.revisions(record.id) })
  })

  app.get(
    '/documents/:id/revisions/:revision/export',
    auth,
    validate('param', revisionParamSchema),
    validate('query', revisionExportQuerySchema),
    async (c) => {
      const { id, revision } = c.req.valid('param')
      const { record } = await documentAccess(s.store, id, c.get('user').id)
      const frozen = (await s.store.revisions(record.id)).find((r) => r.revision === revision)
      const version = frozen && (await s.store.version(record.id, frozen.versionId))
      if (!frozen || !version) throw notFound(`revision ${revision} of this document is not a frozen revision (current: ${record.revision})`)
      const template = s.templates.get(record.templateId)
      if (!template) throw new ApiError(503, `unknown template "${record.templateId}"`)
      // A large frozen state is read on the state pool (SRV-S16).
      const read = await s.rooms.contentOf(record.id, version.state, template)
      return exportResponse(c, () => exportFrozenRevision(template, read, frozen.approvals, revision, c.req.valid('query').format))
    },
  )
  return app
}
