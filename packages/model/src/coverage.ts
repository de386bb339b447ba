import { z } from 'zod'

export const perspectiveStatusSchema = z.enum(['covered', 'not-relevant', 'incomplete', 'missing'])
export type PerspectiveStatus = z.infer<typeof perspectiveStatusSchema>

export const sectionStatusSchema = z.enum(['ok', 'empty', 'missing'])
export type SectionStatus = z.infer<typeof sectionStatusSchema>

/** ◆ The CoverageReport of the design doc: the same shape from the browser, the server and the CLI. */
export const coverageReportSchema = z.object({
  complete: z.boolean(),
  perspectives: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      status: perspectiveStatusSchema,
      heading: z.string().optional(),
      words: z.number().int().min(0),
      problems: z.array(z.string()),
    }),
  ),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      status: sectionStatusSchema,
      problems: z.array(z.string()),
    }),
  ),
  placeholders: z.array(z.string()),
})
export type CoverageReport = z.infer<typeof coverageReportSchema>
export type PerspectiveCoverage = CoverageReport['perspectives'][number]
export type SectionCoverage = CoverageReport['sections'][number]

/** Compact per-perspective summary used in document lists. */
export const coverageSummarySchema = z.object({
  complete: z.boolean(),
  perspectives: z.record(z.string(), perspectiveStatusSchema),
  placeholders: z.number().int().min(0),
})
export type CoverageSummary = z.infer<typeof coverageSummarySchema>

export function summarizeCoverage(report: CoverageReport): CoverageSummary {
  return {
    complete: report.complete,
    perspectives: Object.fromEntries(report.perspectives.map((p) => [p.key, p.status])),
    placeholders: report.placeholders.length,
  }
}
