import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'
import type { NotificationKind, NotificationSettings } from '@perspektiv/model'
import { EMAIL_DEFAULT_KINDS } from '../../events/mailer.js'
import { markReadBodySchema, notificationSettingsBodySchema } from './schema.js'

/** The caller's own notifications (never anyone else's): list and mark read. */
export function notificationRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  app.get('/notifications', auth, async (c) => {
    const user = c.get('user')
    return c.json({ notifications: await s.notifications.list(user.id), unread: await s.notifications.unreadCount(user.id) })
  })

  app.post('/notifications/read', auth, validate('json', markReadBodySchema), async (c) => {
    const user = c.get('user')
    const { ids } = c.req.valid('json')
    await s.notifications.markRead(user.id, ids)
    const unread = await s.notifications.unreadCount(user.id)
    // The user's other tabs update their bell too.
    s.events.send([user.id], { type: 'read', unread })
    return c.json({ unread })
  })

  const settings = async (userId: number, email: string): Promise<NotificationSettings> => ({
    email,
    delivery: s.mailEnabled,
    kinds: await s.notifications.emailSettings(userId, EMAIL_DEFAULT_KINDS),
  })

  app.get('/notifications/settings', auth, async (c) => {
    const user = c.get('user')
    return c.json(await settings(user.id, user.email))
  })

  app.put('/notifications/settings', auth, validate('json', notificationSettingsBodySchema), async (c) => {
    const user = c.get('user')
    const body = c.req.valid('json')
    if (body.email !== undefined) await s.users.setEmail(user.id, body.email)
    if (body.kinds) await s.notifications.setEmailSettings(user.id, body.kinds as Partial<Record<NotificationKind, boolean>>)
    return c.json(await settings(user.id, body.email ?? user.email))
  })
  return app
}
