import { z } from 'zod'
import type { CoverageReport } from './coverage.js'

/** Largest file `POST /api/imports` reads (a Word file with its pictures fits; SRV-IMP1). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024

/** The query of `POST /api/imports` and `POST /api/imports/documents` (◆ API.md "Import"). */
export const importQuerySchema = z
  .object({
    templateId: z.string().trim().min(1).max(60).default('remissvar'),
    /** The file's name, for a raw body (a multipart upload names its file itself). */
    fileName: z.string().trim().min(1).max(255).optional(),
  })
  .strict()

/** A header field the import filled: what a registrar would type into the form. */
export interface ImportedField {
  /** Meta path: `title`, `dnr`, `handlaggare.name`, `signatories[0]` … */
  field: string
  /** The field's Swedish label, as in the header form. */
  label: string
  value: string
}

/** A template section as the import filled it. */
export interface ImportedSection {
  key: string
  title: string
  /** The headings in the file that were read as this section ('' for the closing sentence). */
  headings: string[]
  words: number
  paragraphs: number
  lists: number
  tables: number
  /** The first words, for the preview. */
  excerpt: string
}

/** ◆ What `POST /api/imports` answers: what goes where, before anything is created. */
export interface ImportPreview {
  fileName: string
  format: 'txt' | 'md' | 'docx'
  templateId: string
  title: string
  fields: ImportedField[]
  /** Labels of the header fields nothing was found for. */
  missingFields: string[]
  sections: ImportedSection[]
  /** Text under headings the template does not know: kept out of the document. */
  leftOver: Array<{ heading: string; text: string }>
  /** Header block, page headers and signatures as read (already in `fields`), for checking. */
  otherText: string
  coverage: CoverageReport
  warnings: string[]
}
