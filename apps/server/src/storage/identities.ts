import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'

/** Stored in users.password_hash for provider accounts: never a valid scrypt hash, so local sign-in always fails. */
export const NO_PASSWORD = '!oidc'

export interface IdentityClaims {
  subject: string
  sub: string
  name: string
  title: string
  usernameBase: string
  admin: boolean
  allowed: boolean
}

export type IdentitySignIn =
  | { outcome: 'signed-in'; userId: number; created: boolean }
  /** The provider no longer grants access: the account (if any) is marked disabled. */
  | { outcome: 'disabled'; userId?: number }

/**
 * Accounts that sign in through the OpenID provider: (issuer, subject) → user. The user row is
 * created on the first sign-in and its name, title and admin flag follow the claims on each one;
 * the username stays as first chosen (mentions and sharing refer to it).
 */
export class IdentityStore {
  private readonly sql: (sql: string) => Database.Statement
  private readonly signInTx: (issuer: string, c: IdentityClaims, now: string) => IdentitySignIn

  constructor(db: Db) {
    this.sql = statementCache(db)
    // One transaction: a failure leaves neither a user without identity nor a half-updated account.
    this.signInTx = db.transaction((issuer: string, c: IdentityClaims, now: string): IdentitySignIn => {
      const existing = this.sql('SELECT user_id FROM oidc_identities WHERE issuer = ? AND subject = ?').get(issuer, c.subject) as
        | { user_id: number }
        | undefined
      if (existing) {
        this.sql('UPDATE oidc_identities SET sub = ?, disabled = ?, last_sign_in_at = ? WHERE issuer = ? AND subject = ?').run(
          c.sub,
          c.allowed ? 0 : 1,
          now,
          issuer,
          c.subject,
        )
        if (!c.allowed) return { outcome: 'disabled', userId: existing.user_id }
        this.sql('UPDATE users SET name = ?, title = ?, admin = ? WHERE id = ?').run(c.name, c.title, c.admin ? 1 : 0, existing.user_id)
        return { outcome: 'signed-in', userId: existing.user_id, created: false }
      }
      if (!c.allowed) return { outcome: 'disabled' }
      const username = this.uniqueUsername(c.usernameBase)
      const info = this.sql('INSERT INTO users (username, name, title, admin, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        username,
        c.name,
        c.title,
        c.admin ? 1 : 0,
        NO_PASSWORD,
        now,
      )
      const userId = Number(info.lastInsertRowid)
      this.sql('INSERT INTO oidc_identities (issuer, subject, sub, user_id, disabled, created_at, last_sign_in_at) VALUES (?, ?, ?, ?, 0, ?, ?)').run(
        issuer,
        c.subject,
        c.sub,
        userId,
        now,
        now,
      )
      return { outcome: 'signed-in', userId, created: true }
    })
  }

  /** "anna" → "anna", or "anna2", "anna3", … when taken (case-insensitively, as usernames are unique). */
  private uniqueUsername(base: string): string {
    const taken = (u: string) => this.sql('SELECT 1 FROM users WHERE username = ?').get(u) !== undefined
    if (!taken(base)) return base
    for (let n = 2; ; n++) if (!taken(`${base}${n}`)) return `${base}${n}`
  }

  signIn(issuer: string, claims: IdentityClaims, now = new Date()): IdentitySignIn {
    return this.signInTx(issuer, claims, now.toISOString())
  }

  /** Users whose identity at `issuer` has this `sub` (what a logout token names). */
  usersBySub(issuer: string, sub: string): number[] {
    return (this.sql('SELECT user_id FROM oidc_identities WHERE issuer = ? AND sub = ?').all(issuer, sub) as Array<{ user_id: number }>).map((r) => r.user_id)
  }

  isDisabled(userId: number): boolean {
    const row = this.sql('SELECT disabled FROM oidc_identities WHERE user_id = ?').get(userId) as { disabled: number } | undefined
    return row?.disabled === 1
  }

  /** Links a browser session to the provider's session (`sid`) and keeps the ID token for RP-initiated logout. */
  linkSession(tokenHash: string, sid: string | undefined, idToken: string): void {
    this.sql('INSERT INTO oidc_sessions (token_hash, sid, id_token) VALUES (?, ?, ?)').run(tokenHash, sid ?? null, idToken)
  }

  /** Session token hashes of the provider session `sid` (optionally only of these users). */
  hashesBySid(sid: string): Array<{ tokenHash: string; userId: number }> {
    return (
      this.sql('SELECT o.token_hash, s.user_id FROM oidc_sessions o JOIN sessions s ON s.token_hash = o.token_hash WHERE o.sid = ?').all(sid) as Array<{
        token_hash: string
        user_id: number
      }>
    ).map((r) => ({ tokenHash: r.token_hash, userId: r.user_id }))
  }

  idTokenOf(tokenHash: string): string | undefined {
    return (this.sql('SELECT id_token FROM oidc_sessions WHERE token_hash = ?').get(tokenHash) as { id_token: string } | undefined)?.id_token
  }
}
