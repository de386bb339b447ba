import { Hono } from 'hono'
import { can } from '@perspektiv/model'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { conflict, forbidden } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import { toDetail } from '../../documents.js'
import type { Services } from '../../services.js'
import { mayTransition, reviewGate, transitionOf } from '../../workflow.js'
import { changeStatus, currentContent, refuseUnlessReady } from '../../reviewContent.js'
import { statusChangeBodySchema } from './schema.js'

/** `POST /documents/:id/status`: send to review behind the gate (`ready`), or reopen. */
export function statusRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.post('/documents/:id/status', authenticate(s), validate('param', documentParamSchema), validate('json', statusChangeBodySchema), (c) => {
    const user = c.get('user')
    const { record, role } = documentAccess(s.store, c.req.valid('param').id, user.id)
    const { to } = c.req.valid('json')
    if (!mayTransition(role)) throw forbidden('only authors may change the status of a document')
    const transition = transitionOf(record.status, to)
    if (typeof transition !== 'string') throw conflict(transition.refused)
    if (!can(role, transition === 'send-to-review' ? 'status.send' : 'status.reopen', record.status))
      throw conflict(`no transition from "${record.status}" to "${to}"`)
    const { live, json, meta, state, fingerprint } = currentContent(s, record)
    if (transition === 'send-to-review') {
      refuseUnlessReady('the document is not ready for review', reviewGate(live.template, json, meta))
      changeStatus(s, record, 'granskning', user.id, state, 'review', {}, fingerprint)
    } else {
      // Reopened: the text may change, so earlier approvals no longer hold.
      const cleared = s.store.approvals(record.id).map((a) => a.username)
      s.store.clearApprovals(record.id)
      changeStatus(s, record, 'utkast', user.id, state, 'status', { clearedApprovals: cleared }, fingerprint)
    }
    return c.json(toDetail(s.store, s.rooms, s.store.getDocument(record.id)!, role))
  })
  return app
}
