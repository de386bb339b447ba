import * as Y from 'yjs'
import type { Approval, DocumentMeta, DocumentStatus, Organisation, Template } from '@perspektiv/model'
import { DEFAULT_TEMPLATES_DIR, loadOrganisation } from '@perspektiv/model/load'
import { missingSectionInserts, validateStructure, type PMNode } from '@perspektiv/document'
import { readContentDoc, type ContentRead } from './sync/contentJobs.js'
import { exportDocument, type ExportedFile } from '@perspektiv/export'
import type { DocumentRecord, DocumentStore } from './storage/documentStore.js'
import { approvalsOfText, contentFingerprint } from './approvalIntegrity.js'

/** The export's view of a document could not be made; `code` maps to the HTTP status. */
export class ExportRefused extends Error {
  constructor(
    readonly code: 'structure' | 'leftovers' | 'suggestions',
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

let organisation: { value: Organisation | undefined } | null = null

/**
 * The organisation profile (templates/organisation.yaml, beside the templates the server
 * loads), read once. A broken file throws OrganisationError naming what is wrong; the
 * export route turns it into a 500 for that request and keeps serving everything else.
 */
function organisationProfile(): Organisation | undefined {
  organisation ??= { value: loadOrganisation(DEFAULT_TEMPLATES_DIR) }
  return organisation.value
}

interface Renderable {
  json: PMNode
  /** The content as exported, when it differs from `json` (suggestions as tracked changes). */
  shown?: PMNode
  meta: DocumentMeta
  template: Template
  status: DocumentStatus
  approvals: Approval[]
  revision: number
}

/** From revision 2 on, the export prints the revision (under the title: the exporter has no field for it yet). */
function withRevision(meta: DocumentMeta, revision: number): DocumentMeta {
  if (revision <= 1) return meta
  return { ...meta, subtitle: [meta.subtitle, `Revision ${revision}`].filter((s) => s.trim() !== '').join(' – ') }
}

function render(r: Renderable, format: string): Promise<ExportedFile> {
  const structure = validateStructure(r.json, r.template)
  // An approved text is exported as it was approved, also when its template has gained a
  // section since (SRV-ST14 upgrades drafts only); any other skeleton defect is refused.
  const approvedUnderOlderTemplate = r.status === 'godkand' && structure.missing.length > 0 && missingSectionInserts(r.json, r.template) !== null
  if (!structure.valid && !approvedUnderOlderTemplate) {
    throw new ExportRefused(
      'structure',
      `the document's sections do not match its template (missing: ${structure.missing.join(', ') || '–'}, duplicated: ${structure.duplicated.join(', ') || '–'})`,
    )
  }
  return exportDocument(
    {
      content: r.shown ?? r.json,
      meta: withRevision(r.meta, r.revision),
      template: r.template,
      status: r.status,
      approvals: r.approvals.map((a) => ({ name: a.name, title: a.title, approvedAt: a.approvedAt })),
      organisation: organisationProfile(),
    },
    format,
  )
}

/**
 * Renders a document's content in one format, with its status and approval record from
 * the database. The structure is checked first: a broken skeleton is never exported,
 * and a document past `utkast` with left-over template text anywhere (header included) is
 * refused, naming the fields: only a draft may print "Klicka och skriv namn" (with UTKAST).
 * The content comes read (the server reads a large room on its state pool, SRV-S16) or as
 * a Y.Doc (the CLI).
 */
export async function exportStoredDocument(
  store: DocumentStore,
  record: DocumentRecord,
  template: Template,
  content: Y.Doc | ContentRead,
  format: string,
  /** The content with the review room's open suggestions as tracked changes (a draft's DOCX only). */
  tracked?: PMNode,
): Promise<ExportedFile> {
  if (tracked && record.status === 'godkand') {
    throw new ExportRefused('suggestions', 'an approved document never carries suggestions: export it without ?suggestions=tracked')
  }
  const { json, metaJson, meta, coverage } = content instanceof Y.Doc ? readContentDoc(content, template) : content
  if (record.status !== 'utkast') {
    if (coverage.placeholders.length > 0) {
      const fields = coverage.meta.filter((m) => m.status === 'placeholder').map((m) => `header field "${m.field}"`)
      throw new ExportRefused(
        'leftovers',
        `the document is "${record.status}" but still holds template text (${[...fields, ...coverage.placeholders.map((p) => `"${p}"`)].join(', ')}); only a draft can be exported with it`,
        { coverage },
      )
    }
  }
  return render(
    {
      json,
      shown: tracked,
      meta,
      template,
      status: record.status,
      approvals: await approvalsOfText(store, record.id, contentFingerprint(json, metaJson)),
      revision: record.revision,
    },
    format,
  )
}

/** A frozen, approved revision as it was approved: its content (read) and its approval record. */
export function exportFrozenRevision(
  template: Template,
  frozen: Pick<ContentRead, 'json' | 'meta'>,
  approvals: Approval[],
  revision: number,
  format: string,
): Promise<ExportedFile> {
  return render({ json: frozen.json, meta: frozen.meta, template, status: 'godkand', approvals, revision }, format)
}

/** `attachment` with an ASCII filename (the exporter already made it safe) and its UTF-8 twin. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
