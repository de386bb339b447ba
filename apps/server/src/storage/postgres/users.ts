import { hashPassword } from '../password.js'
import { UserExistsError, type UserRecord, type UserStore } from '../users.js'
import { isUniqueViolation, num, type Promisified, type Queryable } from './queryable.js'

interface UserRow {
  id: string
  username: string
  name: string
  title: string
  admin: boolean
  password_hash: string
  email: string
}

const toRecord = (r: UserRow): UserRecord => ({
  id: num(r.id),
  username: r.username,
  name: r.name,
  title: r.title,
  admin: r.admin,
  passwordHash: r.password_hash,
  email: r.email,
})

/**
 * Accounts in PostgreSQL. Usernames are unique case-insensitively (the unique index on
 * lower(username)), as SQLite's NOCASE column makes them; orderings name COLLATE "C" so a
 * database created with another collation sorts as SQLite does (by code point).
 */
export class PgUsers implements Promisified<UserStore> {
  constructor(private readonly db: Queryable) {}

  async add(input: { username: string; name: string; title?: string; admin?: boolean; password: string; email?: string }): Promise<UserRecord> {
    const exists = () => new UserExistsError(`user "${input.username}" already exists`)
    if (await this.byUsername(input.username)) throw exists()
    const hash = await hashPassword(input.password)
    try {
      const { rows } = await this.db.query<UserRow>(
        'INSERT INTO users (username, name, title, admin, password_hash, created_at, email) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
        [input.username, input.name, input.title ?? '', input.admin ?? false, hash, new Date().toISOString(), input.email ?? ''],
      )
      return toRecord(rows[0]!)
    } catch (err) {
      // Another instance added the same name between the check and the insert.
      if (isUniqueViolation(err)) throw exists()
      throw err
    }
  }

  async setEmail(id: number, email: string): Promise<void> {
    await this.db.query('UPDATE users SET email = $1 WHERE id = $2', [email, id])
  }

  async byId(id: number): Promise<UserRecord | undefined> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id])
    return rows[0] && toRecord(rows[0])
  }

  async byUsername(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username])
    return rows[0] && toRecord(rows[0])
  }

  async list(): Promise<UserRecord[]> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM users ORDER BY lower(username) COLLATE "C", id')
    return rows.map(toRecord)
  }

  async search(query: string, limit = 20): Promise<UserRecord[]> {
    const like = `%${query.replace(/[\\%_]/g, (m) => '\\' + m)}%`
    const { rows } = await this.db.query<UserRow>(
      `SELECT * FROM users WHERE username ILIKE $1 OR name ILIKE $1 OR title ILIKE $1
       ORDER BY name COLLATE "C", username COLLATE "C" LIMIT $2`,
      [like, limit],
    )
    return rows.map(toRecord)
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM users')
    return num(rows[0]!.n)
  }
}
