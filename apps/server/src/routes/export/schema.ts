// The request schemas of routes/export.
import { z } from 'zod'
import { exportFormatSchema } from '@perspektiv/model'

export const exportQuerySchema = z
  .object({
    format: exportFormatSchema,
    /** [S8] A draft's DOCX with its open suggestions as Word tracked changes. */
    suggestions: z.enum(['tracked']).optional(),
  })
  .refine((q) => q.suggestions === undefined || q.format === 'docx', {
    message: 'suggestions=tracked is only for format=docx (Word tracked changes)',
    path: ['suggestions'],
  })
