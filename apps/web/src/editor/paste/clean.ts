// ◆ The paste filter (pure: HTML in, HTML out, given a DOM parser). Word, LibreOffice and
// Google Docs put their own markup on the clipboard; what reaches the editor is only what our
// schema means: paragraphs, sub-headings (two levels), lists with their numbering, tables,
// bold/italic/underline/strike and safe links. Styles, fonts, colours and classes are dropped,
// images are counted and removed (the caller tells the user), Symbol bullets become list
// items or "•".
import { isSafeHref, mapPrivateUse } from '@perspektiv/document'
import { convertParagraphLists, fixNestedLists } from './lists.js'
import { isBoldWeight, styleMap, symbolFontText } from './styles.js'

export interface CleanedPaste {
  html: string
  /** Images in the clipboard HTML (all removed). */
  images: number
}

export type ParseHtml = (html: string) => Document

const DROP =
  'style, script, noscript, template, meta, link, title, head, xml, object, embed, iframe, canvas, audio, video, button, input, select, textarea, form'
const IMAGES = 'img, svg, picture, v\\:imagedata, v\\:shape, v\\:image'
const INLINE_KEEP = new Set(['strong', 'em', 'u', 's', 'a', 'br'])
const BLOCK_KEEP = new Set(['p', 'h3', 'h4', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td'])
const ATTRIBUTES: Record<string, string[]> = { a: ['href'], ol: ['start'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] }
const RENAME: Record<string, string> = { b: 'strong', i: 'em', strike: 's', del: 's', ins: 'u', tfoot: 'tbody' }

function elements(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)]
  } catch {
    // Namespaced tag selectors (v\:shape) are not understood everywhere.
    return [
      ...root.querySelectorAll(
        selector
          .split(',')
          .filter((s) => !s.includes('\\:'))
          .join(','),
      ),
    ]
  }
}

function unwrap(el: Element): void {
  el.replaceWith(...el.childNodes)
}

function rename(el: Element, tag: string): Element {
  const next = el.ownerDocument.createElement(tag)
  for (const a of el.attributes) next.setAttribute(a.name, a.value)
  while (el.firstChild) next.appendChild(el.firstChild)
  el.replaceWith(next)
  return next
}

/** Comments, including Word's <!--[if !supportLists]--> markers. */
function removeComments(root: Node): void {
  const walker = root.ownerDocument!.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */)
  const comments: Node[] = []
  for (let n = walker.nextNode(); n; n = walker.nextNode()) comments.push(n)
  for (const c of comments) c.parentNode?.removeChild(c)
}

function countImages(body: Element): number {
  let n = 0
  for (const el of elements(body, IMAGES)) {
    const tag = el.tagName.toLowerCase()
    // Word writes a VML shape and an <img> fallback for the same picture.
    if (tag !== 'v:shape' || !el.querySelector('img')) n += tag === 'v:imagedata' && el.closest('v\\:shape') ? 0 : 1
    el.remove()
  }
  return n
}

/** Emphasis that only styles carry (Google Docs, LibreOffice spans) → real elements. */
function stylesToElements(body: Element): void {
  for (const el of [...body.querySelectorAll('[style]')]) {
    const style = styleMap(el)
    const tag = el.tagName.toLowerCase()
    // Google Docs wraps the whole clipboard in <b style="font-weight:normal">.
    if ((tag === 'b' || tag === 'strong') && style.has('font-weight') && !isBoldWeight(style.get('font-weight'))) {
      unwrap(el)
      continue
    }
    if (tag === 'table' || tag === 'tr' || tag === 'td' || tag === 'th' || tag === 'ul' || tag === 'ol' || tag === 'li') continue
    const wraps: string[] = []
    if (isBoldWeight(style.get('font-weight')) && tag !== 'b' && tag !== 'strong' && !/^h[1-6]$/.test(tag)) wraps.push('strong')
    if (style.get('font-style') === 'italic' && tag !== 'i' && tag !== 'em') wraps.push('em')
    const decoration = `${style.get('text-decoration') ?? ''} ${style.get('text-decoration-line') ?? ''}`
    // Google Docs underlines links with a style on the span around them: that is the link, not emphasis.
    if (decoration.includes('underline') && tag !== 'u' && !el.closest('a') && !el.querySelector('a')) wraps.push('u')
    if (decoration.includes('line-through')) wraps.push('s')
    const font = style.get('font-family') ?? style.get('mso-bidi-font-family')
    if (font) {
      for (const t of textNodes(el)) t.nodeValue = symbolFontText(t.nodeValue ?? '', font)
    }
    for (const w of wraps) {
      const wrapper = el.ownerDocument.createElement(w)
      while (el.firstChild) wrapper.appendChild(el.firstChild)
      el.appendChild(wrapper)
    }
  }
}

