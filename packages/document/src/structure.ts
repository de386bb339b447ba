import type { Template } from '@perspektiv/model'
import { sectionAttrs, sectionNodes, type PMNode } from './json.js'

export interface StructureReport {
  valid: boolean
  /** Template keys present, in document order. */
  present: string[]
  /** Template sections that are not in the document. */
  missing: string[]
  /** Keys that appear more than once. */
  duplicated: string[]
  /** Sections whose key is not in the template. */
  unknown: string[]
  /** True when the present template sections are not in template order. */
  outOfOrder: boolean
  /** Top-level nodes that are not sections. */
  strayNodes: number
}

/** [DOC-S1–DOC-S5] Checks a document's section skeleton against its template (pure). */
export function validateStructure(doc: PMNode, template: Template): StructureReport {
  const templateKeys = template.sections.map((s) => s.key)
  const keys = sectionNodes(doc).map((n) => sectionAttrs(n).key)
  const strayNodes = (doc.content ?? []).length - keys.length
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  const present = keys.filter((k, i) => templateKeys.includes(k) && keys.indexOf(k) === i)
  const missing = templateKeys.filter((k) => !counts.has(k))
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k)
  const unknown = keys.filter((k) => !templateKeys.includes(k))
  const order = present.map((k) => templateKeys.indexOf(k))
  const outOfOrder = order.some((v, i) => i > 0 && v < (order[i - 1] ?? -1))
  return {
    valid: missing.length === 0 && duplicated.length === 0 && unknown.length === 0 && !outOfOrder && strayNodes === 0,
    present,
    missing,
    duplicated,
    unknown,
    outOfOrder,
    strayNodes,
  }
}
