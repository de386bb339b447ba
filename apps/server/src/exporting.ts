import type * as Y from 'yjs'
import type { Organisation, Template } from '@perspektiv/model'
import { DEFAULT_TEMPLATES_DIR, loadOrganisation } from '@perspektiv/model/load'
import { readMeta, validateStructure, yDocToJSON } from '@perspektiv/document'
import { exportDocument, type ExportedFile } from '@perspektiv/export'
import type { DocumentRecord, DocumentStore } from './storage/documentStore.js'

/** The export's view of a document could not be made; `code` maps to the HTTP status. */
export class ExportRefused extends Error {
  constructor(
    readonly code: 'structure',
    message: string,
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

/**
 * Renders a document's content Y.Doc in one format, with its status and approval record
 * from the database. The structure is checked first: a broken skeleton is never exported.
 */
export async function exportStoredDocument(
  store: DocumentStore,
  record: DocumentRecord,
  template: Template,
  content: Y.Doc,
  format: string,
): Promise<ExportedFile> {
  const json = yDocToJSON(content)
  const structure = validateStructure(json, template)
  if (!structure.valid) {
    throw new ExportRefused('structure', `the document's sections do not match its template (missing: ${structure.missing.join(', ') || '–'}, duplicated: ${structure.duplicated.join(', ') || '–'})`)
  }
  return exportDocument(
    {
      content: json,
      meta: readMeta(content),
      template,
      status: record.status,
      approvals: store.approvals(record.id).map((a) => ({ name: a.name, title: a.title, approvedAt: a.approvedAt })),
      organisation: organisationProfile(),
    },
    format,
  )
}

/** `attachment` with an ASCII filename (the exporter already made it safe) and its UTF-8 twin. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
