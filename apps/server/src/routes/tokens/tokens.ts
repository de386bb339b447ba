import { Hono } from 'hono'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { forbidden, notFound } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'
import { createTokenBodySchema } from './schema.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** GET/POST /api/tokens and DELETE /api/tokens/:id: the signed-in user's personal API tokens. */
export function tokenRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('/tokens', authenticate(s))
  app.use('/tokens/*', authenticate(s))

  app.get('/tokens', (c) => c.json({ tokens: s.apiTokens.list(c.get('user').id) }))

  app.post('/tokens', validate('json', createTokenBodySchema), (c) => {
    // A leaked token must not be able to mint itself successors that outlive it.
    if (s.apiTokens.isApiToken(c.get('session').tokenHash)) throw forbidden('an API token cannot create API tokens; sign in first')
    const { name, expiresInDays } = c.req.valid('json')
    const { token, info } = s.apiTokens.create(c.get('user').id, name, Date.now() + expiresInDays * DAY_MS)
    return c.json({ token, ...info }, 201)
  })

  app.delete('/tokens/:id', (c) => {
    const hash = s.apiTokens.revoke(c.get('user').id, c.req.param('id'))
    if (!hash) throw notFound('no such API token of yours')
    s.rooms.closeSession(hash, 'API token revoked')
    return c.body(null, 204)
  })
  return app
}
