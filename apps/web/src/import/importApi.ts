import { IMPORT_MAX_BYTES, type ImportPreview } from '@perspektiv/model'
import type { DocumentDetail } from '../api.js'

const MIB = IMPORT_MAX_BYTES / 1024 / 1024

/** A refused import, with the Swedish sentence to show. */
export class ImportError extends Error {}

/**
 * Sends the file itself (not JSON) to the import routes (apps/server API.md "Import"). The
 * importer's own message names the file and what is wrong with it, in Swedish: shown as is.
 */
async function send<T>(path: string, file: File, templateId: string): Promise<T> {
  if (file.size > IMPORT_MAX_BYTES) throw new ImportError(`${file.name}: filen är större än ${MIB} MB.`)
  const query = new URLSearchParams({ templateId, fileName: file.name })
  let response: Response
  try {
    response = await fetch(`${path}?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream' },
      body: file,
    })
  } catch {
    throw new ImportError('Ingen kontakt med servern. Kontrollera anslutningen och försök igen.')
  }
  const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null
  if (response.ok) return data as T
  if (response.status === 401) throw new ImportError('Du är inte inloggad, eller så har inloggningen gått ut. Logga in igen.')
  if (response.status === 413) throw new ImportError(`${file.name}: filen är större än ${MIB} MB.`)
  const message = data?.error?.message ?? ''
  // The importer's messages start with the file name and are Swedish.
  throw new ImportError(message.startsWith(file.name) ? message : `${file.name}: filen kunde inte importeras.`)
}

export const importApi = {
  preview: (file: File, templateId: string) => send<ImportPreview>('/api/imports', file, templateId),
  create: (file: File, templateId: string) => send<DocumentDetail>('/api/imports/documents', file, templateId),
}
