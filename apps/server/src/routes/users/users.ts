import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'
import { userQuerySchema } from './schema.js'

/** At most this many people per answer. */
export const USER_SEARCH_LIMIT = 20
/** Searches per user per minute (enough to type a name; not enough to enumerate accounts quickly). */
export const USER_SEARCHES_PER_MINUTE = 60

/**
 * GET /api/users?query=: colleagues to add as members, by name, title or username. Any
 * signed-in user may look up; the answer holds only what the sharing dialog shows
 * (username, name, title), never whether someone is an administrator.
 */
export function userRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const searches = s.budgets('user-searches', { limit: USER_SEARCHES_PER_MINUTE, windowMs: 60_000, what: 'user searches' })
  app.get('/users', authenticate(s), validate('query', userQuerySchema), async (c) => {
    await searches.take(c.get('user').id)
    const { query, q } = c.req.valid('query')
    const users = (await s.users.search(query ?? q ?? '', USER_SEARCH_LIMIT)).map(({ username, name, title }) => ({ username, name, title }))
    return c.json({ users })
  })
  return app
}
