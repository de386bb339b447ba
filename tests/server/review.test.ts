import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMember, api, connected, createDoc, loadFromDisk, sectionText, sleep, waitFor, type Client } from './harness.js'
import { serverWorld, settled } from './world.js'
import { fillHeader, TEXT, write } from './gateSupport.js'

const w = serverWorld(['anna', 'erik', 'rita', 'alva', 'stefan', 'linn', 'olle'])
const { t, call, client } = w
let docId: string
let author: Client

const status = (who: string, to: string) => call(who, 'POST', `/api/documents/${docId}/status`, { to })
const approve = (who: string) => call(who, 'POST', `/api/documents/${docId}/approvals`)
const detail = async (who = 'anna') => (await call(who, 'GET', `/api/documents/${docId}`)).body
let watcher: Client

beforeAll(async () => {
  docId = await createDoc(w.server.url, t.anna!, 'Granskningstest')
  await addMember(w.server.url, t.anna!, docId, 'erik', 'author')
  await addMember(w.server.url, t.anna!, docId, 'rita', 'reviewer')
  await addMember(w.server.url, t.anna!, docId, 'alva', 'approver')
  await addMember(w.server.url, t.anna!, docId, 'stefan', 'approver')
  await addMember(w.server.url, t.anna!, docId, 'linn', 'reader')
  author = client(docId, 'anna')
  watcher = client(docId, 'linn')
  await Promise.all([connected(author), connected(watcher)])
  // The header the remissvar requires (tests/server/gate.test.ts refuses each part of it).
  fillHeader(author.doc)
})

