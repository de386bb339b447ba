import type pg from 'pg'
import { NO_PASSWORD, type IdentityClaims, type IdentitySignIn, type IdentityStore } from '../identities.js'
import { inTransaction, num, type Promisified, type Queryable } from './queryable.js'

/** "anna" → "anna", or "anna2", "anna3", … when taken (case-insensitively, as usernames are unique). */
async function uniqueUsername(db: Queryable, base: string): Promise<string> {
  const { rows } = await db.query<{ username: string }>('SELECT lower(username) AS username FROM users WHERE left(lower(username), length($1)) = lower($1)', [
    base,
  ])
  const taken = new Set(rows.map((r) => r.username))
  if (!taken.has(base.toLowerCase())) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`.toLowerCase())) return `${base}${n}`
}

/**
 * Provider accounts in PostgreSQL: (issuer, subject) → user. A sign-in is one transaction on
 * one client (SRV-ST10): a refused or failed one leaves no account behind. The identity row
 * is locked (FOR UPDATE) so two instances signing the same person in update it one after
 * the other.
 */
export class PgIdentities implements Promisified<IdentityStore> {
  constructor(private readonly pool: pg.Pool) {}

  signIn(issuer: string, c: IdentityClaims, now = new Date()): Promise<IdentitySignIn> {
    const at = now.toISOString()
    return inTransaction(this.pool, async (db): Promise<IdentitySignIn> => {
      const { rows } = await db.query<{ user_id: string }>('SELECT user_id FROM oidc_identities WHERE issuer = $1 AND subject = $2 FOR UPDATE', [
        issuer,
        c.subject,
      ])
      if (rows[0]) {
        const userId = num(rows[0].user_id)
        await db.query('UPDATE oidc_identities SET sub = $1, disabled = $2, last_sign_in_at = $3 WHERE issuer = $4 AND subject = $5', [
          c.sub,
          !c.allowed,
          at,
          issuer,
          c.subject,
        ])
        if (!c.allowed) return { outcome: 'disabled', userId }
        await db.query('UPDATE users SET name = $1, title = $2, admin = $3 WHERE id = $4', [c.name, c.title, c.admin, userId])
        return { outcome: 'signed-in', userId, created: false }
      }
      if (!c.allowed) return { outcome: 'disabled' }
      const username = await uniqueUsername(db, c.usernameBase)
      const inserted = await db.query<{ id: string }>(
        'INSERT INTO users (username, name, title, admin, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [username, c.name, c.title, c.admin, NO_PASSWORD, at],
      )
      const userId = num(inserted.rows[0]!.id)
      await db.query(
        'INSERT INTO oidc_identities (issuer, subject, sub, user_id, disabled, created_at, last_sign_in_at) VALUES ($1, $2, $3, $4, false, $5, $5)',
        [issuer, c.subject, c.sub, userId, at],
      )
      return { outcome: 'signed-in', userId, created: true }
    })
  }

  async usersBySub(issuer: string, sub: string): Promise<number[]> {
    const { rows } = await this.pool.query<{ user_id: string }>('SELECT user_id FROM oidc_identities WHERE issuer = $1 AND sub = $2', [issuer, sub])
    return rows.map((r) => num(r.user_id))
  }

  async isDisabled(userId: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ disabled: boolean }>('SELECT disabled FROM oidc_identities WHERE user_id = $1', [userId])
    return rows[0]?.disabled === true
  }

  async linkSession(tokenHash: string, sid: string | undefined, idToken: string): Promise<void> {
    await this.pool.query('INSERT INTO oidc_sessions (token_hash, sid, id_token) VALUES ($1, $2, $3)', [tokenHash, sid ?? null, idToken])
  }

  async hashesBySid(sid: string): Promise<Array<{ tokenHash: string; userId: number }>> {
    const { rows } = await this.pool.query<{ token_hash: string; user_id: string }>(
      'SELECT o.token_hash, s.user_id FROM oidc_sessions o JOIN sessions s ON s.token_hash = o.token_hash WHERE o.sid = $1',
      [sid],
    )
    return rows.map((r) => ({ tokenHash: r.token_hash, userId: num(r.user_id) }))
  }

  async idTokenOf(tokenHash: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id_token: string }>('SELECT id_token FROM oidc_sessions WHERE token_hash = $1', [tokenHash])
    return rows[0]?.id_token
  }
}
