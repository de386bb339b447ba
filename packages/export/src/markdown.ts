import type { ExportInput } from './input.js'
import { layoutDocument, type Layout, type LayoutSection } from './layout.js'
import { isLineBreak, type Block, type Inline, type TableCellBlock, placeCells } from './blocks.js'

/**
 * Escapes text so no Markdown or HTML in it takes effect (CommonMark): inline markup
 * characters everywhere, and block markers (#, >, -, +, =, "1.") at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
      // Only an entity-like "&name;" would be decoded; a lone "&" is plain text.
      .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
      .split('\n')
      .map((line) => line.replace(/^(\s*)([-+=>])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
      .join('\n')
  )
}

function renderInline(runs: Inline[]): string {
  return runs
    .map((run) => {
      // A backslash before the newline is CommonMark's hard line break.
      if (isLineBreak(run)) return '\\\n'
      const match = /^(\s*)(.*?)(\s*)$/s.exec(run.text)!
      const [, lead, core, trail] = match as unknown as [string, string, string, string]
      if (!core) return run.text
      let md = escapeMarkdown(core)
      if (run.strike) md = `~~${md}~~`
      if (run.italic) md = `*${md}*`
      if (run.bold) md = `**${md}**`
      if (run.href) md = `[${md}](<${run.href.replace(/[<>\s]/g, encodeURIComponent)}>)`
      // Emphasis markers must touch the text, so surrounding spaces stay outside them.
      return `${lead}${md}${trail}`
    })
    .join('')
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : by + line))
    .join('\n')
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return renderInline(block.runs)
    case 'heading':
      return `${'#'.repeat(block.level)} ${renderInline(block.runs).replace(/\\\n/g, ' ')}`
    case 'blockquote':
      return renderBlocks(block.blocks)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n')
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${block.start + i}.` : '-'
          return `${marker} ${indent(renderBlocks(item.blocks), ' '.repeat(marker.length + 1))}`
        })
        .join('\n')
    case 'table':
      return renderTable(block)
  }
}

/** A GFM cell: one line (breaks and paragraphs become <br>), pipes escaped. */
function mdCell(cell: TableCellBlock): string {
  return cell.paragraphs
    .map((p) => renderInline(p).replace(/\\\n/g, '<br>'))
    .join('<br>')
    .replace(/\n/g, ' ')
}

/**
 * A GFM table. GFM needs a header row: without one the first row is used as the header, as
 * Word and Google Docs do when saving Markdown. Slots a spanned cell covers stay empty.
 */
function renderTable(block: Extract<Block, { type: 'table' }>): string {
  const lines = placeCells(block).map((placed) => {
    const cells = new Array<string>(block.columns).fill('')
    for (const p of placed) cells[p.col] = mdCell(p.cell)
    return `| ${cells.join(' | ')} |`
  })
  const [head, ...rest] = lines
  if (!head) return ''
  return [head, `| ${new Array<string>(block.columns).fill('---').join(' | ')} |`, ...rest].join('\n')
}

function renderBlocks(blocks: Block[]): string {
  return blocks.map(renderBlock).join('\n\n')
}

function renderSection(section: LayoutSection): string {
  const body = renderBlocks(section.blocks)
  return `## ${escapeMarkdown(section.heading)}${body ? `\n\n${body}` : ''}`
}

function lines(parts: string[]): string {
  return parts.map(escapeMarkdown).join('\\\n')
}

function renderLayout(layout: Layout): string {
  const out: string[] = []
  if (layout.draftLabel) out.push(`> **${escapeMarkdown(layout.draftLabel)}** – dokumentet är inte godkänt.`)
  out.push(escapeMarkdown(layout.runningHeader))
  for (const item of layout.headerBlock) {
    out.push(item.label ? `**${escapeMarkdown(item.label)}**\\\n${lines(item.lines)}` : lines(item.lines))
  }
  out.push(`# ${escapeMarkdown(layout.title)}`)
  if (layout.subtitle) out.push(escapeMarkdown(layout.subtitle))
  out.push(...layout.sections.map(renderSection))
  if (layout.closing.length > 0) out.push(renderBlocks(layout.closing))
  for (const s of layout.signatures) out.push(lines([s.name, s.title, s.forvaltning].filter(Boolean)))
  out.push(...layout.attachments.map(renderSection))
  if (layout.approvals) {
    const a = layout.approvals
    const cell = (text: string) => escapeMarkdown(text.replace(/\s+/g, ' '))
    out.push(
      escapeMarkdown(a.intro),
      [`| ${a.columns.map(cell).join(' | ')} |`, `| ${a.columns.map(() => '---').join(' | ')} |`, ...a.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join(
        '\n',
      ),
    )
  }
  return out.join('\n\n') + '\n'
}

/** CommonMark (with GFM table and strike-through) of the document; meta text escaped. */
export function exportMarkdown(input: ExportInput): string {
  return renderLayout(layoutDocument(input))
}
