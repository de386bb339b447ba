// SRV-ST44 / DOC-D9: header fields of documents stored before they were shared types (DOC-D8)
// are converted once by the server, drafts and documents in review only.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta, type DocumentStatus } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { initialDocument, replaceText, writeContent } from '@perspektiv/document'
import { openDatabase, SqliteDocumentStore, UserStore } from '@perspektiv/server'
import { writeLegacyMeta } from '../../packages/document/src/testing/legacyMeta.js'
import { api, connect, connected, loadFromDisk, rows, seedUsers, signIn, startTestServer, tempDataDir, waitFor, type TestServer } from './harness.js'

const template = loadTemplates().get('remissvar')!

/** A header as a document made before DOC-D8 held it, with what a long-lived one may hold. */
const oldMeta = (id: string) => ({
  ...emptyMeta(`Svar på remiss ${id} 🧾`),
  dnr: 'KS 2025/936',
  namnd: 'Kommunstyrelsen',
  meetingDate: '2026-01-20',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  signatories: [{ name: 'Daniel Lauridsen', title: 'Stadsdelsdirektör', forvaltning: '' }, { name: 'Bo 👩‍👩‍👧' }],
})

/** Writes a document as a server before DOC-D8 stored it: content, and the header set whole (the old writeMeta). */
function storeOldDocument(dataDir: string, id: string, status: DocumentStatus): void {
  const db = openDatabase(dataDir)
  try {
    const store = new SqliteDocumentStore(db)
    const anna = new UserStore(db).byUsername('anna')!
    const ydoc = new Y.Doc()
    ydoc.transact(() => {
      writeContent(ydoc, initialDocument(template))
      writeLegacyMeta(ydoc, oldMeta(id))
    })
    store.createDocument(
      { id, templateId: 'remissvar', title: oldMeta(id).title, dnr: 'KS 2025/936', createdBy: anna.id, createdAt: new Date().toISOString() },
      Y.encodeStateAsUpdate(ydoc),
      [{ userId: anna.id, role: 'author' }],
    )
    if (status !== 'utkast') store.setStatus(id, status)
  } finally {
    db.close()
  }
}

/** Everything stored for a document's content room, byte for byte. */
const storedRows = (dir: string, id: string) => ({
  snapshots: rows(dir, "SELECT hex(data) AS data FROM snapshots WHERE document_id = ? AND room = 'content'", id),
  updates: rows(dir, "SELECT id, hex(data) AS data FROM doc_updates WHERE document_id = ? AND room = 'content' ORDER BY id", id),
})
const metaOnDisk = (dir: string, id: string) => loadFromDisk(dir, id).getMap<unknown>('meta')
const upgradeEntries = async (url: string, token: string, id: string) =>
  (await api(url, 'GET', `/api/documents/${id}/audit`, { token })).body.entries.filter((e: { action: string }) => e.action === 'meta.upgraded')

let server: TestServer | undefined
let data: ReturnType<typeof tempDataDir> | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
  data?.remove()
})

