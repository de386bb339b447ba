import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { initialDocument, writeContent } from '@perspektiv/document'
import { writeLegacyMeta } from '../../../../packages/document/src/testing/legacyMeta.js'
import { SqliteServerTasks } from '../storage/serverTasks.js'
import { encodeUpdate } from '../sync/protocol.js'
import { documentOnDisk, quietRooms, recordingPeer } from '../sync/registry.testSupport.js'
import { upgradeHeaderTextOfStored } from './headerText.js'

const templates = loadTemplates()
const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

it('SRV-ST44 / SRV-S6: typing in a title the upgrade made a Y.Text reaches the documents row on the 2 s path', async () => {
  const { db, store, author } = await documentOnDisk(cleanup, 'header-upgrade', templates.get('remissvar')!, 'Ny')
  // A document stored before DOC-D8: its header set whole, as plain strings.
  const old = new Y.Doc()
  old.transact(() => {
    writeContent(old, initialDocument(templates.get('remissvar')!))
    writeLegacyMeta(old, { ...emptyMeta('Avlastning'), handlaggare: { name: 'Anna', phone: '' } })
  })
  store.createDocument(
    { id: 'gammal', templateId: 'remissvar', title: 'Avlastning', dnr: '', createdBy: author.id, createdAt: new Date().toISOString() },
    Y.encodeStateAsUpdate(old),
    [{ userId: author.id, role: 'author' }],
  )
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
  const send = (edit: () => void) => {
    const updates: Uint8Array[] = []
    const keep = (u: Uint8Array) => void updates.push(u)
    client.on('update', keep)
    edit()
    client.off('update', keep)
    for (const u of updates) room.receive(connection, encodeUpdate(u))
  }
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
