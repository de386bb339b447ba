// SRV-ST14 / DOC-S6: documents stored before their template gained a section (the
// closing sentence `avslutning`) are upgraded once by the server, drafts only.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta, type DocumentStatus, type Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { createDocumentYDoc, initialDocument, sectionAttrs, sectionNodes, yDocToJSON } from '@perspektiv/document'
import { openDatabase, SqliteDocumentStore, UserStore } from '@perspektiv/server'
import { api, connect, connected, loadFromDisk, seedUsers, signIn, startTestServer, tempDataDir, type TestServer } from './harness.js'

const template = loadTemplates().get('remissvar')!
const older: Template = { ...template, sections: template.sections.filter((s) => s.key !== 'avslutning') }
const templateKeys = template.sections.map((s) => s.key)

/** Writes a document as a server of the older template would have stored it. */
function storeOldDocument(dataDir: string, id: string, status: DocumentStatus): void {
  const db = openDatabase(dataDir)
  try {
    const store = new SqliteDocumentStore(db)
    const anna = new UserStore(db).byUsername('anna')!
    const json = initialDocument(older)
    json.content![0]!.content = [{ type: 'paragraph', content: [{ type: 'text', text: `Text i ${id}.` }] }]
    const ydoc = createDocumentYDoc(older, { ...emptyMeta(), title: `Dokument ${id}` }, json)
    store.createDocument(
      { id, templateId: 'remissvar', title: `Dokument ${id}`, dnr: '', createdBy: anna.id, createdAt: new Date().toISOString() },
      Y.encodeStateAsUpdate(ydoc),
      [{ userId: anna.id, role: 'author' }],
    )
    if (status !== 'utkast') store.setStatus(id, status)
  } finally {
    db.close()
  }
}

const keysOnDisk = (dataDir: string, id: string) => sectionNodes(yDocToJSON(loadFromDisk(dataDir, id))).map((n) => sectionAttrs(n).key)

let server: TestServer | undefined
let data: ReturnType<typeof tempDataDir> | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
  data?.remove()
})

describe('SRV-ST14 one-time upgrade of stored documents to their template', () => {
  it('a draft stored without the closing section gets it once, audited; an approved document is left as approved', async () => {
    data = tempDataDir()
    await seedUsers(data.dir, ['anna'])
    storeOldDocument(data.dir, 'draft1', 'utkast')
    storeOldDocument(data.dir, 'approved1', 'godkand')
    expect(keysOnDisk(data.dir, 'draft1')).not.toContain('avslutning')

    server = await startTestServer(data.dir)
    const token = await signIn(server.url, 'anna')
    // What a user sees: the editor's stock client gets every template section, in order, text kept.
    const client = connect(server.wsUrl, 'draft1', token)
    await connected(client)
    const json = yDocToJSON(client.doc)
    expect(sectionNodes(json).map((n) => sectionAttrs(n).key)).toEqual(templateKeys)
    expect(JSON.stringify(json)).toContain('Text i draft1.')
    client.destroy()
    // The draft exports again (it was refused: "sections do not match its template").
    expect((await api(server.url, 'GET', '/api/documents/draft1/export?format=md', { token })).status).toBe(200)
    const audit = await api(server.url, 'GET', '/api/documents/draft1/audit', { token })
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'template.upgraded')).toEqual([
      expect.objectContaining({ actor: null, details: { sections: ['avslutning'], titles: [template.sections.find((s) => s.key === 'avslutning')!.title] } }),
    ])
    // Approved text is what its approvers saw: unchanged, and it still exports.
    expect(keysOnDisk(data.dir, 'approved1')).not.toContain('avslutning')
    expect((await api(server.url, 'GET', '/api/documents/approved1/export?format=md', { token })).status).toBe(200)

    // A second start does not add another closing section or another audit entry.
    await server.close()
    server = await startTestServer(data.dir)
    expect(keysOnDisk(data.dir, 'draft1').filter((k) => k === 'avslutning')).toHaveLength(1)
    const again = await api(server.url, 'GET', '/api/documents/draft1/audit', { token: await signIn(server.url, 'anna') })
    expect(again.body.entries.filter((e: { action: string }) => e.action === 'template.upgraded')).toHaveLength(1)
  })
})
