import { Hono } from 'hono'
import { z } from 'zod'
import { authenticate, type AppEnv } from '../http/auth.js'
import { validate } from '../http/validate.js'
import { toPublicUser } from '../storage/users.js'
import type { Services } from '../services.js'

const userQuerySchema = z.object({ q: z.string().trim().max(100).default('') })

/** GET /api/users?q=: colleagues to add as members (any signed-in user may look up). */
export function userRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/users', authenticate(s), validate('query', userQuerySchema), (c) => {
    const { q } = c.req.valid('query')
    return c.json({ users: s.users.search(q).map(toPublicUser) })
  })
  return app
}
