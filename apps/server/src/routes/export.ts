import { Hono } from 'hono'
import { z } from 'zod'
import { exportFormatSchema } from '@perspektiv/model'
import { authenticate, type AppEnv } from '../http/auth.js'
import { documentAccess, documentParamSchema } from '../http/documentAccess.js'
import { ApiError } from '../http/errors.js'
import { validate } from '../http/validate.js'
import { contentDisposition, ExportRefused, exportStoredDocument } from '../exporting.js'
import type { Services } from '../services.js'

const exportQuerySchema = z.object({ format: exportFormatSchema })

/** `GET /api/documents/:id/export?format=docx|pdf|html|md`: any member may export. */
export function exportRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/documents/:id/export', authenticate(s), validate('param', documentParamSchema), validate('query', exportQuerySchema), async (c) => {
    const { record } = documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    const live = s.rooms.open(record)
    // Status and approvals may have changed since the document was loaded: read them fresh.
    const current = s.store.getDocument(record.id) ?? record
    try {
      const file = await exportStoredDocument(s.store, current, live.template, s.rooms.contentDoc(live), c.req.valid('query').format)
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(file.fileName),
        'Content-Length': String(file.bytes.byteLength),
        'Cache-Control': 'no-store',
      })
    } catch (err) {
      if (err instanceof ExportRefused) throw new ApiError(409, err.message, err.details)
      throw err
    }
  })
  return app
}
