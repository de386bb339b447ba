import { z } from 'zod'

export const perspectiveStatusSchema = z.enum(['covered', 'not-relevant', 'incomplete', 'missing'])
export type PerspectiveStatus = z.infer<typeof perspectiveStatusSchema>

export const sectionStatusSchema = z.enum(['ok', 'empty', 'missing'])
export type SectionStatus = z.infer<typeof sectionStatusSchema>

export const metaStatusSchema = z.enum(['ok', 'missing', 'invalid', 'placeholder'])
export type MetaStatus = z.infer<typeof metaStatusSchema>

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
  /** Left-over template text anywhere: sections, unknown sections, other text and the header fields. */
  placeholders: z.array(z.string()),
  /** One entry per header field checked (coverage SPEC C21–C25); empty when the document has no header data (legacy files). */
  meta: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      status: metaStatusSchema,
      problems: z.array(z.string()),
    }),
  ),
  /** `complete`, every section without problems, every header field ok, no placeholder anywhere (C26). */
  ready: z.boolean(),
})
export type CoverageReport = z.infer<typeof coverageReportSchema>
export type PerspectiveCoverage = CoverageReport['perspectives'][number]
export type SectionCoverage = CoverageReport['sections'][number]
export type MetaCoverage = CoverageReport['meta'][number]

/**
 * What a user reads for a perspective: the report's status, or `not-started` for an
 * incomplete one nobody has written in yet (@perspektiv/coverage `checkerStatus`).
 */
export const checkerStatusSchema = z.enum(['not-started', 'incomplete', 'covered', 'not-relevant', 'missing'])
export type CheckerStatus = z.infer<typeof checkerStatusSchema>

/** Compact per-perspective summary used in document lists (@perspektiv/coverage `summarizeCoverage`). */
export const coverageSummarySchema = z.object({
  complete: z.boolean(),
  perspectives: z.record(z.string(), perspectiveStatusSchema),
  /** Each perspective's checker status; absent in rows written before issue 15 (then: `perspectives`). */
  checker: z.record(z.string(), checkerStatusSchema).optional(),
  placeholders: z.number().int().min(0),
  /** Ready for review and approval (C26); absent in rows written before issue 13. */
  ready: z.boolean().optional(),
})
export type CoverageSummary = z.infer<typeof coverageSummarySchema>
