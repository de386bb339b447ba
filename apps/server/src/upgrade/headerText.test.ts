import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { initialDocument, writeContent } from '@perspektiv/document'
import { writeLegacyMeta } from '../../../../packages/document/src/testing/legacyMeta.js'
import { SqliteServerTasks } from '../storage/serverTasks.js'
import { documentOnDisk, quietRooms, recordingPeer, sendsEdits } from '../sync/registry.testSupport.js'
import { upgradeHeaderTextOfStored } from './headerText.js'

const templates = loadTemplates()
const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

type Store = Awaited<ReturnType<typeof documentOnDisk>>['store']

/** Stores a document as a server before DOC-D8 did: its header set whole, as plain values. */
function storeOld(store: Store, authorId: number, id: string, meta: Record<string, unknown>): void {
  const old = new Y.Doc()
  old.transact(() => {
    writeContent(old, initialDocument(templates.get('remissvar')!))
    writeLegacyMeta(old, meta)
  })
  store.createDocument(
    { id, templateId: 'remissvar', title: String(meta.title), dnr: '', createdBy: authorId, createdAt: new Date().toISOString() },
    Y.encodeStateAsUpdate(old),
    [{ userId: authorId, role: 'author' }],
  )
}

it('SRV-ST44 / SRV-S6: typing in a title the upgrade made a Y.Text reaches the documents row on the 2 s path', async () => {
  const { db, store, author } = await documentOnDisk(cleanup, 'header-upgrade', templates.get('remissvar')!, 'Ny')
  storeOld(store, author.id, 'gammal', { ...emptyMeta('Avlastning'), handlaggare: { name: 'Anna', phone: '' } })
  const result = await upgradeHeaderTextOfStored(store, new SqliteServerTasks(db))
  expect(result.upgraded).toContainEqual({ documentId: 'gammal', fields: expect.arrayContaining(['title', 'handlaggare']) })

  // The room loads after the upgrade (as at a server start): its header items include the converted fields.
  const rooms = quietRooms(cleanup, store, templates, null)
  const record = (await store.getDocument('gammal'))!
  const live = await rooms.open(record)
  const { connection } = recordingPeer(record.id, { userId: author.id, username: 'anna' })
  const room = rooms.join(live, 'content', connection)
  const client = new Y.Doc()
  Y.applyUpdate(client, live.content.state.stateAsUpdate())
  const send = sendsEdits(client, room, connection)
  // A keystroke in the body (the first paragraph, empty in a new document): the slow path.
  const paragraph = [...client.getXmlFragment('default').createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph')][0] as Y.XmlElement
  send(() => paragraph.insert(0, [new Y.XmlText('Inledning.')]))
  await rooms.flush()
  expect(live.summaryDue - Date.now()).toBeGreaterThan(50_000)
  const title = client.getMap('meta').get('title')
  expect(title).toBeInstanceOf(Y.Text)
  // A keystroke, not a whole value set on `meta`: only the room's header items tell it is a header edit.
  send(() => (title as Y.Text).insert((title as Y.Text).length, ' i Ålsta'))
  await rooms.flush()
  expect(live.summaryDue - Date.now()).toBeLessThanOrEqual(2_000)
})

it('SRV-ST44: a field of another type is left as stored and logged; the document’s other fields are converted and audited', async () => {
  const { db, store, author } = await documentOnDisk(cleanup, 'header-upgrade', templates.get('remissvar')!, 'Ny')
  storeOld(store, author.id, 'konstig', { title: 'Avlastning', dnr: 2026, handlaggare: ['Anna'] })
  const logged: Array<[string, Record<string, unknown>]> = []
  const result = await upgradeHeaderTextOfStored(store, new SqliteServerTasks(db), (event, details) => void logged.push([event, details]))
  expect(result.upgraded).toEqual([{ documentId: 'konstig', fields: ['title'] }])
  expect(result.skipped).toEqual([{ documentId: 'konstig', reason: 'fields of another type left as they are: dnr, handlaggare' }])
  expect(logged).toEqual([['header text upgrade', { upgraded: result.upgraded, skipped: result.skipped }]])
  const stored = store.loadRoom('konstig', 'content')
  const doc = new Y.Doc()
  for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(doc, part)
  expect(doc.getMap('meta').get('dnr')).toBe(2026)
  expect(doc.getMap('meta').toJSON()).toStrictEqual({ title: 'Avlastning', dnr: 2026, handlaggare: ['Anna'] })
  expect(store.auditLog('konstig').filter((e) => e.action === 'meta.upgraded')).toEqual([expect.objectContaining({ details: { fields: ['title'] } })])
})