describe('review workflow (real server, stock providers, SQLite)', () => {
  it('every review route needs sign-in (401) and a role in the document (403)', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['POST', `/api/documents/${docId}/status`, { to: 'granskning' }],
      ['POST', `/api/documents/${docId}/approvals`],
      ['GET', `/api/documents/${docId}/versions`],
      ['POST', `/api/documents/${docId}/versions`, { label: 'X' }],
      ['GET', `/api/documents/${docId}/versions/1`],
      ['GET', `/api/documents/${docId}/changes-since-review`],
      ['GET', `/api/documents/${docId}/audit`],
    ]
    for (const [method, path, body] of routes) {
      expect((await api(w.server.url, method, path, { body })).status, `${method} ${path}`).toBe(401)
      expect((await call('olle', method, path, body)).status, `${method} ${path}`).toBe(403)
    }
  })

  it('the gate refuses an incomplete document with 409 naming what is missing; only authors may try', async () => {
    for (const who of ['rita', 'alva', 'linn']) {
      const res = await status(who, 'granskning')
      expect(res.status, who).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    }
    expect((await status('olle', 'granskning')).status).toBe(403)
    write(author.doc, 'jamstalldhet', TEXT.jamstalldhet!)
    await settled(author, watcher)
    const res = await status('anna', 'granskning')
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('conflict')
    expect(res.body.error.message).toMatch(/perspective "barnratt" is incomplete/)
    expect(res.body.error.message).toMatch(/section "sammanfattning" is empty/)
    const coverage = res.body.error.details.coverage
    expect(coverage.perspectives.find((p: { key: string }) => p.key === 'jamstalldhet').status).toBe('covered')
    expect(coverage.perspectives.find((p: { key: string }) => p.key === 'barnratt').status).toBe('incomplete')
    expect(res.body.error.details.structure).toBeUndefined()
    expect((await detail()).status).toBe('utkast')
    // Bad bodies and impossible transitions.
    expect((await status('anna', 'klar')).status).toBe(400)
    expect((await status('anna', 'godkand')).status).toBe(409)
    expect((await status('anna', 'utkast')).status).toBe(409)
    expect((await approve('alva')).status).toBe(409)
  })

  it('the gate refuses left-over template text even when every section is written', async () => {
    for (const [key, text] of Object.entries(TEXT)) if (key !== 'jamstalldhet') write(author.doc, key, text)
    const placeholder = 'Beskriv bakgrunden till ärendet.'
    write(author.doc, 'synpunkter', ` ${placeholder}`)
    await settled(author, watcher)
    const res = await status('anna', 'granskning')
    expect(res.status).toBe(409)
    expect(res.body.error.details.coverage.complete).toBe(true)
    expect(res.body.error.details.coverage.placeholders).toEqual(['Beskriv bakgrunden till ärendet'])
    expect(res.body.error.message).toContain('template text left: "Beskriv bakgrunden till ärendet"')
    // Remove it again (as an editor would) and the document is complete.
    const fragment = author.doc.getXmlFragment('default')
    const synpunkter = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('key') === 'synpunkter') as Y.XmlElement
    const text = (synpunkter.toArray()[0] as Y.XmlElement).toArray()[0] as Y.XmlText
    const at = text.toString().indexOf(` ${placeholder}`)
    text.delete(at, placeholder.length + 1)
    await settled(author, watcher)
    const ok = await status('anna', 'granskning')
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ status: 'granskning', canApprove: true, approvals: [] })
    expect(ok.body.approversPending.map((a: { username: string }) => a.username).sort()).toEqual(['alva', 'stefan'])
  })

  it('dashboard filters: waiting for my review / my approval, and status', async () => {
    const ids = async (who: string, query: string) => (await call(who, 'GET', `/api/documents${query}`)).body.documents.map((d: { id: string }) => d.id)
    expect(await ids('rita', '?waiting=review')).toEqual([docId])
    expect(await ids('alva', '?waiting=review')).toEqual([])
    expect(await ids('alva', '?waiting=approval')).toEqual([docId])
    expect(await ids('anna', '?waiting=approval')).toEqual([])
    expect(await ids('anna', '?status=granskning')).toEqual([docId])
    expect(await ids('anna', '?status=utkast')).toEqual([])
    const bad = await call('anna', 'GET', '/api/documents?status=klar')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/status/)
  })

  it('only approvers approve; one approval leaves it under review; a second time is refused', async () => {
    for (const who of ['anna', 'rita', 'linn']) expect((await approve(who)).status, who).toBe(403)
    const res = await approve('alva')
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('granskning')
    expect(res.body.approvals).toMatchObject([{ username: 'alva', name: 'Alva', title: 'Testare' }])
    expect(res.body.approversPending.map((a: { username: string }) => a.username)).toEqual(['stefan'])
    // What an open editor polls: the same workflow, for each member's own role.
    const polled = await call('stefan', 'GET', `/api/documents/${docId}/workflow`)
    expect(polled.body).toMatchObject({ status: 'granskning', role: 'approver', canEdit: false, approvals: [{ username: 'alva' }] })
    expect(polled.body.approversPending.map((a: { username: string }) => a.username)).toEqual(['stefan'])
    expect((await call('anna', 'GET', `/api/documents/${docId}/workflow`)).body).toMatchObject({ role: 'author', canEdit: true })
    expect((await approve('alva')).status).toBe(409)
    expect((await call('alva', 'GET', '/api/documents?waiting=approval')).body.documents).toEqual([])
  })

  it('reopening clears the approvals; versions and changes since review follow the edits', async () => {
    const reopened = await status('anna', 'utkast')
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ status: 'utkast', approvals: [] })
    write(author.doc, 'bakgrund', ' Planen antogs i juni.')
    await settled(author, watcher)
    const changes = (await call('linn', 'GET', `/api/documents/${docId}/changes-since-review`)).body
    expect(changes.since).toMatchObject({ kind: 'review', status: 'granskning', label: 'Skickad till granskning', createdBy: { username: 'anna' } })
    const bakgrund = changes.sections.find((s: { key: string }) => s.key === 'bakgrund')
    expect(bakgrund.changed).toBe(true)
    expect(bakgrund.diff.filter((d: { op: string }) => d.op !== 'equal')).toEqual([{ op: 'insert', text: ' Planen antogs i juni.' }])
    expect(changes.sections.filter((s: { changed: boolean }) => s.changed).map((s: { key: string }) => s.key)).toEqual(['bakgrund'])

    // Named versions: members but readers; the stored content is the text of that moment.
    expect((await call('linn', 'POST', `/api/documents/${docId}/versions`, { label: 'Läsarens' })).status).toBe(403)
    expect((await call('rita', 'POST', `/api/documents/${docId}/versions`, { label: ' ' })).status).toBe(400)
    const saved = await call('rita', 'POST', `/api/documents/${docId}/versions`, { label: 'Före ny granskning' })
    expect(saved.status).toBe(201)
    expect(saved.body.version).toMatchObject({ kind: 'manual', label: 'Före ny granskning', status: 'utkast', createdBy: { username: 'rita', name: 'Rita' } })
    write(author.doc, 'bakgrund', ' Senare tillägg.')
    await settled(author, watcher)
    const view = await call('linn', 'GET', `/api/documents/${docId}/versions/${saved.body.version.id}`)
    expect(view.status).toBe(200)
    expect(JSON.stringify(view.body.content)).toContain('Planen antogs i juni.')
    expect(JSON.stringify(view.body.content)).not.toContain('Senare tillägg.')
    expect(view.body.meta.title).toBe('Granskningstest')
    expect((await call('linn', 'GET', `/api/documents/${docId}/versions/99999`)).status).toBe(404)
    expect((await call('olle', 'GET', `/api/documents/${docId}/versions/${saved.body.version.id}`)).status).toBe(403)
    const list = (await call('linn', 'GET', `/api/documents/${docId}/versions`)).body.versions
    expect(list.map((v: { label: string }) => v.label)).toEqual(['Före ny granskning', 'Återöppnad för ändringar', 'Skickad till granskning'])
  })

  it('godkand only after every approver; then the content is locked for everyone, even authors', async () => {
    expect((await status('anna', 'granskning')).status).toBe(200)
    expect((await approve('stefan')).body.status).toBe('granskning')
    const last = await approve('alva')
    expect(last.status).toBe(200)
    expect(last.body.status).toBe('godkand')
    // The approval record, in approval order, with name, title and time.
    expect(last.body.approvals.map((a: { username: string }) => a.username)).toEqual(['stefan', 'alva'])
    for (const a of last.body.approvals) expect(new Date(a.approvedAt).toISOString()).toBe(a.approvedAt)
    expect(last.body.approversPending).toEqual([])
    expect((await detail('anna')).canEdit).toBe(false)
    expect((await detail('erik')).canEdit).toBe(false)

    // An author's edit through a real stock provider reaches no one and is never stored.
    const other = client(docId, 'erik')
    await connected(other)
    write(author.doc, 'arendet', ' LÅST?')
    // Presence still flows: once the author's caret reached another member, the server has
    // read the author's socket past the edit.
    author.provider.awareness.setLocalStateField('probe', 'efter-låset')
    await waitFor(() => [...other.provider.awareness.getStates().values()].some((st) => st.probe === 'efter-låset'))
    // The review room is locked too (issue 13.4): nobody's comments or verdicts land.
    const review = client(`${docId}/review`, 'rita')
    await connected(review)
    review.doc.getMap('threads').set('efter', new Y.Map())
    review.provider.awareness.setLocalStateField('probe', 'efter-låset')
    const reviewWatcher = client(`${docId}/review`, 'linn')
    await connected(reviewWatcher)
    await waitFor(() => [...reviewWatcher.provider.awareness.getStates().values()].some((st) => st.probe === 'efter-låset'))
    await sleep(100)
    expect(reviewWatcher.doc.getMap('threads').has('efter')).toBe(false)
    expect(loadFromDisk(w.data.dir, docId, 'review').getMap('threads').has('efter')).toBe(false)
    expect(sectionText(other.doc, 'arendet')).not.toContain('LÅST?')
    const fresh = client(docId, 'linn')
    await connected(fresh)
    expect(sectionText(fresh.doc, 'arendet')).not.toContain('LÅST?')
    expect(sectionText(loadFromDisk(w.data.dir, docId), 'arendet')).not.toContain('LÅST?')
    expect(sectionText(fresh.doc, 'arendet')).toContain('tjugofyra åtgärder')

    // Approved is final.
    expect((await status('anna', 'utkast')).status).toBe(409)
    expect((await approve('stefan')).status).toBe(409)
  })

  it('the audit log records status changes, approvals, versions and membership, for members only', async () => {
    const res = await call('linn', 'GET', `/api/documents/${docId}/audit`)
    expect(res.status).toBe(200)
    const entries = res.body.entries as Array<{ action: string; actor: { username: string } | null; details: any; at: string }>
    const summary = entries.map((e) => `${e.action}:${e.actor?.username}:${e.details?.to ?? e.details?.username ?? e.details?.label ?? ''}`)
    expect(summary).toEqual([
      'document.created:anna:',
      'member.set:anna:erik',
      'member.set:anna:rita',
      'member.set:anna:alva',
      'member.set:anna:stefan',
      'member.set:anna:linn',
      'status.changed:anna:granskning',
      'approval.added:alva:',
      'status.changed:anna:utkast',
      'version.created:rita:Före ny granskning',
      'status.changed:anna:granskning',
      'approval.added:stefan:',
      'approval.added:alva:',
      'status.changed:alva:godkand',
    ])
    expect(entries[8]!.details.clearedApprovals).toEqual(['alva'])
    for (const e of entries) expect(Number.isNaN(Date.parse(e.at))).toBe(false)
    expect((await call('olle', 'GET', `/api/documents/${docId}/audit`)).status).toBe(403)
  })

  it('a document without approvers can go to review but says it cannot be approved', async () => {
    const id = await createDoc(w.server.url, t.erik!, 'Utan godkännare')
    const c = client(id, 'erik')
    await connected(c)
    const other = client(id, 'erik')
    await Promise.all([connected(c), connected(other)])
    fillHeader(c.doc)
    for (const [key, text] of Object.entries(TEXT)) write(c.doc, key, text)
    await settled(c, other)
    const res = await api(w.server.url, 'POST', `/api/documents/${id}/status`, { token: t.erik, body: { to: 'granskning' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'granskning', canApprove: false, approversPending: [] })
  })
})
