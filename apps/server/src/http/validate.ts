import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { ApiError, describeZodError } from './errors.js'

/** zod validation of a request part; failures become 400 naming the fields. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const { message, details } = describeZodError(result.error as unknown as z.ZodError)
      throw new ApiError(400, `invalid ${target === 'json' ? 'body' : target}: ${message}`, details)
    }
  })
}
