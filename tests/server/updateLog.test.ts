/**
 * The update-log contract (updateLogContract.ts) against SQLite, plus what only SQLite
 * can get wrong: a value of another type in a BLOB column.
 */
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase, readStoredState, SqliteUpdateLog, type Db, type UpdateLog } from '@perspektiv/server'
import { tempDataDir } from './harness.js'
import { updateLogContract, type UpdateLogFixture } from './updateLogContract.js'

function sqliteFixture(): UpdateLogFixture<UpdateLog> & { db: Db } {
  const data = tempDataDir()
  const connections: Db[] = [openDatabase(data.dir)]
  const db = connections[0]!
  return {
    db,
    log: new SqliteUpdateLog(db),
    addDocument(id) {
      db.prepare("INSERT INTO documents (id, template_id, title, created_at, updated_at) VALUES (?, 'remissvar', 'Kontrakt', '', '')").run(id)
    },
    damage(documentId, room, where, bytes) {
      const value = Buffer.from(bytes)
      if (where === 'snapshot') db.prepare('UPDATE snapshots SET data = ? WHERE document_id = ? AND room = ?').run(value, documentId, room)
      else {
        const first = db.prepare('SELECT MIN(id) AS id FROM doc_updates WHERE document_id = ? AND room = ?').get(documentId, room) as { id: number | null }
        if (first.id === null) db.prepare('INSERT INTO doc_updates (document_id, room, data, created_at) VALUES (?, ?, ?, 0)').run(documentId, room, value)
        else db.prepare('UPDATE doc_updates SET data = ? WHERE id = ?').run(value, first.id)
      }
    },
    reopen() {
      const again = openDatabase(data.dir)
      connections.push(again)
      return new SqliteUpdateLog(again)
    },
    disconnect() {
      db.close()
    },
    close() {
      for (const c of connections) if (c.open) c.close()
      data.remove()
    },
  }
}

updateLogContract('SQLite', sqliteFixture)

it('SRV-ST5 (SQLite): a TEXT value in a BLOB column fails the load instead of reading as zero bytes', () => {
  const f = sqliteFixture()
  try {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'Kvar.')
    for (const where of ['snapshots', 'doc_updates']) {
      const id = `text-in-${where}`
      f.addDocument(id)
      f.log.compactRoom(id, 'review', Y.encodeStateAsUpdate(doc))
      f.log.appendUpdates([{ documentId: id, room: 'review', data: Y.encodeStateAsUpdate(doc) }])
      f.db.prepare(`UPDATE ${where} SET data = 'inte binärt' WHERE document_id = ?`).run(id)
      expect(() => f.log.loadRoom(id, 'review'), where).toThrow(/is not binary data \(string\)/)
      expect(() => readStoredState(f.log, id, 'review'), where).toThrow(/cannot read stored review state/)
    }
  } finally {
    f.close()
  }
})
