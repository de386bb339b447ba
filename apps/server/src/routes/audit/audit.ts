import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'

/**
 * `GET /documents/:id/audit`: the audit log, for members. Entries about a person written
 * before names were stored with them get the account's current name, so the log never shows
 * a bare username ("Gav erik rollen …").
 */
export function auditRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/documents/:id/audit', authenticate(s), validate('param', documentParamSchema), async (c) => {
    const { record } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    // What the suggesters typed until now is in the log the reader sees.
    await s.suggestionAudit.flush(record.id)
    const entries = await Promise.all(
      (await s.store.auditLog(record.id)).map(async (e) => {
        const d = e.details as Record<string, unknown> | null
        if (!d || typeof d.username !== 'string' || (typeof d.name === 'string' && d.name)) return e
        const name = (await s.users.byUsername(d.username))?.name
        return name ? { ...e, details: { ...d, name } } : e
      }),
    )
    return c.json({ entries })
  })
  return app
}
