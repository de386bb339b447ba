import { parse as parseYaml, YAMLParseError } from 'yaml'
import type { z } from 'zod'
import { perspectivesFileSchema, templateFileSchema, type PerspectiveDefinition, type Template, type TemplateSection } from './template.js'

/** A template file that cannot be used: names the file, the path inside it and what is wrong. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(`${file}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`)
    this.name = 'TemplateError'
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')
}

function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
}

function readYaml(file: string, source: string): unknown {
  try {
    return parseYaml(source, { prettyErrors: true, uniqueKeys: true })
  } catch (err) {
    const message = err instanceof YAMLParseError ? (err.message.split('\n')[0] ?? err.message) : String(err)
    throw new TemplateError(file, [{ path: '', message: `not valid YAML: ${message}` }])
  }
}

export function parsePerspectives(file: string, source: string): PerspectiveDefinition[] {
  const parsed = perspectivesFileSchema.safeParse(readYaml(file, source))
  if (!parsed.success) throw new TemplateError(file, issuesOf(parsed.error))
  const seen = new Set<string>()
  parsed.data.perspectives.forEach((p, i) => {
    if (seen.has(p.key)) throw new TemplateError(file, [{ path: `perspectives[${i}].key`, message: `duplicate perspective "${p.key}"` }])
    seen.add(p.key)
  })
  return parsed.data.perspectives
}

/**
 * Parses one template file and resolves its perspective references against the shared
 * definitions. Rules checked beyond the schema: unique section keys, every perspective
 * present exactly once (a template can never leave one out).
 */
export function parseTemplate(file: string, source: string, perspectives: PerspectiveDefinition[]): Template {
  const parsed = templateFileSchema.safeParse(readYaml(file, source))
  if (!parsed.success) throw new TemplateError(file, issuesOf(parsed.error))
  const data = parsed.data
  const issues: Array<{ path: string; message: string }> = []
  const seen = new Map<string, number>()
  const sections: TemplateSection[] = []
  data.sections.forEach((section, i) => {
    const path = `sections[${i}].key`
    if (seen.has(section.key)) issues.push({ path, message: `duplicate section key "${section.key}" (also at sections[${seen.get(section.key)}])` })
    seen.set(section.key, i)
    if (section.kind === 'perspective') {
      const def = perspectives.find((p) => p.key === section.key)
      if (!def) {
        issues.push({ path, message: `no perspective definition for "${section.key}"` })
        return
      }
      sections.push({
        key: def.key,
        title: def.title,
        kind: 'perspective',
        required: true,
        synonyms: def.synonyms,
        help: def.help,
        placeholder: def.placeholder,
        guidingQuestions: def.guidingQuestions,
        minWords: section.minWords ?? def.minWords,
        minMotivationWords: section.minMotivationWords ?? def.minMotivationWords,
        motivationHint: def.motivationHint,
      })
    } else {
      sections.push({ ...section })
    }
  })
  for (const def of perspectives) {
    if (!seen.has(def.key))
      issues.push({ path: 'sections', message: `the perspective "${def.key}" is missing: every template must carry all five perspectives` })
  }
  if (issues.length > 0) throw new TemplateError(file, issues)
  return {
    id: data.id,
    version: data.version,
    name: data.name,
    description: data.description,
    sections,
    requiredMeta: data.requiredMeta,
    approval: data.approval,
  }
}

export function perspectiveSections(template: Template): TemplateSection[] {
  return template.sections.filter((s) => s.kind === 'perspective')
}
