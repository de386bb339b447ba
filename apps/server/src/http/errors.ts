import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { DocumentUnavailableError } from '../sync/index.js'

export const ERROR_CODES = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
} as const
export type ErrorStatus = keyof typeof ERROR_CODES

/** Thrown anywhere in a route; rendered as `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

export const unauthenticated = (message = 'sign in first') => new ApiError(401, message)
export const forbidden = (message: string) => new ApiError(403, message)
export const notFound = (message: string) => new ApiError(404, message)
export const conflict = (message: string, details?: unknown) => new ApiError(409, message, details)
export const unavailable = (message: string) => new ApiError(503, message)

export function errorBody(status: ErrorStatus, message: string, details?: unknown) {
  return { error: { code: ERROR_CODES[status], message, ...(details === undefined ? {} : { details }) } }
}

/**
 * The one place a document that cannot be read from storage becomes an answer: 503, for
 * REST and for a sync handshake alike (SRV-S1). Routes just let the error through.
 */
function toApiError(err: unknown): unknown {
  if (err instanceof DocumentUnavailableError && err.transient)
    return new ApiError(503, `the document cannot be opened right now: ${err.reason}; try again in a moment`, undefined, { 'Retry-After': '2' })
  if (err instanceof DocumentUnavailableError) return unavailable(`the document cannot be read from storage and is offline: ${err.reason}`)
  return err
}

export function errorResponse(c: Context, thrown: unknown): Response {
  const err = toApiError(thrown)
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v)
    return c.json(errorBody(err.status, err.message, err.details), err.status as ContentfulStatusCode)
  }
  if (err instanceof HTTPException) {
    const status = (err.status in ERROR_CODES ? err.status : 400) as ErrorStatus
    return c.json(errorBody(status, err.message || 'invalid request'), status as ContentfulStatusCode)
  }
  console.error('[perspektiv] unexpected error', err)
  return c.json(errorBody(500, 'internal error'), 500)
}

/** "title: a title is required; meta.dnr: …" — names each field that was wrong. */
export function describeZodError(error: z.ZodError): { message: string; details: Array<{ path: string; message: string }> } {
  const details = error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }))
  return { message: details.map((d) => `${d.path}: ${d.message}`).join('; '), details }
}
