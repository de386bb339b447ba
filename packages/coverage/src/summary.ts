import type { CheckerStatus, CoverageReport, CoverageSummary, PerspectiveCoverage } from '@perspektiv/model'
import { PROBLEMS } from './check.js'

const UNTOUCHED = new Set<string>([PROBLEMS.empty, PROBLEMS.onlyPlaceholder])

/**
 * The status a user sees for one perspective (C27): the report's, except that an incomplete
 * perspective nobody has written in yet (its only problems: empty, or only the template's
 * placeholder) is "not started".
 */
export function checkerStatus(p: Pick<PerspectiveCoverage, 'status' | 'words' | 'problems'>): CheckerStatus {
  if (p.status === 'incomplete' && p.words === 0 && p.problems.length > 0 && p.problems.every((x) => UNTOUCHED.has(x))) return 'not-started'
  return p.status
}

/** The compact summary document lists store and show: with each perspective's checker status (C27). */
export function summarizeCoverage(report: CoverageReport): CoverageSummary {
  return {
    complete: report.complete,
    perspectives: Object.fromEntries(report.perspectives.map((p) => [p.key, p.status])),
    checker: Object.fromEntries(report.perspectives.map((p) => [p.key, checkerStatus(p)])),
    placeholders: report.placeholders.length,
    ready: report.ready,
  }
}
