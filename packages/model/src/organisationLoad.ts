import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { OrganisationError, parseOrganisation, type Organisation } from './organisation.js'

/** The organisation profile's file name inside the templates folder (not a template). */
export const ORGANISATION_FILE = 'organisation.yaml'

/**
 * Reads `<dir>/organisation.yaml` (Node only). A missing file is no profile (undefined: the
 * header block then shows no contact details); a broken one throws OrganisationError, so a
 * server refuses to start rather than print wrong addresses.
 */
export function loadOrganisation(dir: string): Organisation | undefined {
  const file = join(dir, ORGANISATION_FILE)
  if (!existsSync(file)) return undefined
  let data: unknown
  try {
    data = parseYaml(readFileSync(file, 'utf8'), { uniqueKeys: true })
  } catch (err) {
    throw new OrganisationError(file, [{ path: '', message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` }])
  }
  return parseOrganisation(file, data)
}
