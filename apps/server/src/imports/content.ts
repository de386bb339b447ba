import type { Template } from '@perspektiv/model'
import { initialDocument, sectionAttrs, sectionNodes, tableNode, type PMNode } from '@perspektiv/document'
import { checkCoverage } from '@perspektiv/coverage'
import type { Block, LegacyDocument } from '@perspektiv/legacy'

const paragraph = (text: string): PMNode => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })

/** One block of the legacy file as editor content; a table stays a table (rows padded to the widest). */
function blockNodes(block: Block): PMNode[] {
  switch (block.type) {
    case 'paragraph':
      return block.text ? [paragraph(block.text)] : []
    case 'list': {
      const items = block.items.filter((t) => t !== '').map((t) => ({ type: 'listItem', content: [paragraph(t)] }))
      if (items.length === 0) return []
      return [block.ordered ? { type: 'orderedList', attrs: { start: 1 }, content: items } : { type: 'bulletList', content: items }]
    }
    case 'table': {
      const width = Math.max(...block.rows.map((r) => r.length))
      const rows = block.rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')])
      return rows.length > 0 && width > 0 ? [tableNode(rows, { headerRow: block.header })] : []
    }
  }
}

/**
 * [SRV-IMP3] The legacy sections poured into the template's skeleton (the server's own
 * `initialDocument`): each template section gets the paragraphs, lists and tables found under
 * its heading; a perspective the checker reads as motivated "not relevant" gets the editor's
 * flag, so the document means the same after import.
 */
export function legacyContent(template: Template, legacy: LegacyDocument): PMNode {
  const report = checkCoverage(template, legacy.sections)
  const notRelevant = new Set(report.perspectives.filter((p) => p.status === 'not-relevant').map((p) => p.key))
  const doc = initialDocument(template)
  for (const node of sectionNodes(doc)) {
    const key = sectionAttrs(node).key
    const body = legacy.sections.sections.flatMap((s, i) => (s.key === key ? (legacy.blocks[i] ?? []) : [])).flatMap(blockNodes)
    if (body.length > 0) node.content = body
    if (notRelevant.has(key)) node.attrs = { ...node.attrs, notRelevant: true }
  }
  return doc
}
