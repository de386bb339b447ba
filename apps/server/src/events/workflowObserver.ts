import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/auth.js'
import type { Services } from '../services.js'

/**
 * Watches the workflow routes (`POST /api/documents/:id/status` and `/approvals`) from
 * outside: it compares the document's status and approvals before and after a successful
 * call and tells the Notifier what changed. The routes themselves stay unaware of
 * notifications, and a refused call (4xx) notifies nobody.
 */
export function workflowObserver(s: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param('id')
    const before = id ? await s.store.getDocument(id) : undefined
    const approvalsBefore = before ? (await s.store.approvals(before.id)).length : 0
    await next()
    if (!before || c.res.status >= 300) return
    const user = c.get('user')
    if (!user) return
    try {
      const after = await s.store.getDocument(before.id)
      if (!after) return
      if ((await s.store.approvals(before.id)).length > approvalsBefore) await s.notifier.approvalAdded(before.id, user.id)
      if (after.status !== before.status) await s.notifier.statusChanged(before.id, before.status, after.status, user.id)
    } catch (err) {
      console.error('[perspektiv] notifying a workflow change failed', err)
    }
  }
}
