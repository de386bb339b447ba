import type { ApiToken } from '@perspektiv/model'
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'
import { hashToken } from './sessions.js'

interface Row {
  public_id: string
  name: string
  created_at: number
  expires_at: number
  last_seen_at: number
}

/** Marks the token so it is recognisable in a script or a leaked log ("pat" = personal access token). */
export const API_TOKEN_PREFIX = 'pat_'

const toInfo = (r: Row): ApiToken => ({
  id: r.public_id,
  name: r.name,
  createdAt: new Date(r.created_at).toISOString(),
  expiresAt: new Date(r.expires_at).toISOString(),
  lastUsedAt: new Date(r.last_seen_at).toISOString(),
})

/**
 * Personal API tokens: rows of kind 'api' in `sessions`, so Bearer authentication, sockets and
 * revocation treat them exactly like sign-in sessions. Only the sha256 is stored; the token
 * itself is shown once, at creation.
 */
export class ApiTokenStore {
  private readonly sql: (sql: string) => Database.Statement

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  create(userId: number, name: string, expiresAt: number, now = Date.now()): { token: string; info: ApiToken; tokenHash: string } {
    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url')
    const publicId = randomBytes(9).toString('base64url')
    const tokenHash = hashToken(token)
    this.sql("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, kind, name, public_id) VALUES (?, ?, ?, ?, ?, 'api', ?, ?)").run(
      tokenHash,
      userId,
      now,
      now,
      expiresAt,
      name,
      publicId,
    )
    return { token, tokenHash, info: toInfo({ public_id: publicId, name, created_at: now, expires_at: expiresAt, last_seen_at: now }) }
  }

  /** The user's unexpired tokens, newest first. */
  list(userId: number, now = Date.now()): ApiToken[] {
    return (
      this.sql(
        "SELECT public_id, name, created_at, expires_at, last_seen_at FROM sessions WHERE user_id = ? AND kind = 'api' AND expires_at > ? ORDER BY created_at DESC, name",
      ).all(userId, now) as Row[]
    ).map(toInfo)
  }

  isApiToken(tokenHash: string): boolean {
    return this.sql("SELECT 1 FROM sessions WHERE token_hash = ? AND kind = 'api'").get(tokenHash) !== undefined
  }

  /** Deletes the user's token `id`; its hash (to close its sockets), or undefined when it is not theirs. */
  revoke(userId: number, id: string): string | undefined {
    const row = this.sql("SELECT token_hash FROM sessions WHERE user_id = ? AND public_id = ? AND kind = 'api'").get(userId, id) as
      | { token_hash: string }
      | undefined
    if (!row) return undefined
    this.sql('DELETE FROM sessions WHERE token_hash = ?').run(row.token_hash)
    return row.token_hash
  }
}
