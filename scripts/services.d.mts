// Types for scripts/services.mjs (a plain Node script like provision.mjs).
export interface PostgresServer {
  url: string
  urlOf(database: string): string
  createDatabase(name: string): string
  start(): Promise<void>
  stop(signal?: NodeJS.Signals): Promise<void>
}
export interface RedisServer {
  url: string
  start(): Promise<void>
  stop(signal?: NodeJS.Signals): Promise<void>
}
export function servicesMissing(): string | undefined
export function freePort(): Promise<number>
export function startPostgres(options: { dir: string; port: number }): Promise<PostgresServer>
export function startRedis(options: { dir: string; port: number }): Promise<RedisServer>
export function startServices(options?: {
  pgPort?: number
  redisPort?: number
}): Promise<{ postgres: PostgresServer; redis: RedisServer; stop(): Promise<void> }>
