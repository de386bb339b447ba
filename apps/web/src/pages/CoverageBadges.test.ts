import { describe, expect, it } from 'vitest'
import type { CoverageSummary } from '@perspektiv/model'
import { CHECKER_STATUS } from '../copy.js'
import { summaryStatus } from './CoverageBadges.js'

describe('the dashboard chips', () => {
  it('C27: a stored summary with checker statuses says "Ej påbörjad"; one stored before them still renders, with the report\'s status', () => {
    const now: CoverageSummary = {
      complete: false,
      perspectives: { jamstalldhet: 'incomplete', barnratt: 'incomplete' },
      checker: { jamstalldhet: 'not-started', barnratt: 'incomplete' },
      placeholders: 0,
    }
    expect(CHECKER_STATUS[summaryStatus(now, 'jamstalldhet')].label).toBe('Ej påbörjad')
    expect(CHECKER_STATUS[summaryStatus(now, 'barnratt')].label).toBe('Ofullständig')
    const old: CoverageSummary = { complete: false, perspectives: { jamstalldhet: 'incomplete', aldre: 'covered' }, placeholders: 0 }
    expect(CHECKER_STATUS[summaryStatus(old, 'jamstalldhet')].label).toBe('Ofullständig')
    expect(CHECKER_STATUS[summaryStatus(old, 'aldre')].label).toBe('Bedömd')
    // A perspective the summary does not know (a template that gained one): Saknas.
    expect(CHECKER_STATUS[summaryStatus(old, 'klimat-miljo')].label).toBe('Saknas')
  })
})
