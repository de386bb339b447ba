import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { ApiError } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import { createDocument, summaryJson, toDetail, toWorkflow } from '../../documents.js'
import type { Services } from '../../services.js'
import { coverageIfAccepted } from '../../coverageIfAccepted.js'
import { coverageQuerySchema, createDocumentBodySchema, listQuerySchema } from './schema.js'

/** The documents list, creation, detail and live coverage. */
export function documentRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  app.get('/documents', auth, validate('query', listQuerySchema), async (c) => {
    const user = c.get('user')
    const { status, waiting, query, role, namnd } = c.req.valid('query')
    const docs = (await s.store.listRowsForUser(user.id, { status, query, role, namnd })).filter((d) => {
      // "Väntar på min granskning": under review and I am a reviewer.
      if (waiting === 'review') return d.status === 'granskning' && d.role === 'reviewer'
      // "Väntar på mitt godkännande": under review, I am an approver and have not approved.
      if (waiting === 'approval') {
        return d.status === 'granskning' && d.role === 'approver' && !d.approvedByUser
      }
      return true
    })
    // Thousands of rows: one string, the stored coverage spliced in (bench S8).
    return c.body(`{"documents":[${docs.map(summaryJson).join(',')}]}`, 200, { 'content-type': 'application/json; charset=UTF-8' })
  })

  app.post('/documents', auth, validate('json', createDocumentBodySchema), async (c) => {
    const body = c.req.valid('json')
    const template = s.templates.get(body.templateId)
    if (!template) {
      throw new ApiError(400, `invalid body: templateId: unknown template "${body.templateId}" (known: ${[...s.templates.keys()].join(', ')})`, [
        { path: 'templateId', message: 'unknown template' },
      ])
    }
    const user = c.get('user')
    const record = await createDocument(s.store, template, { title: body.title, meta: body.meta, createdBy: user.id })
    return c.json(await toDetail(s.store, s.rooms, record, 'author'), 201)
  })

  app.get('/documents/:id', auth, validate('param', documentParamSchema), async (c) => {
    const { record, role } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    // A large document loads off the main thread (SRV-S15), inside toDetail's open.
    return c.json(await toDetail(s.store, s.rooms, record, role))
  })

  app.get('/documents/:id/workflow', auth, validate('param', documentParamSchema), async (c) => {
    const { record, role } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    return c.json(await toWorkflow(s.store, record, role))
  })

  app.get('/documents/:id/coverage', auth, validate('param', documentParamSchema), validate('query', coverageQuerySchema), async (c) => {
    const { record } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    if (c.req.valid('query').suggestions === 'accepted') return c.json(await coverageIfAccepted(s, record))
    return c.json((await s.rooms.content(await s.rooms.open(record))).coverage)
  })
  return app
}
