import type { CoverageReport, Template } from '@perspektiv/model'
import { toSectionedDocument, type PMNode } from '@perspektiv/document'
import { checkCoverage } from './check.js'

export { checkCoverage, PROBLEMS } from './check.js'
export { countWords } from './normalize.js'

/** The CoverageReport of an editor document (ProseMirror JSON, e.g. from `yDocToJSON`). */
export function coverageOfDocument(template: Template, pmJson: PMNode): CoverageReport {
  return checkCoverage(template, toSectionedDocument(pmJson))
}
