import { z } from 'zod'
import { xmlSafeString } from './xmlSafe.js'

/** Free text: characters XML cannot carry are dropped first (M2), then trimmed. */
const text = (max: number) => xmlSafeString().trim().max(max)

/** The title's limit: the form's `maxlength` and the API's error say the same (SPEC M4). */
export const TITLE_MAX_LENGTH = 300
export const TITLE_TOO_LONG = `Titel: högst ${TITLE_MAX_LENGTH} tecken.`

/** Current Dnr form: `<CODE> <YEAR>/<N>`, e.g. "EÅV 2025/936" (no leading zeros: those mark the older form). */
export const DNR_CURRENT = /^[A-ZÅÄÖ]{1,6} \d{4}\/[1-9]\d{0,5}$/
/** Older forms accepted with a warning: "KS 2018/000070", "171-1526/2016". */
export const DNR_LEGACY = /^([A-ZÅÄÖ]{1,6} \d{4}\/\d{1,8}|\d{1,4}-\d{1,6}\/\d{4})$/

export type DnrCheck = { ok: true; warning?: string } | { ok: false; message: string }

/** The earliest diarium year accepted: older numbers are typos, not cases (SPEC M3). */
export const DNR_MIN_YEAR = 1990

/** "eåv  2025/936" → "EÅV 2025/936": case and spaces never make a Dnr wrong (SPEC M3). */
export function normalizeDnr(dnr: string): string {
  return dnr
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/^([\p{L}]+)\s*(?=\d)/u, '$1 ')
    .toLocaleUpperCase('sv-SE')
}

const DNR_FORM = 'Diarienumret ska ha formen KOD ÅR/NUMMER, t.ex. ”EÅV 2025/936”.'

/**
 * [M1, M3] Checks a Dnr after normalising it. `now` decides "next year" (pure: the caller
 * passes the clock). The messages name the field, in Swedish.
 */
export function checkDnr(dnr: string, now: Date = new Date()): DnrCheck {
  const value = normalizeDnr(dnr)
  if (value === '') return { ok: true }
  const current = DNR_CURRENT.test(value)
  if (!current && !DNR_LEGACY.test(value)) return { ok: false, message: DNR_FORM }
  const maxYear = now.getFullYear() + 1
  // "KOD ÅR/NUMMER", or the older "NNN-NUMMER/ÅR".
  const coded = /^[A-ZÅÄÖ]{1,6} (\d{4})\/(\d+)$/.exec(value)
  const dashed = /^\d{1,4}-(\d{1,6})\/(\d{4})$/.exec(value)
  const year = Number(coded ? coded[1] : dashed?.[2])
  const number = Number(coded ? coded[2] : dashed?.[1])
  if (year < DNR_MIN_YEAR || year > maxYear) {
    return { ok: false, message: `Diarienummer: året ${year} är inte möjligt (${DNR_MIN_YEAR}–${maxYear}).` }
  }
  if (number === 0) return { ok: false, message: 'Diarienummer: löpnumret kan inte vara 0.' }
  if (current) return { ok: true }
  return { ok: true, warning: 'Äldre diarienummerformat. Nuvarande format är t.ex. ”EÅV 2025/936”.' }
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
    title: xmlSafeString().trim().max(TITLE_MAX_LENGTH, TITLE_TOO_LONG),
    dnr: text(60)
      .transform(normalizeDnr)
      .superRefine((v, ctx) => {
        const r = checkDnr(v)
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message })
      })
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

/**
 * Header fields a template can require (SPEC T9; coverage C23). `signatories` = at least one signatory
 * with a name and a title.
 */
export const REQUIRABLE_META_FIELDS = [
  'title',
  'subtitle',
  'dnr',
  'namnd',
  'meetingDate',
  'forvaltning',
  'avdelning',
  'handlaggare.name',
  'handlaggare.phone',
  'date',
  'signatories',
] as const
export type RequirableMetaField = (typeof REQUIRABLE_META_FIELDS)[number]

/** What `remissvar` and `beslut` require, and what a template that says nothing requires. */
export const DEFAULT_REQUIRED_META: RequirableMetaField[] = [
  'title',
  'dnr',
  'namnd',
  'meetingDate',
  'forvaltning',
  'handlaggare.name',
  'handlaggare.phone',
  'date',
  'signatories',
]

/** Swedish labels of the header fields: the checklist, the form and the 409s say the same. */
export const META_LABELS: Record<RequirableMetaField, string> = {
  title: 'Titel',
  subtitle: 'Underrubrik',
  dnr: 'Diarienummer',
  namnd: 'Nämnd',
  meetingDate: 'Sammanträdesdatum',
  forvaltning: 'Förvaltning',
  avdelning: 'Avdelning',
  'handlaggare.name': 'Handläggare',
  'handlaggare.phone': 'Telefon (handläggare)',
  date: 'Datum',
  signatories: 'Underskrift',
}
