import type { CoverageReport, Template } from '@perspektiv/model'
import { toSectionedDocument, type PMNode } from '@perspektiv/document'
import { checkCoverage } from './check.js'

export { checkCoverage, PROBLEMS } from './check.js'
export { countWords } from './normalize.js'
export { checkerStatus, summarizeCoverage } from './summary.js'
export { checkMeta, META_PROBLEMS } from './meta.js'

/**
 * The CoverageReport of an editor document (ProseMirror JSON, e.g. from `yDocToJSON`) and
 * its header: the Y.Map `meta` as JSON (`ydoc.getMap('meta').toJSON()`), unvalidated.
 */
export function coverageOfDocument(template: Template, pmJson: PMNode, meta?: unknown): CoverageReport {
  return checkCoverage(template, toSectionedDocument(pmJson), meta)
}
