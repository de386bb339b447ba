import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'
import type { NotificationKind } from '@perspektiv/model'
import { EMAIL_DEFAULT_KINDS } from '../../events/mailer.js'
import { markReadBodySchema, notificationSettingsBodySchema } from './schema.js'

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

  const settings = (userId: number, email: string) => ({
    email,
    /** False: no SMTP configured, so nothing is mailed whatever is chosen. */
    delivery: s.mailEnabled,
    kinds: s.notifications.emailSettings(userId, EMAIL_DEFAULT_KINDS),
  })

  app.get('/notifications/settings', auth, (c) => {
    const user = c.get('user')
    return c.json(settings(user.id, user.email))
  })

  app.put('/notifications/settings', auth, validate('json', notificationSettingsBodySchema), (c) => {
    const user = c.get('user')
    const body = c.req.valid('json')
    if (body.email !== undefined) s.users.setEmail(user.id, body.email)
    if (body.kinds) s.notifications.setEmailSettings(user.id, body.kinds as Partial<Record<NotificationKind, boolean>>)
    return c.json(settings(user.id, body.email ?? user.email))
  })
  return app
}
