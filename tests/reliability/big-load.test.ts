/**
 * Issue 22.2, last clause: loading never blocks the event loop for long, whatever is
 * stored. A document stored far over today's quotas (6 MB of the smallest Yjs structs in
 * its content room, written straight into SQLite as an older server could have) is opened
 * with a stock y-websocket client. Its load runs on the state pool (SRV-S15): while it
 * loads, `/api/health` keeps answering and an edit in another document keeps reaching its
 * watcher — several times over, between the load starting (the server's own log, on this
 * thread: the server runs in-process) and the big document's socket opening (event order,
 * no clock). The big document then opens with all of its text; one whose stored state is
 * unreadable is refused with 503, never served blank.
 */
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { api, connected, execSql, rows, sectionText, typeInSection, upgradeStatus, waitFor } from './support.js'
import type { Client } from './support.js'
import { bigDocumentFixture, mergeIntoStoredContent } from './bigDocument.js'
import { smallestStructsOf } from './bigState.js'

const MB = 1024 * 1024
const events: string[] = []
/** The text of the pile stored into the big document. */
let pileLength = 0
const fx = bigDocumentFixture({
  users: ['anna', 'erik'],
  documents: {
    big: { title: 'Lagrat av en äldre server' },
    broken: { title: 'Stort och trasigt' },
    other: { title: 'Ett annat dokument', members: [['erik', 'author']] },
  },
  // What an older server without quotas could have stored: the skeleton, then 6 MB more.
  store: (dir, { big, broken }) => {
    const pile = smallestStructsOf(6 * MB)
    const probe = new Y.Doc()
    Y.applyUpdate(probe, pile)
    pileLength = probe.getText('pile').length
    mergeIntoStoredContent(dir, big, pile)
    // The same, with a log row Yjs refuses after it: only decoding all of it finds that.
    mergeIntoStoredContent(dir, broken, pile)
    execSql(
      dir,
      "INSERT INTO doc_updates (document_id, room, data, created_at) VALUES (?, 'content', ?, 0)",
      broken,
      Buffer.from([1, 1, 7, 0, 4, 0xff, 0xff, 0xff, 0xff, 0x0f]),
    )
  },
  server: {
    log: (event, details) => {
      if (event === 'document loading' && details.documentId === fx.ids.big) events.push('big load started')
    },
  },
})

it('SRV-S15: while a document stored far over the quotas loads, health and another document keep answering; it then opens whole', async () => {
  const { server } = fx
  const { anna, erik } = fx.tokens
  const { big, other } = fx.ids
  const [author, watcher] = (await fx.openConnected(server.wsUrl, other, [anna, erik])) as [Client, Client]

  const opener = fx.open(server.wsUrl, big, anna)
  let bigOpen = false
  opener.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && !bigOpen) {
      bigOpen = true
      events.push('big open')
    }
  })
  await waitFor(() => events.includes('big load started'), 60_000, 'the big load to start')
  // Round trips one after another until the big socket opens: each must wait for the last.
  let i = 0
  while (!bigOpen) {
    // Not kept alive: this thread also applies the big document for the test's client, and a
    // kept-alive connection the server times out meanwhile would fail the next request.
    const health = await fetch(`${server.url}/api/health`, { headers: { connection: 'close' } }).then(
      (r) => r.json().then((b: { ok?: boolean }) => b.ok === true),
      () => false,
    )
    if (bigOpen) break
    events.push(health ? 'health' : 'health failed')
    const text = `Runda ${++i}.`
    typeInSection(author.doc, 'sammanfattning', text)
    await waitFor(() => bigOpen || sectionText(watcher.doc, 'sammanfattning').endsWith(text), 60_000, 'an edit round trip')
    if (bigOpen) break
    events.push('edit arrived')
  }
  const during = events.slice(events.indexOf('big load started') + 1, events.indexOf('big open'))
  // A load on the main thread would let at most the one request already in flight through.
  expect(during.filter((e) => e === 'health').length).toBeGreaterThanOrEqual(3)
  expect(during.filter((e) => e === 'edit arrived').length).toBeGreaterThanOrEqual(3)

  await connected(opener, 60_000)
  expect(opener.doc.getText('pile').length).toBe(pileLength)
  expect(opener.doc.getXmlFragment('default').length).toBeGreaterThan(0) // its sections too
  const detail = await api(server.url, 'GET', `/api/documents/${big}`, { token: anna, headers: { connection: 'close' } })
  expect(detail.status).toBe(200)
  expect(detail.body.title).toBe('Lagrat av en äldre server')
}, 180_000)

it('SRV-S1, SRV-S15: a large document whose stored state is unreadable is refused with 503 on REST and sockets, never served blank', async () => {
  const { server, dir } = fx
  const { anna } = fx.tokens
  const { broken } = fx.ids
  const detail = await api(server.url, 'GET', `/api/documents/${broken}`, { token: anna })
  expect(detail.status).toBe(503)
  expect(detail.body.error.message).toMatch(/cannot read stored content state: part 2 of 2/)
  expect(await upgradeStatus(`${server.wsUrl}/${broken}?token=${anna}`)).toBe(503)
  // Nothing was written for it.
  expect(rows(dir, 'SELECT id FROM doc_updates WHERE document_id = ?', broken)).toHaveLength(1)
}, 120_000)
