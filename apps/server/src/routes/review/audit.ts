import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'

/** `GET /documents/:id/audit`: the audit log, for members. */
export function auditRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/documents/:id/audit', authenticate(s), validate('param', documentParamSchema), (c) => {
    const { record } = documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    return c.json({ entries: s.store.auditLog(record.id) })
  })
  return app
}
