import { z } from 'zod'
import { DEFAULT_REQUIRED_META, REQUIRABLE_META_FIELDS, type RequirableMetaField } from './meta.js'

/** The five perspectives every tjänsteutlåtande must carry (design doc ◆). */
export const PERSPECTIVE_KEYS = ['jamstalldhet', 'barnratt', 'tillganglighet', 'aldre', 'klimat-miljo'] as const
export type PerspectiveKey = (typeof PERSPECTIVE_KEYS)[number]

export const sectionKindSchema = z.enum(['text', 'decision', 'perspective', 'attachments'])
export type SectionKind = z.infer<typeof sectionKindSchema>

const sectionKeySchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens (e.g. "klimat-miljo")')

export const perspectiveDefinitionSchema = z
  .object({
    key: z.enum(PERSPECTIVE_KEYS),
    title: z.string().min(1),
    /** Headings seen in the wild for this perspective (legacy import). */
    synonyms: z.array(z.string().min(1)).default([]),
    help: z.string().default(''),
    placeholder: z.string().default(''),
    guidingQuestions: z.array(z.string().min(1)).min(1, 'a perspective needs at least one guiding question'),
    /** Minimum words for an assessment to count as substantive. */
    minWords: z.number().int().min(1).max(1000).default(20),
    /** Minimum words of motivation when marked not relevant. */
    minMotivationWords: z.number().int().min(1).max(1000).default(15),
    /** What a motivation must contain, shown when "Bedöms ej relevant" is on. */
    motivationHint: z.string().default(''),
  })
  .strict()
export type PerspectiveDefinition = z.infer<typeof perspectiveDefinitionSchema>

export const textSectionSchema = z
  .object({
    key: sectionKeySchema,
    title: z.string().min(1),
    kind: z.enum(['text', 'decision', 'attachments']),
    required: z.boolean().default(true),
    synonyms: z.array(z.string().min(1)).default([]),
    help: z.string().default(''),
    placeholder: z.string().default(''),
  })
  .strict()

/** A template section that refers to a shared perspective definition. */
export const perspectiveRefSchema = z
  .object({
    key: z.enum(PERSPECTIVE_KEYS),
    kind: z.literal('perspective'),
    /** Overrides of the shared definition for this template. */
    minWords: z.number().int().min(1).max(1000).optional(),
    minMotivationWords: z.number().int().min(1).max(1000).optional(),
  })
  .strict()

/**
 * What an approval requires of the review (SPEC T10): `none-rejected` = no perspective has the
 * verdict "Behöver kompletteras" and no verdict is outdated; `all` = in addition every
 * perspective has a current "Godkänd". Open comment threads block unless relaxed.
 */
export const approvalRulesSchema = z
  .object({
    requireVerdicts: z.enum(['all', 'none-rejected']).default('none-rejected'),
    requireThreadsResolved: z.boolean().default(true),
  })
  .strict()
export type ApprovalRules = z.infer<typeof approvalRulesSchema>
export const DEFAULT_APPROVAL_RULES: ApprovalRules = { requireVerdicts: 'none-rejected', requireThreadsResolved: true }

export const templateFileSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
    version: z.number().int().min(1),
    name: z.string().min(1),
    description: z.string().default(''),
    /** Header fields the gate requires (SPEC T9); default DEFAULT_REQUIRED_META. */
    requiredMeta: z
      .array(z.enum(REQUIRABLE_META_FIELDS))
      .refine((a) => new Set(a).size === a.length, 'a field is listed twice')
      .default(DEFAULT_REQUIRED_META),
    approval: approvalRulesSchema.default(DEFAULT_APPROVAL_RULES),
    sections: z.array(z.discriminatedUnion('kind', [textSectionSchema, perspectiveRefSchema])).min(1, 'a template needs at least one section'),
  })
  .strict()
export type TemplateFile = z.infer<typeof templateFileSchema>

export const perspectivesFileSchema = z.object({ perspectives: z.array(perspectiveDefinitionSchema).min(1) }).strict()

/** A resolved template section: text sections as written, perspectives merged with their definition. */
export interface TemplateSection {
  key: string
  title: string
  kind: SectionKind
  required: boolean
  synonyms: string[]
  help: string
  placeholder: string
  /** Perspectives only. */
  guidingQuestions?: string[]
  minWords?: number
  minMotivationWords?: number
  motivationHint?: string
}

export interface Template {
  id: string
  version: number
  name: string
  description: string
  sections: TemplateSection[]
  /** Absent on templates built before issue 13 (tests): DEFAULT_REQUIRED_META applies. */
  requiredMeta?: RequirableMetaField[]
  approval?: ApprovalRules
}

export const templateSectionSchema: z.ZodType<TemplateSection> = z.object({
  key: z.string(),
  title: z.string(),
  kind: sectionKindSchema,
  required: z.boolean(),
  synonyms: z.array(z.string()),
  help: z.string(),
  placeholder: z.string(),
  guidingQuestions: z.array(z.string()).optional(),
  minWords: z.number().optional(),
  minMotivationWords: z.number().optional(),
  motivationHint: z.string().optional(),
})

export const templateSchema: z.ZodType<Template> = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  description: z.string(),
  sections: z.array(templateSectionSchema),
  requiredMeta: z.array(z.enum(REQUIRABLE_META_FIELDS)).optional(),
  approval: approvalRulesSchema.optional(),
})

/**
 * A document reduced to its sections: what the coverage checker reads. Produced from
 * ProseMirror JSON (packages/document) and from legacy files (packages/legacy).
 */
export interface SectionedDocument {
  sections: Array<{
    /** The template section key when identified, otherwise null. */
    key: string | null
    /** The heading as written (legacy) or the template title. */
    heading: string
    /** The explicit "Bedöms ej relevant" flag of our editor. */
    notRelevant?: boolean
    /** Body text; paragraphs separated by a blank line. */
    text: string
  }>
  /** Text outside every section (legacy front matter, signature blocks): scanned for placeholders. */
  otherText?: string
}
