import { beforeAll, describe, expect, it } from 'vitest'
import { syncUpdate } from '../syncFrames.js'
import { createThread } from '@perspektiv/review'
import {
  addMember,
  api,
  connect,
  connected,
  createDoc,
  loadFromDisk,
  rawSocket,
  sectionText,
  signIn,
  sleep,
  typeInSection,
  upgradeStatus,
  waitFor,
} from './harness.js'
import { serverWorld } from './world.js'

// The back-pressure test stores 24 MB in one document: far over the default quotas (SRV-S14).
const MB = 1024 * 1024
const w = serverWorld(['anna', 'erik', 'rita', 'linn', 'olle', 'alva'], {
  summaryDelayMs: 50,
  quotas: { updateBytes: { content: 4 * MB, review: MB }, roomBytes: { content: 64 * MB, review: MB }, userBurstBytes: 64 * MB, userBytesPerSecond: MB },
})
const { t: tokens, client, clients } = w
let docId: string

beforeAll(async () => {
  docId = await createDoc(w.server.url, tokens.anna!, 'Synktest')
  await addMember(w.server.url, tokens.anna!, docId, 'erik', 'author')
  await addMember(w.server.url, tokens.anna!, docId, 'rita', 'reviewer')
  await addMember(w.server.url, tokens.anna!, docId, 'linn', 'reader')
  await addMember(w.server.url, tokens.anna!, docId, 'alva', 'approver')
})

