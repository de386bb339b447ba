import { Hono } from 'hono'
import type { AppEnv } from '../http/auth.js'
import type { Services } from '../services.js'
import { approvalRoutes } from './approvals/approvals.js'
import { auditRoutes } from './audit/audit.js'
import { dashboardRoutes } from './dashboard/dashboard.js'
import { documentRoutes } from './documents/documents.js'
import { exportRoutes } from './export/export.js'
import { importRoutes } from './imports/imports.js'
import { memberRoutes } from './members/members.js'
import { notificationRoutes } from './notifications/notifications.js'
import { oidcRoutes } from './oidc/oidc.js'
import { revisionRoutes } from './revisions/revisions.js'
import { sessionRoutes } from './session/session.js'
import { statusRoutes } from './status/status.js'
import { templateRoutes } from './templates/templates.js'
import { tokenRoutes } from './tokens/tokens.js'
import { userRoutes } from './users/users.js'
import { versionRoutes } from './versions/versions.js'

/**
 * Every `/api` resource, one folder each (`<name>/<name>.ts` with its zod schemas in
 * `<name>/schema.ts`, Outline's layout). The review workflow is status (behind the gate),
 * approvals (behind the gate and the reviewers' verdicts), versions, revisions and the
 * audit log; what they share is in reviewContent.ts.
 */
export function apiRoutes(s: Services, log?: Parameters<typeof oidcRoutes>[1]): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  for (const routes of [
    sessionRoutes,
    templateRoutes,
    userRoutes,
    documentRoutes,
    dashboardRoutes,
    importRoutes,
    memberRoutes,
    statusRoutes,
    approvalRoutes,
    versionRoutes,
    revisionRoutes,
    auditRoutes,
    exportRoutes,
    notificationRoutes,
  ])
    app.route('/', routes(s))
  app.route('/', oidcRoutes(s, log))
  app.route('/', tokenRoutes(s))
  return app
}
