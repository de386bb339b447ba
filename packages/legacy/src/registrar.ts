import { checkDnr, normalizeDnr, type DocumentMeta } from '@perspektiv/model'
import { findDeadline } from './deadline.js'
import type { SourceLine } from './lines.js'
import { isPageNoise } from './noise.js'
import { findSignatories } from './signatures.js'

/** The header fields a registrar reads off the first page (SPEC L14). */
export type ImportedMeta = Omit<DocumentMeta, 'signatories'> & { signatories: DocumentMeta['signatories'] }

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u
const TRAILING_DATE = /\s+(\d{4}-\d{2}-\d{2})$/u
const NAMND = /(?:nämnd|nämnden|styrelse|styrelsen|fullmäktige)$/iu
const FORVALTNING = /(?:förvaltning|förvaltningen|kontoret|kansliet|stadsarkivet)$/iu
const AVDELNING = /^(?:avdelning|avdelningen|enheten|enhet|sektionen|staben)\b/iu
const PHONE = /^(?:telefon|tfn|tel)\.?:?\s*([\d +()–-]{5,})$/iu
const EMAIL = /^([\p{L}-]+)\.([\p{L}-]+)@[\w-]+(?:\.[\w-]+)+$/u
const PERSON = /^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){1,3}$/u
const DNR_LINE = /^dnr[:.]?\s+(.+?)\s*$/iu
/** The subtitle's usual openings, when it shares the title's paragraph. */
const SUBTITLE_START = /^(?:svar på remiss|remissvar|yttrande över|svar på skrivelse|svar på motion)/iu

/** A header line that continues the one above: "stadsdelsnämnd 2026-01-22", "stadsdelsförvaltning". */
const CONTINUATION = /^\p{Ll}[\p{L}-]*(?:\s+\d{4}-\d{2}-\d{2})?$/u
const flat = (t: string) => t.replace(/\s+/g, ' ').trim()
const capitalise = (t: string) => t.charAt(0).toLocaleUpperCase('sv-SE') + t.slice(1)

/**
 * The header block's lines in order, a line that continues the one above in lower case
 * ("Enskede-Årsta-Vantörs" / "stadsdelsnämnd 2026-01-22") joined to it.
 */
function headerLines(lines: SourceLine[], noise: boolean[]): string[] {
  const out: string[] = []
  let prevBlank = true
  lines.forEach((l, i) => {
    const t = flat(l.text.replace(/\*\*|__/g, ''))
    if (!noise[i] || t === '') {
      prevBlank = true
      return
    }
    if (!prevBlank && out.length > 0 && CONTINUATION.test(t)) out[out.length - 1] = `${out[out.length - 1]} ${t}`
    else out.push(t)
    prevBlank = false
  })
  return out
}

/**
 * [L14] Title and subtitle from the lines before the first heading (blank-line separated
 * paragraphs; the page-1 header block is not among them); a subtitle written in the title's
 * paragraph ("…, Svar på remiss från kommunstyrelsen") is split off.
 */
function titleLines(lines: SourceLine[], noise: boolean[], firstHeading: number): { title: string; subtitle: string } {
  const groups: string[][] = [[]]
  for (let i = 0; i < firstHeading && i < lines.length; i++) {
    const t = flat(lines[i]!.text.replace(/\*\*|__|^#+/g, ''))
    if (noise[i] || t === '') {
      if ((groups[groups.length - 1] ?? []).length > 0) groups.push([])
      continue
    }
    groups[groups.length - 1]!.push(t)
  }
  const paragraphs = groups.filter((g) => g.length > 0)
  const first = paragraphs[0] ?? []
  const split = first.findIndex((t, k) => k > 0 && SUBTITLE_START.test(t))
  if (split > 0) return { title: first.slice(0, split).join(' '), subtitle: first.slice(split).join(' ') }
  return { title: first.join(' '), subtitle: (paragraphs[1] ?? []).join(' ') }
}

/**
 * [L14] What a registrar reads off a tjänsteutlåtande: title and subtitle, the document's own
 * Dnr (a "Dnr …" line of the header block, not the remiss's number in the subtitle), nämnd
 * and meeting date, förvaltning and avdelning, handläggare and phone, the document date, the
 * answer deadline and the signatures. A field not found is ''.
 */
export function readMeta(lines: SourceLine[], noise: boolean[], firstHeading: number, bodyEnd: SourceLine[]): ImportedMeta {
  const { title, subtitle } = titleLines(lines, noise, firstHeading < 0 ? lines.length : firstHeading)
  const header = headerLines(lines, noise)
  const meta: ImportedMeta = {
    title,
    subtitle,
    dnr: '',
    namnd: '',
    meetingDate: '',
    deadline: findDeadline(lines.map((l) => l.text).join('\n')),
    forvaltning: '',
    avdelning: '',
    handlaggare: { name: '', phone: '' },
    date: '',
    signatories: findSignatories(bodyEnd),
  }
  let email = ''
  for (let k = 0; k < header.length; k++) {
    const t = header[k]!
    const next = header[k + 1] ?? ''
    const dnr = DNR_LINE.exec(t)
    if (dnr) {
      const value = normalizeDnr(dnr[1] ?? '')
      if (!meta.dnr && checkDnr(value).ok) meta.dnr = value
      continue
    }
    if (isPageNoise(t) && !ISO_DATE.test(t)) continue
    const phone = PHONE.exec(t)
    if (phone) {
      if (!meta.handlaggare.phone) meta.handlaggare.phone = flat(phone[1] ?? '')
      // The name right above the phone number is the handläggare's ("Moa Almerud" / "Telefon: …").
      const above = header[k - 1] ?? ''
      if (!meta.handlaggare.name && PERSON.test(above) && !NAMND.test(above) && !FORVALTNING.test(above)) meta.handlaggare.name = above
      continue
    }
    if (/^handläggare:?$/iu.test(t)) {
      if (!meta.handlaggare.name && PERSON.test(next) && !NAMND.test(next) && !FORVALTNING.test(next)) meta.handlaggare.name = next
      continue
    }
    const mail = EMAIL.exec(t)
    if (mail) {
      email ||= `${capitalise(mail[1] ?? '')} ${capitalise(mail[2] ?? '')}`
      continue
    }
    const dated = TRAILING_DATE.exec(t)
    const body = dated ? t.slice(0, dated.index).trim() : t
    if (NAMND.test(body) && !/^till:?$/iu.test(body) && !meta.namnd) {
      meta.namnd = body
      // The meeting date: on the nämnd's line or the line below it.
      if (dated) meta.meetingDate = dated[1] ?? ''
      else if (ISO_DATE.test(next)) {
        meta.meetingDate = next
        k++
      }
      continue
    }
    if (ISO_DATE.test(t)) {
      meta.date ||= t
      continue
    }
    if (AVDELNING.test(t)) meta.avdelning ||= t
    else if (FORVALTNING.test(t)) meta.forvaltning ||= t
  }
  // Without a name in the header, the handläggare's e-mail address names them.
  if (!meta.handlaggare.name && email) meta.handlaggare.name = email
  return meta
}
