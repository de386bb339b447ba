import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { validate } from '../../http/validate.js'
import { summaryJson } from '../../documents.js'
import type { Services } from '../../services.js'
import { dashboardQuerySchema } from './schema.js'

/**
 * `GET /api/dashboard` (SRV-ST32, SRV-D1): one page of one dashboard section, sorted and
 * sectioned in SQL, with every section's count — the web app never loads thousands of rows.
 */
export function dashboardRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/dashboard', authenticate(s), validate('query', dashboardQuerySchema), async (c) => {
    const q = c.req.valid('query')
    const ascending = q.dir ? q.dir === 'asc' : q.sort !== 'updatedAt'
    const page = await s.store.dashboardPage(c.get('user').id, {
      section: q.section,
      sort: q.sort,
      ascending,
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
      status: q.status,
      role: q.role,
      namnd: q.namnd,
      query: q.query,
    })
    const head = JSON.stringify({
      section: q.section,
      page: q.page,
      pageSize: q.pageSize,
      total: page.counts[q.section],
      counts: page.counts,
      namnder: page.namnder,
    })
    // The stored coverage JSON spliced in as it is (summaryJson), plus why it waits for me.
    const rows = page.rows.map((r) => `${summaryJson(r).slice(0, -1)},"waiting":${JSON.stringify(r.waiting)}}`)
    return c.body(`${head.slice(0, -1)},"documents":[${rows.join(',')}]}`, 200, { 'content-type': 'application/json; charset=UTF-8' })
  })
  return app
}
