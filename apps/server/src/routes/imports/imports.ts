import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { IMPORT_MAX_BYTES, type Template } from '@perspektiv/model'
import { importLegacy, LegacyImportError } from '@perspektiv/legacy'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { ApiError } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import { createDocument, toDetail } from '../../documents.js'
import { planImport, storeWordSuggestions, type ImportPlan } from '../../imports/index.js'
import type { Services } from '../../services.js'
import { importQuerySchema } from './schema.js'

const MIB = IMPORT_MAX_BYTES / 1024 / 1024

/** The uploaded file: a multipart field `file`, or the raw body named by `?fileName=`. */
async function uploadedFile(c: Context<AppEnv>, fileName: string | undefined): Promise<{ name: string; bytes: Uint8Array }> {
  if ((c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File)) {
      throw new ApiError(400, 'invalid body: file: the multipart field "file" is missing (Välj en fil att importera.)', [{ path: 'file', message: 'required' }])
    }
    return { name: file.name || fileName || '', bytes: new Uint8Array(await file.arrayBuffer()) }
  }
  if (!fileName) {
    throw new ApiError(400, 'invalid query: fileName: required for a raw body (Filnamnet saknas.)', [{ path: 'fileName', message: 'required' }])
  }
  return { name: fileName, bytes: new Uint8Array(await c.req.arrayBuffer()) }
}

/**
 * [SRV-IMP1–4] `POST /api/imports`: reads a legacy file and answers what it would become;
 * `POST /api/imports/documents`: the same file becomes a document the caller authors. The
 * server writes the skeleton and fills it; the client only sends the file.
 */
export function importRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)
  const limit = bodyLimit({
    maxSize: IMPORT_MAX_BYTES,
    onError: () => {
      throw new ApiError(413, `the file is larger than ${MIB} MB (Filen är större än ${MIB} MB.)`, undefined, { Connection: 'close' })
    },
  })

  const plan = async (c: Context<AppEnv>, query: { templateId: string; fileName?: string }): Promise<{ template: Template; plan: ImportPlan }> => {
    const template = s.templates.get(query.templateId)
    if (!template) {
      throw new ApiError(400, `invalid query: templateId: unknown template "${query.templateId}"`, [{ path: 'templateId', message: 'unknown template' }])
    }
    const file = await uploadedFile(c, query.fileName)
    if (file.bytes.byteLength === 0) throw new ApiError(400, `${file.name}: filen är tom.`, [{ path: 'file', message: 'empty' }])
    try {
      // Word's tracked changes are read as suggestions (SRV-IMP5), not as text.
      const legacy = await importLegacy(file.name, file.bytes, template, { wordChanges: true })
      return { template, plan: planImport(file.name, template, legacy) }
    } catch (err) {
      // The importer's message is Swedish and names the file and what is wrong with it.
      if (err instanceof LegacyImportError) throw new ApiError(400, err.message, [{ path: 'file', message: 'unreadable' }])
      throw err
    }
  }

  app.post('/imports', auth, limit, validate('query', importQuerySchema), async (c) => {
    const { plan: p } = await plan(c, c.req.valid('query'))
    return c.json(p.preview)
  })

  app.post('/imports/documents', auth, limit, validate('query', importQuerySchema), async (c) => {
    const { template, plan: p } = await plan(c, c.req.valid('query'))
    const user = c.get('user')
    const record = createDocument(s.store, template, { title: p.title, meta: p.meta, content: p.content, createdBy: user.id })
    s.store.audit({ documentId: record.id, actor: user.id, action: 'document.imported', details: { fileName: p.preview.fileName, format: p.preview.format } })
    await storeWordSuggestions(s.store, record.id, p.wordChanges, user)
    return c.json(toDetail(s.store, s.rooms, record, 'author'), 201)
  })
  return app
}
