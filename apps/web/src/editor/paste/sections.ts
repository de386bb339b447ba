// A pasted passage with the template's own headings ("Jämställdhetsanalys", "Barnrätts-
// perspektiv" …) can be distributed into those sections. Pure: cleaned HTML → segments.
import type { Template } from '@perspektiv/model'
import type { ParseHtml } from './clean.js'

export interface PasteSegment {
  /** The template section the segment belongs to; null for text before the first heading. */
  sectionKey: string | null
  /** The heading as pasted (null for the leading segment). */
  heading: string | null
  html: string
}

/** "5.3 Jämställdhetsanalys:" → "jämställdhetsanalys". */
export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(\d+(\.\d+)*\.?|[a-z]\))\s+/, '')
    .replace(/[\s:.–-]+$/, '')
}

function headingKeys(template: Template): Map<string, string> {
  const out = new Map<string, string>()
  for (const s of template.sections) for (const h of [s.title, ...s.synonyms]) out.set(normalizeHeading(h), s.key)
  return out
}

/**
 * Splits cleaned paste HTML at sub-headings that name a template section. Returns null when
 * no heading matches (an ordinary paste). The matching headings themselves are left out:
 * the section already has its heading.
 */
export function splitBySections(html: string, parse: ParseHtml, template: Template): PasteSegment[] | null {
  const keys = headingKeys(template)
  const body = parse(html).body
  const segments: PasteSegment[] = [{ sectionKey: null, heading: null, html: '' }]
  let matched = false
  for (const node of [...body.childNodes]) {
    const el = node.nodeType === 1 ? (node as Element) : null
    const tag = el?.tagName.toLowerCase()
    const text = node.textContent ?? ''
    const key = (tag === 'h3' || tag === 'h4' || (tag === 'p' && isBoldLine(el!))) && keys.get(normalizeHeading(text))
    if (key) {
      matched = true
      segments.push({ sectionKey: key, heading: text.trim(), html: '' })
      continue
    }
    const last = segments[segments.length - 1]!
    last.html += el ? el.outerHTML : text.trim() ? text : ''
  }
  if (!matched) return null
  return segments.filter((s) => s.sectionKey !== null || s.html.trim() !== '')
}

/** A paragraph that is nothing but bold text: how many write a heading in Word. */
function isBoldLine(p: Element): boolean {
  const strong = p.querySelector('strong')
  return !!strong && (strong.textContent ?? '').trim() === (p.textContent ?? '').trim() && (p.textContent ?? '').trim().length < 80
}
