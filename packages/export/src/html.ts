import type { ExportInput } from './input.js'
import { layoutDocument, type Layout, type LayoutSection } from './layout.js'
import { isLineBreak, type Block, type Inline } from './blocks.js'
import { renderTable } from './htmlTable.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

const STYLE = `
body { font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
header { border-bottom: 1px solid #999; margin-bottom: 2rem; padding-bottom: 1rem; }
.running-header { font-size: 9pt; color: #333; margin: 0 0 1rem; }
.draft { color: #b00020; font-weight: bold; letter-spacing: 0.1em; border: 2px solid #b00020; display: inline-block; padding: 0.1rem 0.6rem; margin: 0 0 1rem; }
.header-block { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem 2rem; font-size: 9.5pt; }
.header-block p { margin: 0; }
.header-block .label { font-weight: bold; }
h1 { font-size: 18pt; margin: 0 0 0.3rem; }
.subtitle { font-size: 12pt; margin: 0 0 1.5rem; }
h2 { font-size: 13pt; margin: 1.6rem 0 0.4rem; }
h3 { font-size: 11.5pt; margin: 1.2rem 0 0.3rem; }
h4 { font-size: 11pt; font-style: italic; margin: 1rem 0 0.3rem; }
.signatures { display: flex; flex-wrap: wrap; gap: 1rem 4rem; margin-top: 2.5rem; }
.signatures p { margin: 0; }
table { border-collapse: collapse; margin-top: 0.5rem; }
caption { text-align: left; padding-bottom: 0.4rem; }
th, td { border: 1px solid #999; padding: 0.25rem 0.75rem; text-align: left; }
@media (max-width: 30rem) { .header-block { grid-template-columns: 1fr; } }
@media print { body { margin: 0; max-width: none; } }
`.trim()

export function renderInline(runs: Inline[]): string {
  return runs
    .map((run) => {
      if (isLineBreak(run)) return '<br>'
      let html = escapeHtml(run.text)
      if (run.bold) html = `<strong>${html}</strong>`
      if (run.italic) html = `<em>${html}</em>`
      if (run.underline) html = `<u>${html}</u>`
      if (run.strike) html = `<s>${html}</s>`
      if (run.href) html = `<a href="${escapeHtml(run.href)}">${html}</a>`
      return html
    })
    .join('')
}

function renderBlocks(blocks: Block[]): string {
  return blocks.map(renderBlock).join('\n')
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${renderInline(block.runs)}</p>`
    case 'heading':
      return `<h${block.level}>${renderInline(block.runs)}</h${block.level}>`
    case 'blockquote':
      return `<blockquote>\n${renderBlocks(block.blocks)}\n</blockquote>`
    case 'list': {
      const items = block.items.map((item) => `<li>${listItemBody(item.blocks)}</li>`).join('\n')
      if (!block.ordered) return `<ul>\n${items}\n</ul>`
      const start = block.start !== 1 ? ` start="${block.start}"` : ''
      return `<ol${start}>\n${items}\n</ol>`
    }
    case 'table':
      return renderTable(block, renderInline)
  }
}

/** A list item of one paragraph stays inline (`<li>text</li>`), as people write lists. */
function listItemBody(blocks: Block[]): string {
  const [only] = blocks
  if (blocks.length === 1 && only?.type === 'paragraph') return renderInline(only.runs)
  return renderBlocks(blocks)
}

function sectionId(section: LayoutSection, index: number): string {
  const safe = section.key.replace(/[^a-z0-9-]/gi, '')
  return `avsnitt-${safe || index}`
}

function renderSection(section: LayoutSection, index: number): string {
  const id = sectionId(section, index)
  const body = renderBlocks(section.blocks)
  return `<section aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(section.heading)}</h2>${body ? `\n${body}` : ''}\n</section>`
}

function renderHeader(layout: Layout): string {
  const lines: string[] = ['<header>']
  if (layout.draftLabel) lines.push(`<p class="draft" role="note">${escapeHtml(layout.draftLabel)}</p>`)
  lines.push(`<p class="running-header">${escapeHtml(layout.runningHeader)}</p>`)
  lines.push('<div class="header-block">')
  for (const item of layout.headerBlock) {
    const parts = item.label ? [`<span class="label">${escapeHtml(item.label)}</span>`] : []
    parts.push(...item.lines.map(escapeHtml))
    lines.push(`<p>${parts.join('<br>')}</p>`)
  }
  lines.push('</div>', '</header>')
  return lines.join('\n')
}

function renderLayout(layout: Layout): string {
  const title = [layout.title, layout.dnr ? `Dnr ${layout.dnr}` : '', layout.draftLabel ?? ''].filter(Boolean).join(' – ')
  const main: string[] = ['<main>', `<h1>${escapeHtml(layout.title)}</h1>`]
  if (layout.subtitle) main.push(`<p class="subtitle">${escapeHtml(layout.subtitle)}</p>`)
  main.push(...layout.sections.map((s, i) => renderSection(s, i)))
  if (layout.closing.length > 0) main.push(`<div class="closing">\n${renderBlocks(layout.closing)}\n</div>`)
  if (layout.signatures.length > 0) {
    main.push('<div class="signatures">')
    for (const s of layout.signatures) {
      main.push(`<p>${[s.name, s.title, s.forvaltning].filter(Boolean).map(escapeHtml).join('<br>')}</p>`)
    }
    main.push('</div>')
  }
  main.push(...layout.attachments.map((s, i) => renderSection(s, layout.sections.length + i)))
  if (layout.approvals) {
    const a = layout.approvals
    main.push(
      '<table class="approvals">',
      `<caption>${escapeHtml(a.intro)}</caption>`,
      `<thead><tr>${a.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
      '<tbody>',
      ...a.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`),
      '</tbody>',
      '</table>',
    )
  }
  main.push('</main>')
  return [
    '<!doctype html>',
    '<html lang="sv">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(layout.subject)}">`,
    layout.author ? `<meta name="author" content="${escapeHtml(layout.author)}">` : '',
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    renderHeader(layout),
    ...main,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n')
}

/** A standalone, semantic HTML page of the document (lang="sv", everything escaped). */
export function exportHtml(input: ExportInput): string {
  return renderLayout(layoutDocument(input))
}
