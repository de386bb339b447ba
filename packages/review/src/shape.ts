import { z } from 'zod'

/** Top-level types of the review Y.Doc. */
export const THREADS_MAP = 'threads'
export const VERDICTS_MAP = 'verdicts'

const personSchema = z.object({ username: z.string().min(1).max(64), name: z.string().max(200) })
export type Person = z.infer<typeof personSchema>

export const commentSchema = z.object({
  id: z.string().min(1).max(64),
  author: personSchema,
  text: z.string().min(1).max(10_000),
  at: z.string(),
})
export type Comment = z.infer<typeof commentSchema>

export const anchorSchema = z.object({
  /** Base64 of `Y.encodeRelativePosition` for the start and the end of the range. */
  start: z.string().min(1).max(2000),
  end: z.string().min(1).max(2000),
  /** The text as it was when the thread was opened, shown when the anchor is orphaned. */
  quote: z.string().max(2000),
  sectionKey: z.string().max(64),
})
export type Anchor = z.infer<typeof anchorSchema>

export const threadSchema = z.object({
  id: z.string().min(1).max(64),
  anchor: anchorSchema,
  comments: z.array(commentSchema).min(1),
  resolved: z.boolean(),
  resolvedBy: personSchema.nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
})
export type Thread = z.infer<typeof threadSchema>

export const VERDICTS = ['godkand', 'komplettering'] as const
export const verdictSchema = z
  .object({
    verdict: z.enum(VERDICTS),
    comment: z.string().max(10_000),
    by: personSchema,
    at: z.string(),
    /** Fingerprint of the section text the verdict was given on. */
    sectionFingerprint: z.string(),
  })
  .refine((v) => v.verdict === 'godkand' || v.comment.trim().length > 0, {
    message: '"Behöver kompletteras" needs a comment saying what is missing',
    path: ['comment'],
  })
export type Verdict = z.infer<typeof verdictSchema>

/** The reviewer's verdicts in Swedish ("Godtas", never the document status "Godkänd"; web glossary, issue #23). */
export const VERDICT_LABELS: Record<Verdict['verdict'], string> = {
  godkand: 'Godtas',
  komplettering: 'Behöver kompletteras',
}
