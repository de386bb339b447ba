/**
 * Issue 22.1, a reader freezing the server: a reader's socket on document X repeats sync
 * step 1 as fast as it can, each with a state vector the server has not seen (so every one
 * costs a diff of the whole, large document), while two authors edit document Y through
 * stock y-websocket clients. Y's edits keep arriving; the attacker's socket is closed with
 * 4429 and a reason naming the work budget (SRV-S13), not the message rate; reconnecting
 * does not refill the budget (429 before the upgrade). The p99 comparison of Y's round
 * trips with and without the attack is `pnpm bench` scenario `sync-cost` (tests/bench).
 */
import { beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMember, rawSocket, sectionText, typeInSection, upgradeStatus, waitFor, type Client } from './support.js'
import { bigDocumentFixture } from './bigDocument.js'
import { strangerStep1, syncStep1 } from '../syncFrames.js'

const fx = bigDocumentFixture({
  users: ['anna', 'erik', 'rita'],
  documents: {
    docX: { title: 'Stort dokument', members: [['rita', 'reader']] },
    docY: { title: 'Arbetsdokument', members: [['erik', 'author']] },
  },
  // A small budget so the test is quick; the defaults are the same rule with more room.
  server: { syncLimits: { work: { burstMs: 1000, perSecondMs: 20 } } },
})

beforeAll(async () => {
  const { server } = fx
  const { anna, rita } = fx.tokens
  const { docX } = fx.ids
  // X: thousands of separate insertions (many structs), as a long edited text has.
  const [writer] = (await fx.openConnected(server.wsUrl, docX, [anna])) as [Client]
  const text = writer.doc.getXmlFragment('default')
  writer.doc.transact(() => {
    for (let i = 0; i < 6000; i++) typeInSection(writer.doc, 'synpunkter', i % 2 ? `ord${i} ` : '')
  })
  const section = text.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('key') === 'synpunkter')!
  const t = (section.toArray().find((n) => n instanceof Y.XmlElement) as Y.XmlElement).get(0) as Y.XmlText
  writer.doc.transact(() => {
    for (let i = 0; i < 4000; i++) t.insert((i * 7919) % Math.max(1, t.length), `x${i} `)
  })
  const reader = fx.open(server.wsUrl, docX, rita)
  await waitFor(
    () => reader.provider.synced && sectionText(reader.doc, 'synpunkter').length === sectionText(writer.doc, 'synpunkter').length,
    20_000,
    'X stored',
  )
  reader.destroy()
}, 60_000)

it('SRV-S13: a reader repeating sync step 1 is closed for the work it costs; other documents keep syncing', async () => {
  const { server } = fx
  const { anna, erik, rita } = fx.tokens
  const { docX, docY } = fx.ids
  const [a, e] = (await fx.openConnected(server.wsUrl, docY, [anna, erik])) as [Client, Client]

  const attacker = await rawSocket(`${server.wsUrl}/${docX}?token=${rita}`)
  let sent = 0
  let open = true
  void attacker.closed.then(() => (open = false))
  const flood = () => {
    if (!open) return
    for (let i = 0; i < 20; i++) attacker.ws.send(strangerStep1(1_000_000 + sent++))
    setImmediate(flood)
  }
  flood()

  // The authors keep working on Y meanwhile: every edit reaches the other author.
  let typed = ''
  for (let i = 0; i < 20; i++) {
    const piece = `steg${i} `
    typeInSection(a.doc, 'sammanfattning', piece)
    typed += piece
    await waitFor(() => sectionText(e.doc, 'sammanfattning') === typed, 15_000, `edit ${i} reached the other author`)
  }

  const closed = await attacker.closed
  expect(closed.code).toBe(4429)
  expect(closed.reason).toMatch(/too much sync work/)
  // Closed well before the message-rate limit (1000 at once, then 300/s) would have been reached.
  expect(sent).toBeGreaterThan(0)
  expect(await upgradeStatus(`${server.wsUrl}/${docX}?token=${rita}`)).toBe(429)
  // The authors' own budget is untouched: they still sync.
  typeInSection(e.doc, 'sammanfattning', 'klart')
  await waitFor(() => sectionText(a.doc, 'sammanfattning').endsWith('klart'), 10_000, 'edit after the attack')
}, 90_000)

it('SRV-S13: a client repeating the same state vector costs a lookup, and is not closed for it', async () => {
  const { server } = fx
  const { anna, erik } = fx.tokens
  const { docX } = fx.ids
  await addMember(server.url, anna, docX, 'erik', 'reader')
  const [client] = (await fx.openConnected(server.wsUrl, docX, [erik], 15_000)) as [Client]
  const message = syncStep1(Y.encodeStateVector(client.doc))
  const socket = await rawSocket(`${server.wsUrl}/${docX}?token=${erik}`)
  // 200 repeats of one state vector: one diff, 199 cached answers (the message budget allows a burst of 1000).
  for (let i = 0; i < 200; i++) socket.ws.send(message)
  await waitFor(() => socket.messages.length >= 200, 20_000, 'answers')
  expect(socket.ws.readyState).toBe(1)
  socket.ws.close()
}, 60_000)
