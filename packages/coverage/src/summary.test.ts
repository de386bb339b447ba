import { describe, expect, it } from 'vitest'
import type { CoverageReport } from '@perspektiv/model'
import { PROBLEMS } from './check.js'
import { summarizeCoverage } from './summary.js'

const perspective = (key: string, status: CoverageReport['perspectives'][number]['status'], words: number, problems: string[]) => ({
  key,
  title: key,
  status,
  words,
  problems,
})

describe('the stored summary', () => {
  it('C27: keeps each perspective\'s checker status, so a list can tell "Ej påbörjad" from "Ofullständig"', () => {
    const report: CoverageReport = {
      complete: false,
      ready: false,
      perspectives: [
        perspective('jamstalldhet', 'incomplete', 0, [PROBLEMS.empty]),
        perspective('barnratt', 'incomplete', 0, [PROBLEMS.onlyPlaceholder]),
        perspective('tillganglighet', 'incomplete', 4, [PROBLEMS.shortAssessment(4, 20)]),
        perspective('aldre', 'covered', 40, []),
        perspective('klimat-miljo', 'missing', 0, [PROBLEMS.perspectiveMissing]),
      ],
      sections: [],
      placeholders: ['x'],
      meta: [],
    }
    const summary = summarizeCoverage(report)
    expect(summary.checker).toEqual({
      jamstalldhet: 'not-started',
      barnratt: 'not-started',
      tillganglighet: 'incomplete',
      aldre: 'covered',
      'klimat-miljo': 'missing',
    })
    // The report's own statuses stay as they were (older readers use them).
    expect(summary.perspectives.jamstalldhet).toBe('incomplete')
  })
})
