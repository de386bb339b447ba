// Lists in clipboard HTML: Word writes every list item as a paragraph with `mso-list` and its
// number or bullet as text in a `mso-list:Ignore` span; Symbol bullets typed by hand (or left
// by PDF conversion) start a paragraph. Both become real <ol>/<ul>, with Word's numbering.
import { msoList, styleMap } from './styles.js'

interface Marker {
  ordered: boolean
  start: number
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 }

function romanValue(s: string): number {
  let total = 0
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!
    const next = ROMAN[s[i + 1] ?? ''] ?? 0
    total += v < next ? -v : v
  }
  return total
}

/** "3." → ordered from 3; "b)" → ordered from 2; "·", "o", "§", "•" → bullets. */
export function readMarker(text: string): Marker {
  const t = text.replace(/[\s\u00a0]+/g, '').replace(/^\(/, '')
  let m = /^(\d+)(?:\.\d+)*[.):]?$/.exec(t)
  if (m) return { ordered: true, start: Number(m[1]) }
  // "i.", "v.", "iv." are roman numerals; any other single letter ("c)") counts a–z.
  m = /^([ivx]|[ivxlc]{2,})[.)]$/i.exec(t)
  if (m) return { ordered: true, start: romanValue(m[1]!.toLowerCase()) }
  m = /^([a-z])[.)]$/i.exec(t)
  if (m) return { ordered: true, start: m[1]!.toLowerCase().charCodeAt(0) - 96 }
  return { ordered: false, start: 1 }
}

/** Removes Word's marker span (and the empty spans around it); returns the marker text. */
function takeWordMarker(p: Element): string {
  const ignore = [...p.querySelectorAll('span')].find((s) => styleMap(s).get('mso-list') === 'ignore')
  if (!ignore) return ''
  const text = ignore.textContent ?? ''
  let node: Element | null = ignore
  // The marker sits in font spans of its own (Symbol for bullets): drop those once empty.
  while (node && node !== p) {
    const parent: Element | null = node.parentElement
    node.remove()
    node = parent && parent !== p && (parent.textContent ?? '').trim() === '' ? parent : null
  }
  return text
}

const TEXT_BULLET = /^[\s\u00a0]*[•▪◦■❑❖➢→✓·–\uf0b7\uf06c\uf0a7\uf06e\uf076\uf0d8\uf0fc](?:[\s\u00a0]+|$)/

/** A paragraph that starts with a bullet character: the bullet is removed and true returned. */
function takeTextBullet(p: Element): boolean {
  const walker = p.ownerDocument.createTreeWalker(p, 4 /* NodeFilter.SHOW_TEXT */)
  const texts: Text[] = []
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text)
  const first = texts.findIndex((t) => (t.nodeValue ?? '').replace(/\u00a0/g, ' ').trim() !== '')
  const node = texts[first]
  if (!node || !TEXT_BULLET.test(node.nodeValue ?? '')) return false
  node.nodeValue = (node.nodeValue ?? '').replace(TEXT_BULLET, '')
  // The bullet alone in its (Symbol) span: the tab after it is in the next text nodes.
  for (const t of texts.slice(first)) {
    const trimmed = (t.nodeValue ?? '').replace(/^[\s\u00a0]+/, '')
    t.nodeValue = trimmed
    if (trimmed) break
  }
  return true
}

interface Item {
  p: Element
  level: number
  marker: Marker
}

function itemOf(el: Element): Item | null {
  if (el.tagName.toLowerCase() !== 'p' && !/^h[1-6]$/i.test(el.tagName)) return null
  const mso = msoList(el)
  if (mso) return { p: el, level: mso.level, marker: readMarker(takeWordMarker(el)) }
  if (takeTextBullet(el)) return { p: el, level: 1, marker: { ordered: false, start: 1 } }
  return null
}

/** Builds nested lists from consecutive list paragraphs, replacing them in place. */
function buildLists(items: Item[], doc: Document): Element[] {
  const stack: Array<{ level: number; list: Element; ordered: boolean }> = []
  const roots: Element[] = []
  for (const item of items) {
    while (stack.length > 0 && stack[stack.length - 1]!.level > item.level) stack.pop()
    let top = stack[stack.length - 1]
    if (top && top.level === item.level && top.ordered !== item.marker.ordered) {
      stack.pop()
      top = stack[stack.length - 1]
    }
    if (!top || top.level < item.level) {
      const list = doc.createElement(item.marker.ordered ? 'ol' : 'ul')
      // Word numbers a list on across interruptions: start where the marker says.
      if (item.marker.ordered && item.marker.start !== 1) list.setAttribute('start', String(item.marker.start))
      if (top) {
        const lastItem = top.list.lastElementChild ?? top.list.appendChild(doc.createElement('li'))
        lastItem.appendChild(list)
      } else roots.push(list)
      stack.push({ level: item.level, list, ordered: item.marker.ordered })
      top = stack[stack.length - 1]
    }
    const li = doc.createElement('li')
    const p = doc.createElement('p')
    while (item.p.firstChild) p.appendChild(item.p.firstChild)
    li.appendChild(p)
    top!.list.appendChild(li)
  }
  return roots
}

/** Replaces runs of list paragraphs (Word `mso-list`, text bullets) under `container`. */
export function convertParagraphLists(container: Element): void {
  const doc = container.ownerDocument
  const children = [...container.children]
  let run: Item[] = []
  const flush = () => {
    if (run.length === 0) return
    const first = run[0]!.p
    for (const list of buildLists(run, doc)) first.parentNode?.insertBefore(list, first)
    for (const item of run) item.p.remove()
    run = []
  }
  for (const child of children) {
    const item = itemOf(child)
    if (item) run.push(item)
    else {
      flush()
      // Lists inside table cells and Word's <div> wrappers.
      if (/^(div|td|th|table|tbody|thead|tr|section|article)$/i.test(child.tagName)) convertParagraphLists(child)
    }
  }
  flush()
}

/** `<ul><li>a</li><ul>…</ul></ul>` (Google Docs nests lists so) → the nested list inside the item. */
export function fixNestedLists(root: Element): void {
  for (const list of [...root.querySelectorAll('ul > ul, ul > ol, ol > ul, ol > ol')]) {
    const previous = list.previousElementSibling
    if (previous && previous.tagName.toLowerCase() === 'li') previous.appendChild(list)
    else {
      const li = list.ownerDocument.createElement('li')
      list.replaceWith(li)
      li.appendChild(list)
    }
  }
}
