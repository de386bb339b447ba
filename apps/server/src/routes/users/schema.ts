// The request schemas of routes/users.
import { z } from 'zod'

export const userQuerySchema = z.object({
  query: z.string().trim().max(100, 'at most 100 characters').optional(),
  /** The earlier name of the parameter, still accepted. */
  q: z.string().trim().max(100, 'at most 100 characters').optional(),
})
