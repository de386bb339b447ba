import { describe, expect, it } from 'vitest'
import { loadTemplates } from '@perspektiv/model/load'
import { initialDocument, nodeText, sectionAttrs, sectionNodes, type PMNode } from '@perspektiv/document'
import { sectionFingerprint, type Thread, type Verdict } from '@perspektiv/review'
import { approvalReview } from './approvalGate.js'

const template = loadTemplates().get('remissvar')!
const content: PMNode = initialDocument(template)
for (const s of sectionNodes(content)) s.content = [{ type: 'paragraph', content: [{ type: 'text', text: `Text om ${sectionAttrs(s).key}.` }] }]
const textOf = (key: string) => nodeText(sectionNodes(content).find((s) => sectionAttrs(s).key === key)!)
const verdict = (key: string, v: Verdict['verdict'], text = textOf(key)): Verdict => ({
  verdict: v,
  comment: v === 'komplettering' ? 'Mer om barn.' : '',
  by: { username: 'rita', name: 'Rita' },
  at: '2025-03-01T10:00:00.000Z',
  sectionFingerprint: sectionFingerprint(text),
})
const thread = (resolved: boolean): Thread => ({
  id: 't1',
  anchor: { start: 'AA==', end: 'AA==', quote: 'Text', sectionKey: 'arendet' },
  comments: [{ id: 'c1', author: { username: 'rita', name: 'Rita' }, text: 'Fråga', at: '2025-03-01T10:00:00.000Z' }],
  resolved,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: '2025-03-01T10:00:00.000Z',
})
const ALL = ['jamstalldhet', 'barnratt', 'tillganglighet', 'aldre', 'klimat-miljo']
const allApproved = Object.fromEntries(ALL.map((k) => [k, verdict(k, 'godkand')]))

describe('approval review gate', () => {
  it('default: no verdicts and no threads pass; each verdict state is reported per perspective', () => {
    expect(approvalReview(template, content, {}, [])).toMatchObject({ ready: true, problems: [] })
    const r = approvalReview(
      template,
      content,
      { barnratt: verdict('barnratt', 'komplettering'), aldre: verdict('aldre', 'godkand', 'äldre text'), jamstalldhet: verdict('jamstalldhet', 'godkand') },
      [],
    )
    expect(r.ready).toBe(false)
    expect(Object.fromEntries(r.verdicts.map((v) => [v.key, v.state]))).toEqual({
      jamstalldhet: 'godkand',
      barnratt: 'komplettering',
      tillganglighet: 'none',
      aldre: 'outdated',
      'klimat-miljo': 'none',
    })
    expect(r.problems).toEqual([
      'perspective "barnratt": a reviewer asked for more ("Behöver kompletteras")',
      'perspective "aldre": the verdict is outdated (the text changed after it was given)',
    ])
  })

  it('default: an unresolved thread refuses, a resolved one does not', () => {
    expect(approvalReview(template, content, allApproved, [thread(false)])).toMatchObject({ ready: false, problems: ['1 comment thread(s) not resolved'] })
    expect(approvalReview(template, content, allApproved, [thread(true)])).toMatchObject({ ready: true, openThreads: [] })
  })

  it('a template may require a current "Godkänd" on every perspective, or let open threads pass', () => {
    const strict = { ...template, approval: { requireVerdicts: 'all' as const, requireThreadsResolved: true } }
    expect(approvalReview(strict, content, {}, []).problems).toEqual(ALL.map((k) => `perspective "${k}" has no verdict`))
    expect(approvalReview(strict, content, allApproved, []).ready).toBe(true)
    const lenient = { ...template, approval: { requireVerdicts: 'none-rejected' as const, requireThreadsResolved: false } }
    expect(approvalReview(lenient, content, {}, [thread(false)])).toMatchObject({ ready: true, openThreads: [{ id: 't1' }] })
    expect(approvalReview(lenient, content, { barnratt: verdict('barnratt', 'komplettering') }, []).ready).toBe(false)
  })
})
