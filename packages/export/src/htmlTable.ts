// Content tables in the HTML export: a header row becomes <thead> with <th scope="col">, and
// a row's first cell that is a header cell elsewhere gets scope="row" (X-HTML-2).
import type { Block, Inline, TableCellBlock } from './blocks.js'

type TableBlock = Extract<Block, { type: 'table' }>

function spans(cell: TableCellBlock): string {
  return `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`
}

/** One paragraph stays inline in the cell; several become <p>s, as in the editor. */
function cellBody(cell: TableCellBlock, inline: (runs: Inline[]) => string): string {
  const paragraphs = cell.paragraphs.filter((p) => p.length > 0)
  if (paragraphs.length <= 1) return inline(paragraphs[0] ?? [])
  return paragraphs.map((p) => `<p>${inline(p)}</p>`).join('')
}

export function renderTable(table: TableBlock, inline: (runs: Inline[]) => string): string {
  const head = table.rows.filter((r, i) => r.header && table.rows.slice(0, i).every((p) => p.header))
  const body = table.rows.slice(head.length)
  const row = (cells: TableCellBlock[], header: boolean) =>
    `<tr>${cells.map((c) => (header ? `<th scope="col"${spans(c)}>${cellBody(c, inline)}</th>` : `<td${spans(c)}>${cellBody(c, inline)}</td>`)).join('')}</tr>`
  const out = ['<table>']
  if (head.length > 0) out.push('<thead>', ...head.map((r) => row(r.cells, true)), '</thead>')
  out.push('<tbody>', ...body.map((r) => row(r.cells, r.header)), '</tbody>', '</table>')
  return out.join('\n')
}
