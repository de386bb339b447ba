import { z } from 'zod'
import { ConfigError } from '../oidc/config.js'

const redisUrl = z
  .string()
  .trim()
  .refine((u) => /^rediss?:\/\/[^/]/.test(u) && URL.canParse(u), 'must start with redis:// or rediss:// and name a host')

/**
 * `REDIS_URL`: set, this instance serves its documents together with every other instance on
 * the same Redis (and database), issue 19; unset or empty, it is the only one. A malformed
 * value stops the start with an error naming the variable, never a silent single instance.
 */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.REDIS_URL
  if (value === undefined || value.trim() === '') return undefined
  const parsed = redisUrl.safeParse(value)
  if (!parsed.success) throw new ConfigError('REDIS_URL', `${parsed.error.issues[0]?.message ?? 'invalid'} (e.g. redis://127.0.0.1:6379)`)
  return parsed.data
}

const databaseUrl = z
  .string()
  .trim()
  .refine((u) => /^postgres(ql)?:\/\/[^/]/.test(u) && URL.canParse(u), 'must start with postgres:// or postgresql:// and name a host')

/**
 * `DATABASE_URL`: set, everything is stored in this PostgreSQL database (issue 19) instead
 * of the data folder's SQLite file; unset or empty, SQLite. A malformed value stops the
 * start (and the CLI) with an error naming the variable.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.DATABASE_URL
  if (value === undefined || value.trim() === '') return undefined
  const parsed = databaseUrl.safeParse(value)
  if (!parsed.success) {
    throw new ConfigError('DATABASE_URL', `${parsed.error.issues[0]?.message ?? 'invalid'} (e.g. postgres://perspektiv:secret@127.0.0.1:5432/perspektiv)`)
  }
  return parsed.data
}
