import type { PublicUser } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'
import { hashPassword } from './password.js'

export interface UserRecord extends PublicUser {
  id: number
  passwordHash: string
  /** For notification e-mail ('' = none). Never sent to other users. */
  email: string
}

interface UserRow {
  id: number
  username: string
  name: string
  title: string
  admin: number
  password_hash: string
  email: string | null
}

const toRecord = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  title: r.title,
  admin: r.admin === 1,
  passwordHash: r.password_hash,
  email: r.email ?? '',
})

export const toPublicUser = (u: UserRecord | PublicUser): PublicUser => ({
  username: u.username,
  name: u.name,
  title: u.title,
  admin: u.admin,
})

export class UserExistsError extends Error {}

/** Accounts, in SQLite. Usernames are unique case-insensitively. */
export class UserStore {
  private readonly sql: (sql: string) => Database.Statement

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  async add(input: { username: string; name: string; title?: string; admin?: boolean; password: string; email?: string }): Promise<UserRecord> {
    if (this.byUsername(input.username)) throw new UserExistsError(`user "${input.username}" already exists`)
    const hash = await hashPassword(input.password)
    let info: Database.RunResult
    try {
      info = this.sql('INSERT INTO users (username, name, title, admin, password_hash, created_at, email) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        input.username,
        input.name,
        input.title ?? '',
        input.admin ? 1 : 0,
        hash,
        new Date().toISOString(),
        input.email ?? '',
      )
    } catch (err) {
      // Another add of the same name finished while this one was hashing (SRV-ST16).
      if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UserExistsError(`user "${input.username}" already exists`)
      throw err
    }
    return this.byId(Number(info.lastInsertRowid))!
  }

  /** Sets where notification e-mail goes ('' = none). */
  setEmail(id: number, email: string): void {
    this.sql('UPDATE users SET email = ? WHERE id = ?').run(email, id)
  }

  byId(id: number): UserRecord | undefined {
    const row = this.sql('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
    return row && toRecord(row)
  }

  byUsername(username: string): UserRecord | undefined {
    const row = this.sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
    return row && toRecord(row)
  }

  list(): UserRecord[] {
    return (this.sql('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toRecord)
  }

  /** Colleagues whose username, name or title contains `query` (for adding members). */
  search(query: string, limit = 20): UserRecord[] {
    const like = `%${query.replace(/[\\%_]/g, (m) => '\\' + m)}%`
    return (
      this.sql(
        "SELECT * FROM users WHERE username LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' ORDER BY name, username LIMIT ?",
      ).all(like, like, like, limit) as UserRow[]
    ).map(toRecord)
  }

  count(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n
  }
}
