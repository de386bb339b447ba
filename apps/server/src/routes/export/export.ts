import { Hono } from 'hono'
import type { PMNode } from '@perspektiv/document'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { validate } from '../../http/validate.js'
import { exportStoredDocument } from '../../exporting.js'
import { exportResponse } from '../../http/exportResponse.js'
import type { Services } from '../../services.js'
import { exportQuerySchema } from './schema.js'

/** `GET /api/documents/:id/export?format=docx|pdf|html|md[&suggestions=tracked]`: any member may export. */
export function exportRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/documents/:id/export', authenticate(s), validate('param', documentParamSchema), validate('query', exportQuerySchema), async (c) => {
    const { record } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    const live = await s.rooms.open(record)
    // Status and approvals may have changed since the document was loaded: read them fresh.
    const current = (await s.store.getDocument(record.id)) ?? record
    const { format, suggestions } = c.req.valid('query')
    if (suggestions === 'tracked') await s.rooms.flush()
    // Both read on the state pool when the rooms are large (SRV-S16).
    const content = await s.rooms.content(live)
    const tracked = suggestions === 'tracked' ? ((await s.rooms.suggested(live, 'tracked')) as { tracked: PMNode }).tracked : undefined
    return exportResponse(c, () => exportStoredDocument(s.store, current, live.template, content, format, tracked))
  })
  return app
}
