import { z } from 'zod'

/**
 * The organisation profile (`templates/organisation.yaml`): for each förvaltning the contact
 * details the city prints in the header block of page 1 (postal address, e-mail, web).
 * Documents name their förvaltning in `meta.forvaltning`; the profile is matched on that name.
 */
const line = z.string().trim().min(1, 'must not be empty').max(200)

export const forvaltningProfileSchema = z
  .object({
    /** As written in `meta.forvaltning`, e.g. "Enskede-Årsta-Vantörs stadsdelsförvaltning". */
    name: line,
    /** Street (or box) and postcode + town, one line each. */
    postalAddress: z.array(line).min(1, 'needs at least one line').max(4),
    email: z.string().trim().email('must be an e-mail address'),
    /** Shown as written (the city prints "start.stockholm"), so no scheme is required. */
    web: z
      .string()
      .trim()
      .regex(/^(https?:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i, 'must be a web address such as "start.stockholm"'),
  })
  .strict()
export type ForvaltningProfile = z.infer<typeof forvaltningProfileSchema>

export const organisationSchema = z
  .object({
    /** The municipality, e.g. "Stockholms stad". */
    name: line,
    forvaltningar: z
      .array(forvaltningProfileSchema)
      .min(1, 'needs at least one förvaltning')
      .superRefine((list, ctx) => {
        const seen = new Set<string>()
        list.forEach((f, i) => {
          const key = f.name.toLowerCase()
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${f.name}" is listed twice` })
          seen.add(key)
        })
      }),
  })
  .strict()
export type Organisation = z.infer<typeof organisationSchema>

/** An unusable organisation profile: names the path inside the file and what is wrong. */
export class OrganisationError extends Error {
  constructor(
    readonly file: string,
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(`${file}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`)
    this.name = 'OrganisationError'
  }
}

/** Validates parsed YAML/JSON as an organisation profile; throws OrganisationError naming every problem. */
export function parseOrganisation(file: string, data: unknown): Organisation {
  const parsed = organisationSchema.safeParse(data)
  if (parsed.success) return parsed.data
  throw new OrganisationError(
    file,
    parsed.error.issues.map((i) => ({
      path: i.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, ''),
      message: i.message,
    })),
  )
}

/** The profile of a förvaltning by the name a document gives (case and spacing ignored). */
export function forvaltningProfile(organisation: Organisation | undefined, name: string): ForvaltningProfile | undefined {
  const wanted = name.replace(/\s+/g, ' ').trim().toLowerCase()
  if (!organisation || !wanted) return undefined
  return organisation.forvaltningar.find((f) => f.name.replace(/\s+/g, ' ').trim().toLowerCase() === wanted)
}