describe('SRV-ST44 one-time upgrade of header fields stored as plain values', () => {
  it('drafts and documents in review get shared types with the same JSON, once, audited; approved and unreadable ones are left as stored', async () => {
    data = tempDataDir()
    await seedUsers(data.dir, ['anna'])
    for (const [id, status] of [
      ['draft1', 'utkast'],
      ['review1', 'granskning'],
      ['approved1', 'godkand'],
      ['broken1', 'utkast'],
    ] as const)
      storeOldDocument(data.dir, id, status)
    // A damaged log row (SRV-ST5): loading the room fails; it must never load, or be stored, as a blank header.
    const db = openDatabase(data.dir)
    db.prepare("INSERT INTO doc_updates (document_id, room, data, created_at) VALUES ('broken1', 'content', ?, 0)").run(
      Buffer.from([0xff, 0x13, 0x37, 0, 0x42]),
    )
    db.close()
    expect(metaOnDisk(data.dir, 'draft1').get('title')).toBe(oldMeta('draft1').title)
    const before = Object.fromEntries(['draft1', 'review1', 'approved1', 'broken1'].map((id) => [id, storedRows(data!.dir, id)]))

    server = await startTestServer(data.dir)
    const token = await signIn(server.url, 'anna')
    for (const id of ['draft1', 'review1']) {
      const meta = metaOnDisk(data.dir, id)
      for (const key of ['title', 'subtitle', 'dnr', 'namnd', 'forvaltning', 'avdelning']) expect(meta.get(key), `${id} ${key}`).toBeInstanceOf(Y.Text)
      expect(meta.get('handlaggare')).toBeInstanceOf(Y.Map)
      expect(meta.get('signatories')).toBeInstanceOf(Y.Array)
      expect(meta.get('meetingDate')).toBe('2026-01-20')
      expect(meta.toJSON()).toStrictEqual(oldMeta(id))
      // One update appended to the log; what was stored before is untouched.
      const now = storedRows(data.dir, id)
      expect(now.snapshots).toEqual(before[id]!.snapshots)
      expect(now.updates.slice(0, before[id]!.updates.length)).toEqual(before[id]!.updates)
      expect(now.updates).toHaveLength(before[id]!.updates.length + 1)
      expect(await upgradeEntries(server.url, token, id)).toEqual([
        expect.objectContaining({
          actor: null,
          details: { fields: ['title', 'subtitle', 'dnr', 'namnd', 'forvaltning', 'avdelning', 'handlaggare', 'signatories'] },
        }),
      ])
    }
    // Approved: its header is what was approved, plain strings as stored.
    expect(storedRows(data.dir, 'approved1')).toEqual(before.approved1)
    expect(metaOnDisk(data.dir, 'approved1').get('title')).toBe(oldMeta('approved1').title)
    expect(await upgradeEntries(server.url, token, 'approved1')).toEqual([])
    // Unreadable: skipped, byte for byte as stored, and still refused rather than served blank.
    expect(storedRows(data.dir, 'broken1')).toEqual(before.broken1)
    expect(await upgradeEntries(server.url, token, 'broken1')).toEqual([])
    const broken = connect(server.wsUrl, 'broken1', token)
    await expect(connected(broken, 1_500)).rejects.toThrow(/timed out/)
    broken.destroy()

    // A second start reads nothing and writes nothing: not even a document stored the old way
    // since (e.g. restored from a backup) is converted, the task is done.
    const after = storedRows(data.dir, 'draft1')
    await server.close()
    storeOldDocument(data.dir, 'late1', 'utkast')
    const late = storedRows(data.dir, 'late1')
    server = await startTestServer(data.dir)
    expect(storedRows(data.dir, 'draft1')).toEqual(after)
    expect(storedRows(data.dir, 'late1')).toEqual(late)
    expect(await upgradeEntries(server.url, await signIn(server.url, 'anna'), 'draft1')).toHaveLength(1)
  })

  it('two stock y-websocket clients typing at once in an upgraded title both keep their letters', async () => {
    data = tempDataDir()
    await seedUsers(data.dir, ['anna'])
    storeOldDocument(data.dir, 'draft1', 'utkast')
    server = await startTestServer(data.dir)
    const token = await signIn(server.url, 'anna')
    const a = connect(server.wsUrl, 'draft1', token)
    const b = connect(server.wsUrl, 'draft1', token)
    try {
      await Promise.all([connected(a), connected(b)])
      const old = oldMeta('draft1').title
      // As the header form writes: into the field's Y.Text when it has one, else the whole value.
      const type = (doc: Y.Doc, next: string, caret: number) => {
        const field = doc.getMap<unknown>('meta').get('title')
        if (field instanceof Y.Text) replaceText(field, next, caret)
        else doc.getMap<unknown>('meta').set('title', next)
      }
      // In one tick: neither client has seen the other's edit when making its own.
      type(a.doc, `Nytt: ${old}`, 6)
      type(b.doc, `${old} (KS)`, old.length + 5)
      const title = (doc: Y.Doc) => String(doc.getMap<unknown>('meta').toJSON().title)
      await waitFor(() => title(a.doc) === title(b.doc) && title(a.doc) !== old && title(a.doc).length >= old.length + 6, 5_000, 'clients in sync')
      expect(title(a.doc)).toBe(`Nytt: ${old} (KS)`)
    } finally {
      a.destroy()
      b.destroy()
    }
  })
})