describe('sync with stock y-websocket providers', () => {
  it('SRV-S2: two authors converge, and a late joiner gets everything', async () => {
    const a = client(docId, 'anna')
    const b = client(docId, 'erik')
    await Promise.all([connected(a), connected(b)])
    // The skeleton came from the server, once.
    expect(a.doc.getXmlFragment('default').length).toBe(13)
    typeInSection(a.doc, 'sammanfattning', 'Anna skriver. ')
    typeInSection(b.doc, 'bakgrund', 'Erik skriver.')
    await waitFor(() => sectionText(b.doc, 'sammanfattning').includes('Anna skriver') && sectionText(a.doc, 'bakgrund') === 'Erik skriver.')
    expect(sectionText(a.doc, 'sammanfattning')).toBe(sectionText(b.doc, 'sammanfattning'))

    const late = client(docId, 'linn')
    await connected(late)
    await waitFor(() => sectionText(late.doc, 'bakgrund') === 'Erik skriver.')
    expect(sectionText(late.doc, 'sammanfattning')).toBe('Anna skriver. ')
    expect(late.doc.getXmlFragment('default').length).toBe(13)
  })

  it('SRV-S12: awareness reaches the others, for every role, and leaves with the client', async () => {
    const a = client(docId, 'anna')
    const r = client(docId, 'linn')
    await Promise.all([connected(a), connected(r)])
    r.provider.awareness.setLocalStateField('user', { name: 'Linn', username: 'linn', color: '#123456' })
    a.provider.awareness.setLocalStateField('user', { name: 'Anna', username: 'anna', color: '#654321' })
    await waitFor(() => a.provider.awareness.getStates().get(r.doc.clientID)?.user?.name === 'Linn', 5000, 'reader presence at author')
    await waitFor(() => r.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Anna', 5000, 'author presence at reader')
    r.destroy()
    await waitFor(() => !a.provider.awareness.getStates().has(r.doc.clientID), 5000, 'presence removed')
  })

  it('refuses the upgrade without a role: 401 no/wrong token, 403 foreign document, 404 unknown', async () => {
    const base = `${w.server.wsUrl}/${docId}`
    expect(await upgradeStatus(base)).toBe(401)
    expect(await upgradeStatus(`${base}?token=not-a-token`)).toBe(401)
    expect(await upgradeStatus(`${base}?token=${tokens.olle}`)).toBe(403)
    expect(await upgradeStatus(`${base}/review?token=${tokens.olle}`)).toBe(403)
    expect(await upgradeStatus(`${w.server.wsUrl}/nosuchdocument?token=${tokens.anna}`)).toBe(404)
    expect(await upgradeStatus(`${base}?token=${tokens.anna}`)).toBe(101)
    // A session cookie from a foreign origin is not enough (cross-site WebSocket hijacking).
    expect(await upgradeStatus(base, { cookie: `perspektiv_session=${tokens.anna}`, origin: 'http://evil.example' })).toBe(403)
    expect(await upgradeStatus(base, { cookie: `perspektiv_session=${tokens.anna}`, origin: w.server.url })).toBe(101)
  })

  it("SRV-S3: a reader's and a reviewer's content edits reach no one and are never stored", async () => {
    const author = client(docId, 'anna')
    const reader = client(docId, 'linn')
    const reviewer = client(docId, 'rita')
    await Promise.all([connected(author), connected(reader), connected(reviewer)])
    typeInSection(reader.doc, 'arendet', 'LÄSARE ')
    typeInSection(reviewer.doc, 'arendet', 'GRANSKARE ')
    // Then an author edit, so we know the server has processed what came before.
    typeInSection(author.doc, 'beredning', 'Markör.')
    await waitFor(() => sectionText(reader.doc, 'beredning') === 'Markör.' && sectionText(reviewer.doc, 'beredning') === 'Markör.')
    await sleep(100)
    expect(sectionText(author.doc, 'arendet')).toBe('')
    // A fresh client and the disk agree.
    const fresh = client(docId, 'erik')
    await connected(fresh)
    await waitFor(() => sectionText(fresh.doc, 'beredning') === 'Markör.')
    expect(sectionText(fresh.doc, 'arendet')).toBe('')
    const disk = loadFromDisk(w.data.dir, docId)
    expect(sectionText(disk, 'beredning')).toBe('Markör.')
    expect(sectionText(disk, 'arendet')).toBe('')
    // The reader still reads: the connection stayed open.
    expect(reader.provider.wsconnected).toBe(true)
  })

  it('SRV-S3: the review room takes writes from authors, reviewers and approvers, not readers', async () => {
    const room = `${docId}/review`
    const reviewer = client(room, 'rita')
    const approver = client(room, 'alva')
    const reader = client(room, 'linn')
    await Promise.all([connected(reviewer), connected(approver), connected(reader)])
    const verdict = (username: string) => ({
      verdict: 'godkand',
      comment: '',
      by: { username, name: username[0]!.toUpperCase() + username.slice(1) },
      at: new Date().toISOString(),
      sectionFingerprint: 'x',
    })
    reviewer.doc.getMap('verdicts').set('barnratt', verdict('rita'))
    createThread(approver.doc, {
      id: 'fraga',
      anchor: { start: 'AA==', end: 'AA==', quote: 'q', sectionKey: 'arendet' },
      comment: { id: 'c1', author: { username: 'alva', name: 'Alva' }, text: 'Fråga', at: new Date().toISOString() },
    })
    reader.doc.getMap('verdicts').set('klimat-miljo', verdict('linn'))
    await waitFor(() => reader.doc.getMap('verdicts').has('barnratt') && reader.doc.getMap('threads').has('fraga'))
    await waitFor(() => reviewer.doc.getMap('threads').has('fraga'))
    await sleep(100)
    expect(reviewer.doc.getMap('verdicts').has('klimat-miljo')).toBe(false)
    const disk = loadFromDisk(w.data.dir, docId, 'review')
    expect(Object.keys(disk.getMap('verdicts').toJSON())).toEqual(['barnratt'])
    expect(disk.getMap('threads').has('fraga')).toBe(true)
  })

  it('SRV-S10: a malformed message closes only its own connection (4400); the others keep working', async () => {
    const a = client(docId, 'anna')
    const b = client(docId, 'erik')
    await Promise.all([connected(a), connected(b)])
    const bad = await rawSocket(`${w.server.wsUrl}/${docId}?token=${tokens.anna}`)
    // A sync update whose payload is garbage.
    bad.ws.send(syncUpdate(new Uint8Array([255, 255, 255, 255, 1, 2, 3])))
    expect((await bad.closed).code).toBe(4400)
    const unknownType = await rawSocket(`${w.server.wsUrl}/${docId}?token=${tokens.anna}`)
    unknownType.ws.send(new Uint8Array([42, 1, 2]))
    expect(await unknownType.closed).toMatchObject({ code: 4400, reason: expect.stringContaining('unknown message type') })
    const text = await rawSocket(`${w.server.wsUrl}/${docId}?token=${tokens.anna}`)
    text.ws.send('hello')
    expect((await text.closed).code).toBe(4400)
    typeInSection(a.doc, 'synpunkter', 'Fortfarande igång.')
    await waitFor(() => sectionText(b.doc, 'synpunkter') === 'Fortfarande igång.')
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
  })

  it('SRV-S10: a message over 16 MB closes that connection with 1009', async () => {
    const big = await rawSocket(`${w.server.wsUrl}/${docId}?token=${tokens.anna}`)
    big.ws.send(new Uint8Array(16 * 1024 * 1024 + 10))
    expect((await big.closed).code).toBe(1009)
    expect((await api(w.server.url, 'GET', '/api/health')).status).toBe(200)
  })

  it('SRV-S10: a client that stops reading is dropped (back-pressure); the others keep receiving', async () => {
    const bulkDoc = await createDoc(w.server.url, tokens.anna!, 'Mottryck')
    const writer = client(bulkDoc, 'anna')
    const reader = client(bulkDoc, 'anna')
    await Promise.all([connected(writer), connected(reader)])
    const stalled = await rawSocket(`${w.server.wsUrl}/${bulkDoc}?token=${tokens.anna}`)
    await waitFor(() => stalled.messages.length > 0)
    // Stop reading: the server's send buffer for this socket fills up.
    stalled.ws._socket.pause()
    const text = writer.doc.getText('bulk')
    const chunk = 'x'.repeat(1024 * 1024)
    for (let i = 0; i < 24; i++) {
      text.insert(text.length, chunk)
      await waitFor(() => reader.doc.getText('bulk').length === text.length, 10_000, `chunk ${i}`)
    }
    stalled.ws._socket.resume()
    expect((await stalled.closed).code).toBe(1006)
    typeInSection(writer.doc, 'sammanfattning', 'Efter mottryck.')
    await waitFor(() => sectionText(reader.doc, 'sammanfattning') === 'Efter mottryck.')
  })

  it('SRV-S11: removing a member closes their socket (1008); a role change applies at once', async () => {
    const erik = client(docId, 'erik')
    const anna = client(docId, 'anna')
    await Promise.all([connected(erik), connected(anna)])
    await addMember(w.server.url, tokens.anna!, docId, 'erik', 'reader')
    typeInSection(erik.doc, 'jamstalldhet', 'Nedgraderad.')
    typeInSection(anna.doc, 'sammanfattning', 'Efter.')
    await waitFor(() => sectionText(erik.doc, 'sammanfattning').endsWith('Efter.'))
    await sleep(50)
    expect(sectionText(anna.doc, 'jamstalldhet')).toBe('')
    const closed = new Promise<number>((ok) => erik.provider.ws!.addEventListener('close', (ev) => ok((ev as CloseEvent).code)))
    const res = await api(w.server.url, 'DELETE', `/api/documents/${docId}/members/erik`, { token: tokens.anna })
    expect(res.status).toBe(200)
    expect(await closed).toBe(1008)
    expect(await upgradeStatus(`${w.server.wsUrl}/${docId}?token=${tokens.erik}`)).toBe(403)
  })

  it('SRV-S11: signing out closes the sockets of that session only (1008)', async () => {
    const token = await signIn(w.server.url, 'alva')
    const signedOut = connect(w.server.wsUrl, `${docId}/review`, token)
    clients.push(signedOut)
    const other = client(`${docId}/review`, 'alva')
    await Promise.all([connected(signedOut), connected(other)])
    const closed = new Promise<number>((ok) => signedOut.provider.ws!.addEventListener('close', (ev) => ok((ev as CloseEvent).code)))
    expect((await api(w.server.url, 'DELETE', '/api/session', { token })).status).toBe(204)
    expect(await closed).toBe(1008)
    signedOut.provider.disconnect()
    await sleep(50)
    expect(other.provider.wsconnected).toBe(true)
    expect(await upgradeStatus(`${w.server.wsUrl}/${docId}?token=${token}`)).toBe(401)
  })

  it('SRV-S6: the documents list follows title edits in the Y.Map meta (debounced)', async () => {
    const a = client(docId, 'anna')
    await connected(a)
    a.doc.getMap('meta').set('title', 'Nytt namn från editorn')
    await waitFor(
      async () => {
        const list = await api(w.server.url, 'GET', '/api/documents', { token: tokens.anna })
        return list.body.documents.some((d: { id: string; title: string }) => d.id === docId && d.title === 'Nytt namn från editorn')
      },
      5000,
      'title in list',
    )
  })
})
