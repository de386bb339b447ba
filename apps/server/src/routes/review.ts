import { Hono } from 'hono'
import type { AppEnv } from '../http/auth.js'
import type { Services } from '../services.js'
import { approvalRoutes } from './review/approvals.js'
import { auditRoutes } from './review/audit.js'
import { revisionRoutes } from './review/revisions.js'
import { statusRoutes } from './review/status.js'
import { versionRoutes } from './review/versions.js'

export { createVersionBodySchema } from './review/versions.js'

/**
 * The review workflow, owned by the server, one resource per file under review/: status
 * (behind the gate), approvals (behind the gate and the reviewers' verdicts), versions,
 * revisions and the audit log.
 */
export function reviewRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  for (const routes of [statusRoutes, approvalRoutes, versionRoutes, revisionRoutes, auditRoutes]) app.route('/', routes(s))
  return app
}
