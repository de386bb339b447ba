// The request schemas of routes/oidc.
import { z } from 'zod'

/** `GET /api/sign-in-options?fel=`: the code of the sign-in that just failed, if any. */
export const failureQuerySchema = z.object({ fel: z.string().max(40).optional() })
