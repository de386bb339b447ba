import type { ApiToken } from '@perspektiv/model'
import { randomBytes } from 'node:crypto'
import { API_TOKEN_PREFIX, type ApiTokenStore } from '../apiTokens.js'
import { hashToken } from '../sessions.js'
import { num, type Promisified, type Queryable } from './queryable.js'

interface Row {
  public_id: string
  name: string
  created_at: string | number
  expires_at: string | number
  last_seen_at: string | number
}

const toInfo = (r: Row): ApiToken => ({
  id: r.public_id,
  name: r.name,
  createdAt: new Date(num(r.created_at)).toISOString(),
  expiresAt: new Date(num(r.expires_at)).toISOString(),
  lastUsedAt: new Date(num(r.last_seen_at)).toISOString(),
})

/** Personal API tokens in PostgreSQL: sessions of kind 'api' (SRV-ST11), as in SQLite. */
export class PgApiTokens implements Promisified<ApiTokenStore> {
  constructor(private readonly db: Queryable) {}

  async create(userId: number, name: string, expiresAt: number, now = Date.now()): Promise<{ token: string; info: ApiToken; tokenHash: string }> {
    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url')
    const publicId = randomBytes(9).toString('base64url')
    const tokenHash = hashToken(token)
    await this.db.query(
      "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, kind, name, public_id) VALUES ($1, $2, $3, $3, $4, 'api', $5, $6)",
      [tokenHash, userId, now, expiresAt, name, publicId],
    )
    return { token, tokenHash, info: toInfo({ public_id: publicId, name, created_at: now, expires_at: expiresAt, last_seen_at: now }) }
  }

  async list(userId: number, now = Date.now()): Promise<ApiToken[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT public_id, name, created_at, expires_at, last_seen_at FROM sessions
       WHERE user_id = $1 AND kind = 'api' AND expires_at > $2 ORDER BY created_at DESC, name COLLATE "C"`,
      [userId, now],
    )
    return rows.map(toInfo)
  }

  async isApiToken(tokenHash: string): Promise<boolean> {
    return (await this.db.query("SELECT 1 FROM sessions WHERE token_hash = $1 AND kind = 'api'", [tokenHash])).rows.length > 0
  }

  async revoke(userId: number, id: string): Promise<string | undefined> {
    // One statement: the token is either the user's and gone, or untouched.
    const { rows } = await this.db.query<{ token_hash: string }>(
      "DELETE FROM sessions WHERE user_id = $1 AND public_id = $2 AND kind = 'api' RETURNING token_hash",
      [userId, id],
    )
    return rows[0]?.token_hash
  }
}
