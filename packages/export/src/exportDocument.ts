import type { ExportFormat } from '@perspektiv/model'
import { hasTrackedChanges } from '@perspektiv/document'
import { checkExportInput, ExportError, parseExportFormat, type ExportInput } from './input.js'
import { exportDocx } from './docx.js'
import { exportPdf } from './pdf.js'
import { exportHtml } from './html.js'
import { exportMarkdown } from './markdown.js'
import { exportFileName } from './fileName.js'

export interface ExportedFile {
  bytes: Uint8Array
  /** For the Content-Type header. */
  contentType: string
  /** ASCII, safe for Content-Disposition and for writing into a directory. */
  fileName: string
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
}

/**
 * The one entry point for the API route and the CLI: checks the input and the format
 * (ExportError naming what was wrong), renders, and names the file.
 */
export async function exportDocument(input: ExportInput, format: ExportFormat | string): Promise<ExportedFile> {
  const checked = parseExportFormat(format)
  checkExportInput(input)
  // [X-DOCX-TC2] Suggestions are never part of an approved document, and only Word shows
  // them as what they are: in any other file they would read as the text itself.
  if (hasTrackedChanges(input.content)) {
    if (input.status === 'godkand') throw new ExportError('content: an approved document never carries suggestions (tracked changes)')
    if (checked !== 'docx') throw new ExportError(`content: tracked changes (suggestions) can only be exported as docx, not ${checked}`)
  }
  const bytes =
    checked === 'docx'
      ? await exportDocx(input)
      : checked === 'pdf'
        ? await exportPdf(input)
        : new TextEncoder().encode(checked === 'html' ? exportHtml(input) : exportMarkdown(input))
  return { bytes, contentType: CONTENT_TYPES[checked], fileName: exportFileName(input.meta, checked) }
}
