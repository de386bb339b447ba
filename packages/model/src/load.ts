import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parsePerspectives, parseTemplate, TemplateError } from './templateParse.js'
import type { Template } from './template.js'
import { ORGANISATION_FILE } from './organisationLoad.js'

export { loadOrganisation, ORGANISATION_FILE } from './organisationLoad.js'

/** The repository's own `templates/` folder. */
export const DEFAULT_TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates')

const PERSPECTIVES_FILE = 'perspectives.yaml'

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    throw new TemplateError(file, [{ path: '', message: `cannot be read: ${(err as Error).message}` }])
  }
}

/**
 * Loads and validates every template in `dir` (Node only). Throws TemplateError for the first
 * broken file, naming it: a server must refuse to start with a broken template.
 */
export function loadTemplates(dir: string = DEFAULT_TEMPLATES_DIR): Map<string, Template> {
  const perspectivesPath = join(dir, PERSPECTIVES_FILE)
  const perspectives = parsePerspectives(perspectivesPath, read(perspectivesPath))
  const templates = new Map<string, Template>()
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== PERSPECTIVES_FILE && f !== ORGANISATION_FILE)
    .sort()
  for (const f of files) {
    const path = join(dir, f)
    const template = parseTemplate(path, read(path), perspectives)
    if (template.id !== basename(f).replace(/\.ya?ml$/, '')) {
      throw new TemplateError(path, [{ path: 'id', message: `"${template.id}" does not match the file name` }])
    }
    templates.set(template.id, template)
  }
  if (templates.size === 0) throw new TemplateError(dir, [{ path: '', message: 'no template files found' }])
  return templates
}
