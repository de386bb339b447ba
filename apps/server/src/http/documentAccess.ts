import { z } from 'zod'
import type { Role } from '@perspektiv/model'
import type { DocumentRecord, DocumentStore } from '../storage/documentStore.js'
import { forbidden, notFound } from './errors.js'

export const documentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a document id')
export const documentParamSchema = z.object({ id: documentIdSchema })

/** The document and the caller's role in it: 404 when unknown, 403 without a role. */
export async function documentAccess(store: DocumentStore, documentId: string, userId: number): Promise<{ record: DocumentRecord; role: Role }> {
  const record = documentIdSchema.safeParse(documentId).success ? await store.getDocument(documentId) : undefined
  if (!record) throw notFound(`no document with id "${documentId}"`)
  const role = await store.roleOf(record.id, userId)
  if (!role) throw forbidden('you have no role in this document')
  return { record, role }
}
