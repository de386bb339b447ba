import { Hono } from 'hono'
import { mayEver } from '@perspektiv/model'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess, documentParamSchema } from '../../http/documentAccess.js'
import { forbidden, notFound } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import type { VersionRecord } from '../../storage/documentStore.js'
import type { Services } from '../../services.js'
import { sectionChanges } from '../../workflow.js'
import { currentContent } from '../../reviewContent.js'
import { createVersionBodySchema, versionParamSchema } from './schema.js'

/** Named versions per user and minute (each is a row; unchanged content adds no state). */
const VERSIONS_PER_MINUTE = 10

/** A version as the API shows it: never its stored state (a POST answered with the whole document's bytes as JSON, megabytes for a large one). */
export const publicVersion = ({ documentId: _documentId, state: _state, ...v }: VersionRecord & { state?: Uint8Array }) => v

/** Versions (automatic at each status change, named by members) and "changes since review". */
export function versionRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)
  const saves = s.budgets('versions-saved', {
    limit: VERSIONS_PER_MINUTE,
    windowMs: 60_000,
    what: 'versions saved',
    message: 'Du har sparat många versioner på kort tid. Vänta en minut och försök igen.',
  })

  app.get('/documents/:id/versions', auth, validate('param', documentParamSchema), async (c) => {
    const { record } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    return c.json({ versions: (await s.store.versions(record.id)).map(publicVersion) })
  })

  app.post('/documents/:id/versions', auth, validate('param', documentParamSchema), validate('json', createVersionBodySchema), async (c) => {
    const user = c.get('user')
    const { record, role } = await documentAccess(s.store, c.req.valid('param').id, user.id)
    if (!mayEver(role, 'version.save')) throw forbidden('readers cannot save versions')
    const { label } = c.req.valid('json')
    await saves.take(user.id)
    const { state, fingerprint } = await currentContent(s, record)
    const versionId = await s.store.addVersion({ documentId: record.id, status: record.status, label, state, createdBy: user.id, kind: 'manual', fingerprint })
    await s.store.audit({ documentId: record.id, actor: user.id, action: 'version.created', details: { versionId, label } })
    return c.json({ version: publicVersion((await s.store.version(record.id, versionId))!) }, 201)
  })

  app.get('/documents/:id/versions/:versionId', auth, validate('param', versionParamSchema), async (c) => {
    const { id, versionId } = c.req.valid('param')
    const { record } = await documentAccess(s.store, id, c.get('user').id)
    const version = await s.store.version(record.id, versionId)
    if (!version) throw notFound(`no version ${versionId} of this document`)
    const { state, ...rest } = version
    // A large version is read on the state pool (SRV-S16).
    const { json, meta } = await s.rooms.contentOf(record.id, state, s.templates.get(record.templateId) ?? (await s.rooms.open(record)).template)
    return c.json({ version: publicVersion(rest), content: json, meta })
  })

  app.get('/documents/:id/changes-since-review', auth, validate('param', documentParamSchema), async (c) => {
    const { record } = await documentAccess(s.store, c.req.valid('param').id, c.get('user').id)
    const since = await s.store.latestVersion(record.id, 'review')
    if (!since) return c.json({ since: null, sections: [] })
    const { state, ...rest } = since
    const current = await s.rooms.open(record)
    const [before, now] = await Promise.all([s.rooms.contentOf(record.id, state, current.template), s.rooms.content(current)])
    const sections = sectionChanges(current.template, before.json, now.json)
    return c.json({ since: publicVersion(rest), sections })
  })
  return app
}
