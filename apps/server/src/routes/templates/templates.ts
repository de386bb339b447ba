import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import type { Services } from '../../services.js'

/** GET /api/templates: every template with its sections and perspectives. */
export function templateRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/templates', authenticate(s), (c) => c.json({ templates: [...s.templates.values()] }))
  return app
}
