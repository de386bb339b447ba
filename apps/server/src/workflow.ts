import { mayEver, type CoverageReport, type DocumentStatus, type Role, type SectionChange, type Template } from '@perspektiv/model'
import { coverageOfDocument } from '@perspektiv/coverage'
import { nodeText, sectionAttrs, sectionNodes, validateStructure, type PMNode, type StructureReport } from '@perspektiv/document'
import { wordDiff } from '@perspektiv/review'

/** Why a document may not be sent to review (empty = it may). English, for integrators. */
export interface ReviewGate {
  ready: boolean
  problems: string[]
  coverage: CoverageReport
  structure: StructureReport
}

/**
 * The gate of `utkast → granskning` and of every approval (pure): every perspective covered
 * or motivated not-relevant, every required section written, every header field the
 * template requires filled and valid, no template text left anywhere (header included),
 * and the section skeleton the template prescribes. `meta` is the Y.Map `meta` as JSON.
 */
export function reviewGate(template: Template, content: PMNode, meta: unknown): ReviewGate {
  const coverage = coverageOfDocument(template, content, meta)
  const structure = validateStructure(content, template)
  const problems: string[] = []
  for (const p of coverage.perspectives) {
    if (p.status !== 'covered' && p.status !== 'not-relevant') problems.push(`perspective "${p.key}" is ${p.status}`)
  }
  for (const s of coverage.sections)
    if (s.problems.length > 0) problems.push(`section "${s.key}" ${s.status === 'ok' ? 'still holds template text' : `is ${s.status}`}`)
  for (const m of coverage.meta) if (m.status !== 'ok') problems.push(`header field "${m.field}" is ${m.status}`)
  if (coverage.placeholders.length > 0) problems.push(`template text left: ${coverage.placeholders.map((t) => `"${t}"`).join(', ')}`)
  if (!structure.valid) problems.push('the section structure does not follow the template')
  return { ready: problems.length === 0 && coverage.ready, problems, coverage, structure }
}

export type Transition = 'send-to-review' | 'reopen'

/** The transition `from → to`, or why there is none. Role checks are the caller's. */
export function transitionOf(from: DocumentStatus, to: DocumentStatus): Transition | { refused: string } {
  if (from === 'utkast' && to === 'granskning') return 'send-to-review'
  if (from === 'granskning' && to === 'utkast') return 'reopen'
  if (to === 'godkand') return { refused: 'a document becomes "godkand" only through the approvals of all its approvers (POST /approvals)' }
  if (from === to) return { refused: `the document is already "${to}"` }
  if (from === 'godkand') return { refused: 'an approved document is locked and cannot change status' }
  return { refused: `no transition from "${from}" to "${to}"` }
}

/** Who may make a transition at all (the permission table; the status is `transitionOf`'s). */
export const mayTransition = (role: Role): boolean => mayEver(role, 'status.send') || mayEver(role, 'status.reopen')

/** Per template section, what changed in its text between two versions of the content. */
export function sectionChanges(template: Template, before: PMNode, after: PMNode): SectionChange[] {
  const textByKey = (doc: PMNode) => new Map(sectionNodes(doc).map((n) => [sectionAttrs(n).key, nodeText(n)]))
  const a = textByKey(before)
  const b = textByKey(after)
  return template.sections.map((s) => {
    const diff = wordDiff(a.get(s.key) ?? '', b.get(s.key) ?? '')
    return { key: s.key, title: s.title, changed: diff.some((d) => d.op !== 'equal'), diff }
  })
}
