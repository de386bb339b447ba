import { DEFAULT_APPROVAL_RULES, perspectiveSections, type ApprovalReview, type Template, type VerdictState } from '@perspektiv/model'
import { nodeText, sectionAttrs, sectionNodes, type PMNode } from '@perspektiv/document'
import { isVerdictOutdated, type Suggestion, type Thread, type Verdict } from '@perspektiv/review'

/**
 * [issue 13.3] The reviewers' verdicts and comment threads gate approval (pure; the server
 * reads them from the review Y.Doc, never from the client). By default: no perspective
 * "Behöver kompletteras", no verdict outdated by later edits, every thread resolved. A
 * template may ask for a current "Godkänd" on every perspective (`requireVerdicts: all`)
 * or let open threads pass (`requireThreadsResolved: false`).
 */
export function approvalReview(
  template: Template,
  content: PMNode,
  verdicts: Record<string, Verdict>,
  threads: Thread[],
  suggestions: Suggestion[] = [],
): ApprovalReview {
  const rules = template.approval ?? DEFAULT_APPROVAL_RULES
  const texts = new Map(sectionNodes(content).map((n) => [sectionAttrs(n).key, nodeText(n)]))
  const problems: string[] = []
  const states = perspectiveSections(template).map((section) => {
    const v = verdicts[section.key]
    const state: VerdictState = !v ? 'none' : isVerdictOutdated(v, texts.get(section.key) ?? '') ? 'outdated' : v.verdict
    if (state === 'komplettering') problems.push(`perspective "${section.key}": a reviewer asked for more ("Behöver kompletteras")`)
    if (state === 'outdated') problems.push(`perspective "${section.key}": the verdict is outdated (the text changed after it was given)`)
    if (state === 'none' && rules.requireVerdicts === 'all') problems.push(`perspective "${section.key}" has no verdict`)
    return { key: section.key, title: section.title, state, by: v?.by.name ?? null, comment: v?.comment ?? '' }
  })
  const open = threads.filter((t) => !t.resolved)
  if (rules.requireThreadsResolved && open.length > 0) problems.push(`${open.length} comment thread(s) not resolved`)
  const openSuggestions = suggestions.filter((s) => s.state === 'open')
  if (rules.requireThreadsResolved && openSuggestions.length > 0) problems.push(`${openSuggestions.length} suggestion(s) neither accepted nor rejected`)
  return {
    ready: problems.length === 0,
    problems,
    rules,
    verdicts: states,
    openThreads: open.map((t) => ({ id: t.id, sectionKey: t.anchor.sectionKey, quote: t.anchor.quote, by: t.comments[0]?.author.name ?? '' })),
    openSuggestions: openSuggestions.map((s) => ({ id: s.id, sectionKey: s.anchor.sectionKey, quote: s.anchor.quote, text: s.text, by: s.author.name })),
  }
}
