import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { validateStructure, yDocToJSON } from '@perspektiv/document'
import { DEMO_USERS, seedDemo } from './demo.js'
import { openDatabase } from './storage/db.js'
import { SqliteDocumentStore } from './storage/documentStore.js'
import { UserStore } from './storage/users.js'

it('seeds the demo users and one partly covered remissvar, only on an empty database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-demo-'))
  const db = openDatabase(dir)
  try {
    const templates = loadTemplates()
    const users = new UserStore(db)
    const store = new SqliteDocumentStore(db)
    expect(await seedDemo(users, store, templates)).toBe(true)
    expect(await seedDemo(users, store, templates)).toBe(false)
    expect(
      users
        .list()
        .map((u) => u.username)
        .sort(),
    ).toEqual(DEMO_USERS.map((u) => u.username).sort())
    const [doc] = store.listDocumentsForUser(users.byUsername('linn')!.id)
    expect(doc).toMatchObject({ role: 'reader', dnr: 'EÅV 2026/112' })
    expect(
      store
        .members(doc!.id)
        .map((m) => m.role)
        .sort(),
    ).toEqual(['approver', 'approver', 'author', 'author', 'reader', 'reviewer'])
    const statuses = Object.values(doc!.coverage!.perspectives)
    expect(statuses.filter((s) => s === 'covered' || s === 'not-relevant').length).toBeGreaterThanOrEqual(2)
    expect(statuses.filter((s) => s === 'incomplete' || s === 'missing').length).toBeGreaterThanOrEqual(2)
    const ydoc = new Y.Doc()
    Y.applyUpdate(ydoc, store.loadRoom(doc!.id, 'content').snapshot!)
    expect(validateStructure(yDocToJSON(ydoc), templates.get('remissvar')!).valid).toBe(true)
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
