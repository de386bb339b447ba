import type { Context } from 'hono'
import type { ExportedFile } from '@perspektiv/export'
import type { AppEnv } from './auth.js'
import { ApiError } from './errors.js'
import { contentDisposition, ExportRefused } from '../exporting.js'

/** Sends an exported file as a download; a refused export (structure, left-overs) is a 409 with its reasons. */
export async function exportResponse(c: Context<AppEnv>, produce: () => Promise<ExportedFile>): Promise<Response> {
  try {
    const file = await produce()
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.fileName),
      'Content-Length': String(file.bytes.byteLength),
      'Cache-Control': 'no-store',
    })
  } catch (err) {
    if (err instanceof ExportRefused) throw new ApiError(409, err.message, err.details)
    throw err
  }
}