function textNodes(root: Node): Text[] {
  const walker = root.ownerDocument!.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  const out: Text[] = []
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text)
  return out
}

/**
 * Headings → our two sub-heading levels, relative to the paste: its highest level becomes
 * "Mellanrubrik 1" (h3), every lower one "Mellanrubrik 2" (h4). Word's Title style counts as h1.
 */
function mapHeadings(body: Element): void {
  for (const p of [...body.querySelectorAll('p.MsoTitle, p.title, p.Title')]) rename(p, 'h1')
  for (const p of [...body.querySelectorAll('p.MsoSubtitle, p.subtitle, p.Subtitle')]) rename(p, 'h2')
  const headings = [...body.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  const levels = [...new Set(headings.map((h) => Number(h.tagName[1])))].sort()
  for (const h of headings) {
    // Inside a table a heading is only bold text.
    if (h.closest('td, th')) {
      const strong = h.ownerDocument.createElement('strong')
      while (h.firstChild) strong.appendChild(h.firstChild)
      rename(h, 'p').appendChild(strong)
      continue
    }
    rename(h, Number(h.tagName[1]) === levels[0] ? 'h3' : 'h4')
  }
}

/** Cells hold paragraphs only: lists become "• …"/"1. …" paragraphs, nested tables rows of text. */
function flattenCells(body: Element): void {
  for (const table of [...body.querySelectorAll('table')]) {
    for (const head of [...table.querySelectorAll(':scope > thead td')]) rename(head, 'th')
  }
  for (const cell of [...body.querySelectorAll('td, th')]) {
    for (const inner of [...cell.querySelectorAll('table')]) {
      const rows = [...inner.querySelectorAll('tr')].map((tr) =>
        [...tr.children]
          .map((c) => (c.textContent ?? '').trim())
          .filter(Boolean)
          .join(' – '),
      )
      inner.replaceWith(...rows.filter(Boolean).map((text) => paragraph(cell.ownerDocument, text)))
    }
    for (const list of [...cell.querySelectorAll(':scope ul, :scope ol')].reverse()) {
      const ordered = list.tagName.toLowerCase() === 'ol'
      let n = Number(list.getAttribute('start') ?? '1') || 1
      const items = [...list.children].filter((c) => c.tagName.toLowerCase() === 'li')
      list.replaceWith(
        ...items.map((li) => {
          const p = cell.ownerDocument.createElement('p')
          p.append(`${ordered ? `${n++}.` : '•'} `, ...li.childNodes)
          return p
        }),
      )
    }
  }
}

function paragraph(doc: Document, text: string): Element {
  const p = doc.createElement('p')
  p.textContent = text
  return p
}

/** Only our elements and attributes stay; everything else is unwrapped (its text kept). */
function normalizeElements(body: Element): void {
  for (const el of [...body.querySelectorAll('*')].reverse()) {
    let tag = el.tagName.toLowerCase()
    let node = el
    if (RENAME[tag]) {
      node = rename(el, RENAME[tag]!)
      tag = RENAME[tag]!
    }
    if (tag === 'div' || tag === 'section' || tag === 'article' || tag === 'blockquote') {
      // Block wrappers: their inline content becomes a paragraph, blocks stay as they are.
      const blocky = [...node.children].some((c) => BLOCK_KEEP.has(c.tagName.toLowerCase()))
      if (blocky) unwrap(node)
      else rename(node, 'p')
      continue
    }
    if (!INLINE_KEEP.has(tag) && !BLOCK_KEEP.has(tag)) {
      unwrap(node)
      continue
    }
    // LibreOffice underlines links with <u><a>: that underline is the link's look, not emphasis.
    if (
      tag === 'u' &&
      node.children.length === 1 &&
      node.firstElementChild?.tagName.toLowerCase() === 'a' &&
      node.textContent === node.firstElementChild.textContent
    ) {
      unwrap(node)
      continue
    }
    const allowed = ATTRIBUTES[tag] ?? []
    for (const a of [...node.attributes]) if (!allowed.includes(a.name)) node.removeAttribute(a.name)
    if (tag === 'a') {
      const href = node.getAttribute('href') ?? ''
      // Word's bookmarks (<a name>) and unsafe targets keep only their text.
      if (!href || !isSafeHref(href)) unwrap(node)
    }
    for (const a of ['colspan', 'rowspan', 'start']) {
      const v = node.getAttribute(a)
      if (v !== null && !/^\d{1,3}$/.test(v)) node.removeAttribute(a)
    }
  }
}

const STRUCTURE = new Set(['body', 'table', 'thead', 'tbody', 'tr', 'ul', 'ol'])
const BLOCKS = new Set(['p', 'h3', 'h4', 'ul', 'ol', 'li', 'table'])

/**
 * HTML whitespace rules: source line breaks are spaces, and whitespace between blocks is
 * nothing. Private-use symbols become the characters they stand for; no-break spaces
 * (Word's indentation) become spaces.
 */
function normalizeText(body: Element): void {
  for (const t of textNodes(body)) {
    const text = t.nodeValue ?? ''
    const parent = t.parentElement
    if (/^[ \t\r\n]*$/.test(text) && parent) {
      const tag = parent.tagName.toLowerCase()
      const siblingsAreBlocks = [...parent.children].every((c) => BLOCKS.has(c.tagName.toLowerCase()))
      if (STRUCTURE.has(tag) || ((tag === 'li' || tag === 'td' || tag === 'th') && siblingsAreBlocks && parent.children.length > 0)) {
        t.remove()
        continue
      }
    }
    const next = mapPrivateUse(text)
      .replace(/[ \t\r\n]+/g, ' ')
      .replace(/\u00a0/g, ' ')
    if (next !== text) t.nodeValue = next
  }
  // Spaces at the edges of a block are not text.
  for (const block of body.querySelectorAll('p, h3, h4')) {
    const first = block.firstChild
    if (first?.nodeType === 3) first.nodeValue = (first.nodeValue ?? '').replace(/^ +/, '')
    const last = block.lastChild
    if (last?.nodeType === 3) last.nodeValue = (last.nodeValue ?? '').replace(/ +$/, '')
  }
}

/** Paragraphs with nothing in them (Word's <o:p>&nbsp;</o:p> spacers) go; cells keep theirs. */
function removeEmpty(body: Element): void {
  for (const el of [...body.querySelectorAll('p, h3, h4, li, strong, em, u, s')].reverse()) {
    if (el.closest('td, th') && el.tagName.toLowerCase() === 'p') continue
    if ((el.textContent ?? '').trim() === '' && !el.querySelector('br, table')) el.remove()
  }
}

/** Cleans clipboard HTML for the editor. `parse` is the browser's DOMParser (or happy-dom's in tests). */
export function cleanPastedHtml(html: string, parse: ParseHtml): CleanedPaste {
  const doc = parse(html)
  const body = doc.body
  removeComments(body)
  const images = countImages(body)
  for (const el of elements(body, DROP)) el.remove()
  stylesToElements(body)
  convertParagraphLists(body)
  mapHeadings(body)
  flattenCells(body)
  normalizeElements(body)
  fixNestedLists(body)
  normalizeText(body)
  removeEmpty(body)
  return { html: body.innerHTML.trim(), images }
}
