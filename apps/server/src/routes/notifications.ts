import { Hono } from 'hono'
import { z } from 'zod'
import { authenticate, type AppEnv } from '../http/auth.js'
import { validate } from '../http/validate.js'
import type { Services } from '../services.js'

export const markReadBodySchema = z
  .object({ ids: z.array(z.number().int().positive('not a notification id')).max(500).optional() })
  .strict()

/** The caller's own notifications (never anyone else's): list and mark read. */
export function notificationRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  app.get('/notifications', auth, (c) => {
    const user = c.get('user')
    return c.json({ notifications: s.notifications.list(user.id), unread: s.notifications.unreadCount(user.id) })
  })

  app.post('/notifications/read', auth, validate('json', markReadBodySchema), (c) => {
    const user = c.get('user')
    const { ids } = c.req.valid('json')
    s.notifications.markRead(user.id, ids)
    const unread = s.notifications.unreadCount(user.id)
    // The user's other tabs update their bell too.
    s.events.send([user.id], { type: 'read', unread })
    return c.json({ unread })
  })
  return app
}
