import {
  checkDnr,
  DEFAULT_REQUIRED_META,
  DNR_CURRENT,
  META_LABELS,
  normalizeDnr,
  REQUIRABLE_META_FIELDS,
  type MetaCoverage,
  type RequirableMetaField,
  type Template,
} from '@perspektiv/model'
import { compileTemplate, scanText, type CompiledTemplate } from './placeholders.js'

/** Swedish problem texts of the header check; each names its field (SPEC C21–C25). */
export const META_PROBLEMS = {
  missing: (label: string) => `${label} saknas.`,
  placeholder: (label: string, texts: string[]) => `${label}: fältet innehåller mallens platshållartext ${texts.map((t) => `”${t}”`).join(', ')}.`,
  notText: (label: string) => `${label}: värdet är inte text.`,
  date: (label: string) => `${label}: ange ett riktigt datum (år-månad-dag, t.ex. 2025-03-14).`,
  dnrOldForm: 'Äldre diarienummerformat: ange diarienumret i nuvarande form, t.ex. ”EÅV 2025/936”.',
  noSignatory: 'Underskrift saknas: minst en person med namn och titel.',
} as const

/** The scalar header fields, in the order the header shows them. */
const SCALAR_FIELDS = REQUIRABLE_META_FIELDS.filter((f) => f !== 'signatories')
const DATE_FIELDS = new Set<string>(['meetingDate', 'date'])

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** The raw value at `handlaggare.name`-style paths of the meta map (a client may write anything). */
function at(raw: unknown, path: string): unknown {
  let v: unknown = raw
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined
  return v
}

interface FieldRule {
  field: string
  label: string
  required: boolean
  /** A non-empty, placeholder-free value: a problem, or null. */
  validate?: (value: string) => string | null
}

function checkField(rule: FieldRule, raw: unknown, compiled: CompiledTemplate, collect: (found: string[]) => void): MetaCoverage {
  const base = { field: rule.field, label: rule.label }
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return { ...base, status: 'invalid', problems: [META_PROBLEMS.notText(rule.label)] }
  const value = (raw ?? '').trim()
  const found = value === '' ? [] : scanText(value, compiled).placeholders
  if (found.length > 0) {
    collect(found)
    return { ...base, status: 'placeholder', problems: [META_PROBLEMS.placeholder(rule.label, found)] }
  }
  if (value === '')
    return rule.required ? { ...base, status: 'missing', problems: [META_PROBLEMS.missing(rule.label)] } : { ...base, status: 'ok', problems: [] }
  const problem = rule.validate?.(value) ?? null
  return problem ? { ...base, status: 'invalid', problems: [problem] } : { ...base, status: 'ok', problems: [] }
}

function validatorOf(field: RequirableMetaField, required: boolean, now: Date): FieldRule['validate'] {
  if (DATE_FIELDS.has(field)) return (v) => (isCalendarDate(v) ? null : META_PROBLEMS.date(META_LABELS[field]))
  if (field !== 'dnr') return undefined
  return (v) => {
    const r = checkDnr(v, now)
    if (!r.ok) return r.message
    // Required means filed in today's diarium: the current form (SPEC C23).
    return required && !DNR_CURRENT.test(normalizeDnr(v)) ? META_PROBLEMS.dnrOldForm : null
  }
}

/**
 * [C21–C25] The header fields of a document (the raw Y.Map `meta` as JSON): every field is
 * scanned for left-over template text with the section rules (C11), the fields the template
 * requires must be filled, Dnr and dates must be valid. Pure (`now` decides "next year").
 */
export function checkMeta(template: Template, raw: unknown, collect: (found: string[]) => void, now: Date = new Date()): MetaCoverage[] {
  const compiled = compileTemplate(template)
  const required = new Set<string>(template.requiredMeta ?? DEFAULT_REQUIRED_META)
  const out: MetaCoverage[] = []
  for (const field of SCALAR_FIELDS) {
    const isRequired = required.has(field)
    out.push(
      checkField({ field, label: META_LABELS[field], required: isRequired, validate: validatorOf(field, isRequired, now) }, at(raw, field), compiled, collect),
    )
  }
  const listed = at(raw, 'signatories')
  const signatories = Array.isArray(listed) ? listed : []
  const needSignatory = required.has('signatories')
  let signed = false
  signatories.forEach((s, i) => {
    const parts = (
      [
        ['name', 'namn', needSignatory],
        ['title', 'titel', needSignatory],
        ['forvaltning', 'förvaltning', false],
      ] as const
    ).map(([part, name, partRequired]) =>
      checkField({ field: `signatories[${i}].${part}`, label: `Underskrift ${i + 1}, ${name}`, required: partRequired }, at(s, part), compiled, collect),
    )
    out.push(...parts)
    // A signature is someone real: a name and a title, neither of them template text.
    signed ||=
      parts.slice(0, 2).every((p) => p.status === 'ok' && p.problems.length === 0) &&
      [at(s, 'name'), at(s, 'title')].every((v) => typeof v === 'string' && v.trim() !== '')
  })
  if (needSignatory) {
    out.push({ field: 'signatories', label: META_LABELS.signatories, status: signed ? 'ok' : 'missing', problems: signed ? [] : [META_PROBLEMS.noSignatory] })
  }
  return out
}
