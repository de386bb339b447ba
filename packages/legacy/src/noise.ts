import type { HeadingIndex } from './headings.js'
import { normalizeHeading, wordCount } from './headings.js'
import type { SourceLine } from './lines.js'

/** Page headers and footers PDF extraction leaves between paragraphs. */
const PAGE_NOISE = [
  /^(?:gemensamt\s+)?tjänsteutlåtande$/iu,
  /^dnr[:.]?\s+\S.{0,40}$/iu,
  /^sida\s+\d+(?:\s*\(\s*\d+\s*\)|\s+av\s+\d+)?$/iu,
  /^\d+\s*\(\s*\d+\s*\)$/u,
  /^\d{1,3}$/u,
  /^\d+\s*\/\s*\d+$/u,
  /^start\.stockholm$/iu,
]

/** Lines that only occur in the header block of page 1 (or a letterhead). */
const HEADER_MARKERS = [
  /^handläggare:?$/iu,
  /^till:?$/iu,
  /^(?:telefon|tfn|tel)\.?:?\s*[\d +()–-]{5,}$/iu,
  /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/u,
  /^\d{3}\s?\d{2}\s+\p{Lu}[\p{L} ]*$/u,
  /^(?:www\.|https?:\/\/)\S+$/iu,
]
const DATE_LINE = /(?:^|\s)\d{4}-\d{2}-\d{2}$/u

function clean(t: string): string {
  return t.replace(/\*\*|__/g, '').trim()
}

export function isPageNoise(t: string): boolean {
  const c = clean(t)
  return PAGE_NOISE.some((r) => r.test(c))
}

function isHeaderMarker(t: string): boolean {
  const c = clean(t)
  return HEADER_MARKERS.some((r) => r.test(c))
}

/** Could be part of a header block: short, not a sentence, or a date/phone/address line. */
function isHeaderish(t: string, headings: HeadingIndex): boolean {
  const c = clean(t)
  if (c === '' || isHeaderMarker(c) || isPageNoise(c) || /^\d{4}-\d{2}-\d{2}$/u.test(c)) return true
  if (headings.resolve(c)) return false
  if (DATE_LINE.test(c) && wordCount(c) <= 6) return true
  return wordCount(c) <= 6 && !/[.!?,;:]$/u.test(c) && !/[.!?]\s/u.test(c) && !/^[-–•*\u2022\uf0b7]/u.test(c)
}

/** Name or unit lines just above a marker ("Kulturförvaltningen", "Moa Almerud"). */
function isBlockLead(t: string): boolean {
  const c = clean(t)
  return c !== '' && wordCount(c) <= 4 && !/[.,!?;:]/u.test(c)
}

/**
 * Marks page headers/footers and the page-1 header block (Handläggare, Telefon, Till, nämnd
 * and date, förvaltning, Dnr, address, e-mail) that PDF extraction moves into the body text,
 * wherever it lands. Headings are never marked.
 */
export function markNoise(lines: SourceLine[], headings: HeadingIndex): boolean[] {
  const noise = lines.map((l) => l.level === undefined && isPageNoise(l.text))
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (noise[i] || line.level !== undefined || !isHeaderMarker(line.text)) continue
    // A Word layout table with a header marker is the header block: all of it, nothing more.
    if (line.layout !== undefined) {
      let last = i
      lines.forEach((l, j) => {
        if (l.layout === line.layout) {
          noise[j] = true
          last = Math.max(last, j)
        }
      })
      i = last
      continue
    }
    let start = i
    while (start > 0 && lines[start - 1]!.level === undefined && isBlockLead(lines[start - 1]!.text)) start--
    let end = i
    while (end + 1 < lines.length && lines[end + 1]!.level === undefined && isHeaderish(lines[end + 1]!.text, headings)) end++
    for (let j = start; j <= end; j++) noise[j] = true
    i = end
  }
  markRunningTitles(lines, noise, headings)
  return noise
}

/** Blank-line separated groups of line indexes. */
function groups(lines: SourceLine[]): number[][] {
  const out: number[][] = []
  let cur: number[] = []
  lines.forEach((l, i) => {
    if (l.text.trim() === '') {
      if (cur.length) out.push(cur)
      cur = []
    } else cur.push(i)
  })
  if (cur.length) out.push(cur)
  return out
}

/**
 * Page headers repeat the document title ("Remiss av motion om …, KS 202"): a later group of
 * lines whose words all appear, in order, in the title block before the first heading is noise.
 */
function markRunningTitles(lines: SourceLine[], noise: boolean[], headings: HeadingIndex): void {
  const all = groups(lines)
  const firstHeading = lines.findIndex((l, i) => !noise[i] && (l.level !== undefined || headings.resolve(l.text)?.kind === 'section'))
  if (firstHeading < 0) return
  const title = all
    .filter((g) => g[0]! < firstHeading)
    .map((g) =>
      g
        .filter((i) => !noise[i])
        .map((i) => lines[i]!.text)
        .join(' '),
    )
    .map(normalizeHeading)
    .join(' ')
  if (title.trim() === '') return
  for (const g of all) {
    if (g[0]! <= firstHeading || g.length > 4 || g.some((i) => noise[i] || lines[i]!.level !== undefined)) continue
    const text = normalizeHeading(g.map((i) => lines[i]!.text).join(' '))
    if (text.trim().split(' ').length >= 3 && title.includes(text)) for (const i of g) noise[i] = true
  }
}
