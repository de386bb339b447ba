import type { DocumentMeta, ExportFormat } from '@perspektiv/model'

const MAX_SLUG = 60
const MAX_PREFIX = 60

/** ASCII only: å/ä → a, ö → o, é → e (any diacritic dropped), everything else unsafe removed. */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'))
    .replace(/ß/g, 'ss')
}

/** Letters, digits and single hyphens, nothing at the ends: no separators, dots or `..`. */
function slug(text: string, max: number, lower: boolean): string {
  const cleaned = ascii(lower ? text.toLowerCase() : text)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (cleaned.length <= max) return cleaned
  // Cut at a word boundary when there is one, so the name does not end mid-word.
  const cut = cleaned.slice(0, max + 1)
  const boundary = cut.lastIndexOf('-')
  return (boundary > max / 2 ? cut.slice(0, boundary) : cleaned.slice(0, max)).replace(/-+$/, '')
}

/**
 * The download name of an export (X-LAY-8): `<dnr>-<title-slug>.<ext>`, e.g.
 * `EAV-2025-936-pact-of-free-cities.docx` — the Dnr as written (transliterated) and a slug
 * of the title; the template is not repeated (titles already say "remiss", "svar på …").
 * Safe as a file name on every platform and in a Content-Disposition header (ASCII only).
 */
export function exportFileName(meta: Pick<DocumentMeta, 'dnr' | 'title'>, format: ExportFormat): string {
  const parts = [slug(meta.dnr ?? '', MAX_PREFIX, false), slug(meta.title ?? '', MAX_SLUG, true)]
  const base = parts.filter((p) => p.length > 0).join('-') || 'tjansteutlatande'
  const extension = /^(docx|pdf|html|md)$/.test(format) ? format : 'bin'
  return `${base}.${extension}`
}
