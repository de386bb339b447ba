import type { CoverageReport, Template } from '@perspektiv/model'
import { nodeText, sectionAttrs, sectionNodes, type PMNode } from '@perspektiv/document'

/**
 * TEMPORARY fallback until @perspektiv/coverage lands (then this module just re-exports
 * its `coverageOfDocument`). Word-count rules of the domain doc, no placeholder detection.
 */
export function coverageOfDocument(template: Template, doc: PMNode): CoverageReport {
  const nodes = sectionNodes(doc)
  const byKey = new Map(nodes.map((n) => [sectionAttrs(n).key, n]))
  const words = (t: string) => t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  const perspectives = template.sections
    .filter((s) => s.kind === 'perspective')
    .map((s) => {
      const node = byKey.get(s.key)
      if (!node) return { key: s.key, title: s.title, status: 'missing' as const, words: 0, problems: ['Avsnittet saknas.'] }
      const n = words(nodeText(node))
      const notRelevant = sectionAttrs(node).notRelevant
      const min = notRelevant ? (s.minMotivationWords ?? 15) : (s.minWords ?? 20)
      if (n >= min) return { key: s.key, title: s.title, status: notRelevant ? ('not-relevant' as const) : ('covered' as const), words: n, problems: [] }
      return { key: s.key, title: s.title, status: 'incomplete' as const, words: n, problems: [`För kort: ${n} av minst ${min} ord.`] }
    })
  const sections = template.sections
    .filter((s) => s.kind !== 'perspective')
    .map((s) => {
      const node = byKey.get(s.key)
      const status = !node ? ('missing' as const) : nodeText(node).trim() === '' ? ('empty' as const) : ('ok' as const)
      return { key: s.key, title: s.title, status, problems: status === 'ok' ? [] : ['Avsnittet är tomt.'] }
    })
  return {
    complete: perspectives.every((p) => p.status === 'covered' || p.status === 'not-relevant'),
    perspectives,
    sections,
    placeholders: [],
  }
}
