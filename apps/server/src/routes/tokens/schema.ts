// The request schemas of routes/tokens.
import { z } from 'zod'

export const MAX_TOKEN_DAYS = 366

export const createTokenBodySchema = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(100),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS),
  })
  .strict()
