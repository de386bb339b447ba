import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from './db.js'
import { MIGRATIONS } from './migrations.js'
import { hashPassword, verifyPassword } from './password.js'
import { SessionStore, hashToken } from './sessions.js'
import { UserStore } from './users.js'

const dirs: string[] = []
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'perspektiv-storage-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('storage', () => {
  it('SRV-ST9: migrates once, records the versions and uses WAL', () => {
    const dir = dataDir()
    openDatabase(dir).close()
    const db = openDatabase(dir)
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('SRV-ST9: refuses a database from a newer server', () => {
    const dir = dataDir()
    const db = openDatabase(dir)
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '')").run()
    db.close()
    expect(() => openDatabase(dir)).toThrow(/newer than this server/)
  })

  it('hashes passwords with a per-user salt and verifies them', async () => {
    const a = await hashPassword('lösenord')
    const b = await hashPassword('lösenord')
    expect(a).not.toBe(b)
    expect(await verifyPassword('lösenord', a)).toBe(true)
    expect(await verifyPassword('Lösenord', a)).toBe(false)
    expect(await verifyPassword('lösenord', 'garbage')).toBe(false)
  })

  it('SRV-ST8: stores only the hash of session tokens, and sessions expire when idle', async () => {
    const db = openDatabase(dataDir())
    const user = await new UserStore(db).add({ username: 'kim', name: 'Kim', password: 'x' })
    const sessions = new SessionStore(db, 1000)
    const { token } = sessions.create(user.id, 0)
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(token)
    expect(sessions.resolve(token, 500)?.userId).toBe(user.id)
    expect(sessions.resolve(token, 1000)).toBeUndefined()
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?').get(hashToken(token))).toEqual({ n: 0 })
    db.close()
  })
})
