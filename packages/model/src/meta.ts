import { z } from 'zod'
import { xmlSafeString } from './xmlSafe.js'

/** Free text: characters XML cannot carry are dropped first (M2), then trimmed. */
const text = (max: number) => xmlSafeString().trim().max(max)

/** Current Dnr form: `<CODE> <YEAR>/<N>`, e.g. "EÅV 2025/936" (no leading zeros: those mark the older form). */
export const DNR_CURRENT = /^[A-ZÅÄÖ]{1,6} \d{4}\/[1-9]\d{0,5}$/
/** Older forms accepted with a warning: "KS 2018/000070", "171-1526/2016". */
export const DNR_LEGACY = /^([A-ZÅÄÖ]{1,6} \d{4}\/\d{1,8}|\d{1,4}-\d{1,6}\/\d{4})$/

export type DnrCheck = { ok: true; warning?: string } | { ok: false; message: string }

export function checkDnr(dnr: string): DnrCheck {
  const value = dnr.trim()
  if (value === '') return { ok: true }
  if (DNR_CURRENT.test(value)) return { ok: true }
  if (DNR_LEGACY.test(value)) return { ok: true, warning: 'Äldre diarienummerformat. Nuvarande format är t.ex. "EÅV 2025/936".' }
  return { ok: false, message: 'Diarienumret ska ha formen KOD ÅR/NUMMER, t.ex. "EÅV 2025/936".' }
}

export const signatorySchema = z
  .object({
    name: text(200),
    title: text(200).default(''),
    forvaltning: text(200).default(''),
  })
  .strict()
export type Signatory = z.infer<typeof signatorySchema>

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .or(z.literal(''))

/** The Y.Map `meta` (◆ title, ◆ dnr), and the `meta` body of POST /api/documents. */
export const documentMetaSchema = z
  .object({
    title: text(300),
    dnr: text(60)
      .refine((v) => checkDnr(v).ok, { message: 'Diarienumret ska ha formen KOD ÅR/NUMMER, t.ex. "EÅV 2025/936".' })
      .default(''),
    subtitle: text(300).default(''),
    namnd: text(200).default(''),
    meetingDate: isoDate.default(''),
    /** "Svar senast": when the remiss must be answered (what a handläggare plans by). */
    deadline: isoDate.default(''),
    forvaltning: text(200).default(''),
    avdelning: text(200).default(''),
    handlaggare: z
      .object({ name: text(200).default(''), phone: text(60).default('') })
      .strict()
      .default({ name: '', phone: '' }),
    date: isoDate.default(''),
    signatories: z.array(signatorySchema).max(10).default([]),
  })
  .strict()
export type DocumentMeta = z.infer<typeof documentMetaSchema>

/** Fields a client may send in `meta` when creating a document (title comes separately). */
export const documentMetaInputSchema = documentMetaSchema.partial()
export type DocumentMetaInput = z.infer<typeof documentMetaInputSchema>

export function emptyMeta(title = ''): DocumentMeta {
  return documentMetaSchema.parse({ title })
}
