// The request schemas of routes/versions.
import { z } from 'zod'
import { xmlSafeString } from '@perspektiv/model'
import { documentIdSchema } from '../../http/documentAccess.js'

export const createVersionBodySchema = z.object({ label: xmlSafeString().trim().min(1, 'a version needs a name').max(200) }).strict()

export const versionParamSchema = z.object({
  id: documentIdSchema,
  versionId: z.coerce.number().int('not a version id').positive('not a version id'),
})
