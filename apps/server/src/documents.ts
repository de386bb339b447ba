import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import {
  can,
  documentMetaSchema,
  xmlSafeDeep,
  type DocumentMetaInput,
  type DocumentSummary,
  type DocumentDetail,
  type DocumentWorkflow,
  type Role,
  type Template,
} from '@perspektiv/model'
import { createDocumentYDoc, META_MAP, yDocToJSON, type PMNode } from '@perspektiv/document'
import { coverageOfDocument, summarizeCoverage } from '@perspektiv/coverage'
import type { DocumentRecord, DocumentStore, ListedRow } from './storage/documentStore.js'
import type { Rooms } from './sync/index.js'

export type { DocumentSummary, DocumentDetail }

/**
 * 16 random base64url characters, never starting with "-" or "_": an id that starts with "-"
 * reads as an option on a command line (`perspektiv export -AbC…` failed one time in 64).
 */
export function newDocumentId(): string {
  for (;;) {
    const id = randomBytes(12).toString('base64url')
    if (/^[A-Za-z0-9]/.test(id)) return id
  }
}

/**
 * Creates a document: the section skeleton is built here, once, from the template (never
 * by clients), stored as the first snapshot together with the row and its members.
 */
export async function createDocument(
  store: DocumentStore,
  template: Template,
  input: { title: string; meta?: DocumentMetaInput; content?: PMNode; createdBy: number; members?: Array<{ userId: number; role: Role }> },
): Promise<DocumentRecord> {
  const meta = documentMetaSchema.parse({ ...(input.meta ?? {}), title: input.title })
  // Imported content (perspektiv import) is outside text too: model M2, like the meta above.
  const ydoc = createDocumentYDoc(template, meta, input.content && xmlSafeDeep(input.content))
  try {
    const id = newDocumentId()
    const now = new Date().toISOString()
    const members = new Map<number, Role>([[input.createdBy, 'author']])
    for (const m of input.members ?? []) if (m.userId !== input.createdBy) members.set(m.userId, m.role)
    await store.createDocument(
      { id, templateId: template.id, title: meta.title, dnr: meta.dnr, createdBy: input.createdBy, createdAt: now },
      Y.encodeStateAsUpdate(ydoc),
      [...members].map(([userId, role]) => ({ userId, role })),
    )
    await store.updateSummary(id, {
      title: meta.title,
      dnr: meta.dnr,
      namnd: meta.namnd,
      meetingDate: meta.meetingDate,
      deadline: meta.deadline,
      updatedAt: now,
      coverage: summarizeCoverage(coverageOfDocument(template, yDocToJSON(ydoc), ydoc.getMap(META_MAP).toJSON())),
    })
    await store.audit({ documentId: id, actor: input.createdBy, action: 'document.created', details: { templateId: template.id } })
    return (await store.getDocument(id))!
  } finally {
    ydoc.destroy()
  }
}

export function toSummary(record: DocumentRecord, role: Role): DocumentSummary {
  return {
    id: record.id,
    templateId: record.templateId,
    title: record.title,
    dnr: record.dnr,
    namnd: record.namnd,
    meetingDate: record.meetingDate,
    deadline: record.deadline,
    status: record.status,
    revision: record.revision,
    role,
    updatedAt: record.updatedAt,
    createdAt: record.createdAt,
    coverage: record.coverage,
  }
}

/**
 * The JSON text of a list row (`DocumentSummary`): the stored coverage JSON is spliced in
 * as it is, not parsed and serialised again. Keys as toSummary's.
 */
export function summaryJson(row: ListedRow): string {
  const { coverageJson, role, approvedByUser: _approved, createdBy: _by, ...rest } = row
  const head = JSON.stringify({
    id: rest.id,
    templateId: rest.templateId,
    title: rest.title,
    dnr: rest.dnr,
    namnd: rest.namnd,
    meetingDate: rest.meetingDate,
    deadline: rest.deadline,
    status: rest.status,
    revision: rest.revision,
    role,
    updatedAt: rest.updatedAt,
    createdAt: rest.createdAt,
  })
  return `${head.slice(0, -1)},"coverage":${coverageJson?.startsWith('{') ? coverageJson : 'null'}}`
}

/** Who may do what now: from the database only (cheap enough to poll). */
export async function toWorkflow(store: DocumentStore, record: DocumentRecord, role: Role): Promise<DocumentWorkflow> {
  const [members, approvals] = await Promise.all([store.members(record.id), store.approvals(record.id)])
  const approvers = members.filter((m) => m.role === 'approver')
  return {
    status: record.status,
    role,
    members: members.map(({ username, name, title, role }) => ({ username, name, title, role })),
    approvals,
    approversPending: approvers
      .filter((m) => !approvals.some((a) => a.username === m.username))
      .map(({ username, name, title }) => ({ username, name, title })),
    canApprove: approvers.length > 0,
    canEdit: can(role, 'content.edit', record.status),
  }
}

/** Full detail from the live document (loads it; throws DocumentUnavailableError). */
export async function toDetail(store: DocumentStore, rooms: Rooms, record: DocumentRecord, role: Role): Promise<DocumentDetail> {
  const live = await rooms.open(record)
  // Read on the state pool when the room is large (SRV-S16).
  const { coverage: report, meta } = await rooms.content(live)
  return {
    ...toSummary(record, role),
    ...(await toWorkflow(store, record, role)),
    title: meta.title || record.title,
    dnr: meta.dnr,
    namnd: meta.namnd,
    meetingDate: meta.meetingDate,
    deadline: meta.deadline,
    coverage: summarizeCoverage(report),
    meta,
    coverageReport: report,
  }
}
