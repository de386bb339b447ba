import type { SourceLine } from './lines.js'
import { BULLET_ITEM, NUMBERED_ITEM } from './symbols.js'

/** The structure of a section's text, as a registrar would retype it (SPEC L16). */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  /** Rows of cells; `header`: the first row names the columns. */
  | { type: 'table'; rows: string[][]; header: boolean }

const SENTENCE_END = /[.!?:;]\s*$/u
/**
 * Lines of one paragraph or item as one line: a word hyphenated at the line break
 * ("MR-" / "programmet") is joined without a space, unless the next word is a conjunction
 * ("klimat-" / "och miljö").
 */
function flat(t: string): string {
  return t
    .replace(/([\p{L}\d])-\s+(?!(?:och|eller|samt|till|respektive)\s)(?=[\p{Ll}\d])/gu, '$1-')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * A section's source lines as paragraphs, lists and tables. Text lines: a bullet ("•",
 * "-", a Symbol bullet) or "1." opens a list item; the lines below it, and a line after a
 * blank line that starts in lower case (PDF extraction breaks items anywhere), continue it;
 * a blank line between items does not end the list. Word marks lists and tables itself.
 */
export function toBlocks(lines: SourceLine[]): Block[] {
  const blocks: Block[] = []
  let para: string[] = []
  // Cast: assigned inside the closures below, which TypeScript's narrowing does not see.
  let item = null as { list: Extract<Block, { type: 'list' }>; open: boolean } | null
  let table = null as Extract<Block, { type: 'table' }> | null

  const endParagraph = () => {
    if (para.length > 0) blocks.push({ type: 'paragraph', text: flat(para.join(' ')) })
    para = []
  }
  const addItem = (ordered: boolean, text: string) => {
    endParagraph()
    table = null
    const last = blocks[blocks.length - 1]
    if (item && last === item.list && item.list.ordered === ordered) item.list.items.push(flat(text))
    else {
      const list: Extract<Block, { type: 'list' }> = { type: 'list', ordered, items: [flat(text)] }
      blocks.push(list)
      item = { list, open: true }
    }
    item.open = true
  }
  const continueItem = (text: string): boolean => {
    if (!item || blocks[blocks.length - 1] !== item.list) return false
    const items = item.list.items
    items[items.length - 1] = flat(`${items[items.length - 1]} ${text}`)
    return true
  }

  for (const line of lines) {
    const t = line.text.trim()
    if (line.cells) {
      endParagraph()
      item = null
      if (!table) {
        table = { type: 'table', rows: [], header: line.header === true }
        blocks.push(table)
      }
      table.rows.push(line.cells)
      continue
    }
    if (t === '') {
      endParagraph()
      table = null
      if (item) item.open = false
      continue
    }
    table = null
    if (line.list) {
      addItem(line.ordered === true, t.replace(BULLET_ITEM, '').replace(NUMBERED_ITEM, ''))
      continue
    }
    if (!line.paragraph) {
      const bullet = BULLET_ITEM.exec(t)
      if (bullet) {
        addItem(false, t.slice(bullet[0].length))
        continue
      }
      const numbered = NUMBERED_ITEM.exec(t)
      if (numbered && (para.length === 0 || /:$/u.test(para[para.length - 1] ?? ''))) {
        addItem(true, t.slice(numbered[0].length))
        continue
      }
      // A wrapped item line, or one PDF extraction moved below a blank line.
      const items = item?.list.items
      const lastItem = items?.[items.length - 1] ?? ''
      if (item && para.length === 0 && (item.open || (/^\p{Ll}/u.test(t) && !SENTENCE_END.test(lastItem))) && continueItem(t)) {
        item.open = true
        continue
      }
    }
    item = null
    para.push(t)
    if (line.paragraph) endParagraph()
  }
  endParagraph()
  return blocks
}

/** Every item as its own entry: a section that is a numbered list by nature (Bilagor, the decision). */
export function asNumberedList(blocks: Block[]): Block[] {
  const items: string[] = []
  for (const b of blocks) {
    if (b.type === 'list') items.push(...b.items)
    else if (b.type === 'table') items.push(...b.rows.map((r) => r.filter((c) => c !== '').join(' – ')))
    else if (items.length > 0 && !SENTENCE_END.test(items[items.length - 1] ?? '')) {
      // "1. Kulturnämnden överlämnar kulturförvaltningens och" / (page break) / "Stadsarkivets …".
      items[items.length - 1] = `${items[items.length - 1]} ${b.text}`
    } else items.push(b.text)
  }
  return items.length > 0 ? [{ type: 'list', ordered: true, items }] : []
}
