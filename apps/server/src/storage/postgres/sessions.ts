import { randomBytes } from 'node:crypto'
import { hashToken, type Session, type SessionStore } from '../sessions.js'
import { num, type Promisified, type Queryable } from './queryable.js'

/** Same rule as SQLite's: last_seen is written at most once a minute per session. */
const TOUCH_INTERVAL_MS = 60_000

/** Sign-in sessions in PostgreSQL (only the token's sha256 is stored, SRV-ST8). */
export class PgSessions implements Promisified<SessionStore> {
  constructor(
    private readonly db: Queryable,
    private readonly idleMs: number,
  ) {}

  async create(userId: number, now = Date.now()): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url')
    const session = { tokenHash: hashToken(token), userId, expiresAt: now + this.idleMs }
    await this.db.query('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)', [
      session.tokenHash,
      userId,
      now,
      session.expiresAt,
    ])
    return { token, session }
  }

  async resolve(token: string, now = Date.now()): Promise<Session | undefined> {
    const tokenHash = hashToken(token)
    const { rows } = await this.db.query<{ user_id: string; last_seen_at: string; expires_at: string; kind: string }>(
      'SELECT user_id, last_seen_at, expires_at, kind FROM sessions WHERE token_hash = $1',
      [tokenHash],
    )
    const row = rows[0]
    if (!row) return undefined
    let expiresAt = num(row.expires_at)
    if (expiresAt <= now) {
      await this.delete(tokenHash)
      return undefined
    }
    if (now - num(row.last_seen_at) > TOUCH_INTERVAL_MS) {
      // API tokens (kind 'api') keep the expiry they were created with.
      if (row.kind === 'browser') expiresAt = now + this.idleMs
      await this.db.query('UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3', [now, expiresAt, tokenHash])
    }
    return { tokenHash, userId: num(row.user_id), expiresAt }
  }

  async isLive(tokenHash: string, now = Date.now()): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now])
    return rows.length > 0
  }

  async touch(tokenHash: string, now = Date.now()): Promise<void> {
    await this.db.query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3 AND expires_at > $1 AND kind = 'browser'", [
      now,
      now + this.idleMs,
      tokenHash,
    ])
  }

  async hashesOfUser(userId: number, kind?: 'browser' | 'api'): Promise<string[]> {
    const { rows } = await this.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR kind = $2)', [
      userId,
      kind ?? null,
    ])
    return rows.map((r) => r.token_hash)
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
  }

  async deleteExpired(now = Date.now()): Promise<number> {
    return (await this.db.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0
  }
}
