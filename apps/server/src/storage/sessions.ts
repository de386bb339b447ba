import { createHash, randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'

export interface Session {
  tokenHash: string
  userId: number
  expiresAt: number
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

/**
 * Sign-in sessions. The token (32 random bytes) is given to the client once; only its
 * sha256 is stored, so a copy of the database grants no access. Sessions expire after
 * `idleMs` without use.
 */
export class SessionStore {
  // Touching last_seen on every request would be a write per request; once a minute is enough.
  private static readonly TOUCH_INTERVAL_MS = 60_000

  private readonly sql: (sql: string) => Database.Statement

  constructor(
    db: Db,
    private readonly idleMs: number,
  ) {
    this.sql = statementCache(db)
  }

  create(userId: number, now = Date.now()): { token: string; session: Session } {
    const token = randomBytes(32).toString('base64url')
    const session = { tokenHash: hashToken(token), userId, expiresAt: now + this.idleMs }
    this.sql('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      session.tokenHash,
      userId,
      now,
      now,
      session.expiresAt,
    )
    return { token, session }
  }

  /** The live session of `token`, extending its idle expiry; undefined when unknown or expired. */
  resolve(token: string, now = Date.now()): Session | undefined {
    const tokenHash = hashToken(token)
    const row = this.sql('SELECT token_hash, user_id, last_seen_at, expires_at, kind FROM sessions WHERE token_hash = ?').get(tokenHash) as
      | { token_hash: string; user_id: number; last_seen_at: number; expires_at: number; kind: string }
      | undefined
    if (!row) return undefined
    if (row.expires_at <= now) {
      this.sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash)
      return undefined
    }
    let expiresAt = row.expires_at
    if (now - row.last_seen_at > SessionStore.TOUCH_INTERVAL_MS) {
      // API tokens (kind 'api') keep the expiry they were created with.
      if (row.kind === 'browser') expiresAt = now + this.idleMs
      this.sql('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(now, expiresAt, tokenHash)
    }
    return { tokenHash, userId: row.user_id, expiresAt }
  }

  /** Is the session of this token hash still valid (no side effects)? */
  isLive(tokenHash: string, now = Date.now()): boolean {
    const row = this.sql('SELECT expires_at FROM sessions WHERE token_hash = ?').get(tokenHash) as { expires_at: number } | undefined
    return row !== undefined && row.expires_at > now
  }

  /** Extends a live session's idle expiry (used by open sockets, which make no HTTP requests). */
  touch(tokenHash: string, now = Date.now()): void {
    this.sql("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ? AND expires_at > ? AND kind = 'browser'").run(
      now,
      now + this.idleMs,
      tokenHash,
      now,
    )
  }

  /** Token hashes of a user's live sessions (`kind` omitted = browser sessions and API tokens). */
  hashesOfUser(userId: number, kind?: 'browser' | 'api'): string[] {
    const rows = (
      kind
        ? this.sql('SELECT token_hash FROM sessions WHERE user_id = ? AND kind = ?').all(userId, kind)
        : this.sql('SELECT token_hash FROM sessions WHERE user_id = ?').all(userId)
    ) as Array<{ token_hash: string }>
    return rows.map((r) => r.token_hash)
  }

  delete(tokenHash: string): void {
    this.sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash)
  }

  deleteExpired(now = Date.now()): number {
    return this.sql('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes
  }
}
