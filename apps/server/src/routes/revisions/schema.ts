// The request schemas of routes/revisions.
import { z } from 'zod'
import { exportFormatSchema } from '@perspektiv/model'
import { documentIdSchema } from '../../http/documentAccess.js'

export const revisionParamSchema = z.object({
  id: documentIdSchema,
  revision: z.coerce.number().int('not a revision number').positive('not a revision number'),
})
/** A frozen revision is exported as it was: no suggestions to show. */
export const revisionExportQuerySchema = z.object({ format: exportFormatSchema })
