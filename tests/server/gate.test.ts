/**
 * Issue 13: the gate keeps every promise. Every refusal, through the real server, real
 * SQLite and stock y-websocket clients: a placeholder in each header field, each missing
 * required field, Dnr and title input, each verdict state, an open thread, the review
 * room after approval, exports past `utkast`, and revisions.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { META_MAP } from '@perspektiv/document'
import { readVerdicts } from '@perspektiv/review'
import { addMember, connected, loadFromDisk, sectionText, sleep, waitFor, type Client } from './harness.js'
import { serverWorld, settled } from './world.js'
import { FULL_META, fillHeader, judge, openThread, resolveThread, TEXT, write } from './gateSupport.js'

const w = serverWorld(['anna', 'rita', 'alva', 'linn'])
const { t, call, client } = w

interface Doc {
  id: string
  author: Client
  watcher: Client
  review: Client
  reviewWatcher: Client
}

/** A remissvar with every section written and the full header: ready for review. */
async function readyDocument(title: string): Promise<Doc> {
  const created = await call('anna', 'POST', '/api/documents', { templateId: 'remissvar', title })
  expect(created.status).toBe(201)
  const id = created.body.id as string
  await addMember(w.server.url, t.anna!, id, 'rita', 'reviewer')
  await addMember(w.server.url, t.anna!, id, 'alva', 'approver')
  await addMember(w.server.url, t.anna!, id, 'linn', 'reader')
  const d: Doc = {
    id,
    author: client(id, 'anna'),
    watcher: client(id, 'linn'),
    review: client(`${id}/review`, 'rita'),
    reviewWatcher: client(`${id}/review`, 'linn'),
  }
  await Promise.all([connected(d.author), connected(d.watcher), connected(d.review), connected(d.reviewWatcher)])
  fillHeader(d.author.doc)
  for (const [key, text] of Object.entries(TEXT)) write(d.author.doc, key, text)
  await settled(d.author, d.watcher)
  return d
}

const setMeta = async (d: Doc, key: string, value: unknown) => {
  d.author.doc.getMap(META_MAP).set(key, value)
  await settled(d.author, d.watcher)
}
const reviewSettled = (d: Doc) => settled(d.review, d.reviewWatcher)
const sendToReview = (d: Doc) => call('anna', 'POST', `/api/documents/${d.id}/status`, { to: 'granskning' })
const approve = (d: Doc) => call('alva', 'POST', `/api/documents/${d.id}/approvals`)
const metaEntry = (res: { body: any }, field: string) => res.body.error.details.coverage.meta.find((m: { field: string }) => m.field === field)

/** Each header field, the Word prompt or fill-in marker an unfinished template leaves in it, and how to write it back. */
const PLACEHOLDER_IN: Array<[field: string, write: (d: Doc, v: string) => Promise<void>, value: string, found?: string]> = [
  ['title', (d, v) => setMeta(d, 'title', v), 'Klicka och skriv rubrik'],
  ['subtitle', (d, v) => setMeta(d, 'subtitle', v), 'Klicka här för att ange text'],
  ['dnr', (d, v) => setMeta(d, 'dnr', v), 'XXX 2025/XXX', 'XXX'],
  ['namnd', (d, v) => setMeta(d, 'namnd', v), 'Välj ett objekt'],
  ['meetingDate', (d, v) => setMeta(d, 'meetingDate', v), 'ÅÅÅÅ-MM-DD'],
  ['forvaltning', (d, v) => setMeta(d, 'forvaltning', v), 'Klicka och skriv förvaltning'],
  ['avdelning', (d, v) => setMeta(d, 'avdelning', v), '[Avdelning]'],
  ['handlaggare.name', (d, v) => setMeta(d, 'handlaggare', { ...FULL_META.handlaggare, name: v }), 'Klicka och skriv namn'],
  ['handlaggare.phone', (d, v) => setMeta(d, 'handlaggare', { ...FULL_META.handlaggare, phone: v }), '08-XXX XX XX', 'XXX'],
  ['date', (d, v) => setMeta(d, 'date', v), 'YYYY-MM-DD'],
  ['signatories[0].name', (d, v) => setMeta(d, 'signatories', [{ ...FULL_META.signatories[0]!, name: v }]), 'Klicka och skriv namn'],
  ['signatories[0].title', (d, v) => setMeta(d, 'signatories', [{ ...FULL_META.signatories[0]!, title: v }]), 'Klicka och skriv titel'],
  ['signatories[0].forvaltning', (d, v) => setMeta(d, 'signatories', [{ ...FULL_META.signatories[0]!, forvaltning: v }]), 'Klicka och skriv förvaltning'],
]

/** Each field the remissvar requires, emptied. */
const MISSING: Array<[field: string, key: string, empty: unknown]> = [
  ['title', 'title', ''],
  ['dnr', 'dnr', ''],
  ['namnd', 'namnd', ''],
  ['meetingDate', 'meetingDate', ''],
  ['forvaltning', 'forvaltning', ''],
  ['handlaggare.name', 'handlaggare', { ...FULL_META.handlaggare, name: '' }],
  ['handlaggare.phone', 'handlaggare', { ...FULL_META.handlaggare, phone: '' }],
  ['date', 'date', ''],
  ['signatories', 'signatories', []],
]

describe('the header gate (issue 13.1–13.2)', () => {
  let d: Doc
  beforeAll(async () => {
    d = await readyDocument('Rubrikgrind')
  })

  it.each(PLACEHOLDER_IN)('a placeholder in %s is refused at review, naming the field', async (field, set, value, found = value) => {
    await set(d, value)
    const res = await sendToReview(d)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain(`header field "${field}" is placeholder`)
    expect(metaEntry(res, field)).toMatchObject({ status: 'placeholder', problems: [expect.stringContaining(`”${found}”`)] })
    expect(res.body.error.details.coverage).toMatchObject({ complete: true, ready: false })
    expect(res.body.error.details.coverage.placeholders).toContain(found)
    fillHeader(d.author.doc, { title: 'Rubrikgrind' })
    await settled(d.author, d.watcher)
  })

  it.each(MISSING)('a missing %s is refused at review', async (field, key, empty) => {
    await setMeta(d, key, empty)
    const res = await sendToReview(d)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain(`header field "${field}" is missing`)
    expect(metaEntry(res, field)).toMatchObject({ status: 'missing', problems: [expect.stringMatching(/saknas/)] })
    fillHeader(d.author.doc, { title: 'Rubrikgrind' })
    await settled(d.author, d.watcher)
  })

  it('a Dnr that is not one, out of range, numbered 0 or in the old form is invalid, said in Swedish', async () => {
    const next = new Date().getFullYear() + 1
    for (const [dnr, message] of [
      ['inte ett dnr', /Diarienumret ska ha formen KOD ÅR\/NUMMER/],
      ['KS 1989/12', /Diarienummer: året 1989 är inte möjligt/],
      [`KS ${next + 1}/12`, new RegExp(`Diarienummer: året ${next + 1} är inte möjligt`)],
      ['KS 2024/0', /Diarienummer: löpnumret kan inte vara 0/],
      ['KS 2018/000070', /Äldre diarienummerformat: ange diarienumret/],
    ] as const) {
      await setMeta(d, 'dnr', dnr)
      const res = await sendToReview(d)
      expect(res.status, dnr).toBe(409)
      expect(metaEntry(res, 'dnr'), dnr).toMatchObject({ status: 'invalid', problems: [expect.stringMatching(message)] })
    }
    await setMeta(d, 'dnr', FULL_META.dnr)
  })

  it('the document with its full header is ready, and goes to review', async () => {
    const coverage = (await call('anna', 'GET', `/api/documents/${d.id}/coverage`)).body
    expect(coverage.ready).toBe(true)
    expect(coverage.meta.every((m: { status: string }) => m.status === 'ok')).toBe(true)
    expect((await sendToReview(d)).status).toBe(200)
  })

  it('creating a document: the Dnr is normalised; a bad Dnr or an over-long title is refused naming the field', async () => {
    const ok = await call('anna', 'POST', '/api/documents', { templateId: 'remissvar', title: 'Normaliserad', meta: { dnr: ' eåv  2025 / 936 ' } })
    expect(ok.status).toBe(201)
    expect(ok.body.meta.dnr).toBe('EÅV 2025/936')
    const bad = await call('anna', 'POST', '/api/documents', { templateId: 'remissvar', title: 'X', meta: { dnr: 'KS 1850/3' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toBe('invalid body: meta.dnr: Diarienummer: året 1850 är inte möjligt (1990–' + (new Date().getFullYear() + 1) + ').')
    const long = await call('anna', 'POST', '/api/documents', { templateId: 'remissvar', title: 'a'.repeat(301) })
    expect(long.status).toBe(400)
    expect(long.body.error.message).toBe('invalid body: title: Titel: högst 300 tecken.')
  })
})

describe('reviewers gate approval (issue 13.3), locked means locked (13.4)', () => {
  let d: Doc
  const check = async () => (await call('alva', 'GET', `/api/documents/${d.id}/approval-check`)).body
  const verdictState = (body: any, key: string) => body.review.verdicts.find((v: { key: string }) => v.key === key).state

  beforeAll(async () => {
    d = await readyDocument('Granskarnas grind')
    expect((await sendToReview(d)).status).toBe(200)
  })

  it('"Behöver kompletteras" refuses the approval; the approver sees it before approving', async () => {
    judge(d.review.doc, d.author.doc, 'klimat-miljo', 'komplettering')
    await reviewSettled(d)
    const before = await check()
    expect(before).toMatchObject({ ready: false })
    expect(verdictState(before, 'klimat-miljo')).toBe('komplettering')
    const res = await approve(d)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('perspective "klimat-miljo": a reviewer asked for more')
    expect(verdictState(res.body.error.details, 'klimat-miljo')).toBe('komplettering')
    expect((await call('alva', 'GET', `/api/documents/${d.id}`)).body).toMatchObject({ status: 'granskning', approvals: [] })
  })

  it('an outdated verdict refuses the approval until it is given again', async () => {
    judge(d.review.doc, d.author.doc, 'klimat-miljo', 'godkand')
    await reviewSettled(d)
    expect((await check()).ready).toBe(true)
    write(d.author.doc, 'klimat-miljo', ' Solceller monteras på förrådet.')
    await settled(d.author, d.watcher)
    expect(verdictState(await check(), 'klimat-miljo')).toBe('outdated')
    const res = await approve(d)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('perspective "klimat-miljo": the verdict is outdated')
    judge(d.review.doc, d.author.doc, 'klimat-miljo', 'godkand')
    await reviewSettled(d)
    expect(verdictState(await check(), 'klimat-miljo')).toBe('godkand')
  })

  it('an open comment thread refuses the approval until it is resolved', async () => {
    openThread(d.review.doc, 'fraga-1', 'arendet')
    await reviewSettled(d)
    const res = await approve(d)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('1 comment thread(s) not resolved')
    expect(res.body.error.details.review.openThreads).toEqual([{ id: 'fraga-1', sectionKey: 'arendet', quote: 'tjugofyra åtgärder', by: 'Rita' }])
    resolveThread(d.review.doc, 'fraga-1', { username: 'rita', name: 'Rita' })
    await reviewSettled(d)
    expect(await check()).toMatchObject({ ready: true, problems: [] })
  })

  it('the Valnämnden signature placeholder is refused at approval and at export once past utkast', async () => {
    await setMeta(d, 'signatories', [{ name: 'Klicka och skriv namn', title: 'Klicka och skriv titel', forvaltning: 'Klicka och skriv förvaltning' }])
    const res = await approve(d)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('header field "signatories[0].name" is placeholder')
    for (const format of ['md', 'pdf']) {
      const exported = await call('linn', 'GET', `/api/documents/${d.id}/export?format=${format}`)
      expect(exported.status, format).toBe(409)
      expect(exported.body.error.message).toContain('header field "signatories[0].name"')
    }
    await setMeta(d, 'signatories', FULL_META.signatories)
    expect((await call('linn', 'GET', `/api/documents/${d.id}/export?format=md`)).status).toBe(200)
  })

  it('a draft may still be exported with its placeholders (marked UTKAST)', async () => {
    const draft = await readyDocument('Utkast med platshållare')
    await setMeta(draft, 'signatories', [{ name: 'Klicka och skriv namn', title: '', forvaltning: '' }])
    const res = await call('anna', 'GET', `/api/documents/${draft.id}/export?format=md`)
    expect(res.status).toBe(200)
    expect(res.body).toContain('UTKAST')
  })

  it('once approved, the review room accepts nobody’s comments or verdicts', async () => {
    const res = await approve(d)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.status).toBe('godkand')
    judge(d.review.doc, d.author.doc, 'barnratt', 'komplettering')
    openThread(d.review.doc, 'efter-godkannande', 'arendet')
    const authorReview = client(`${d.id}/review`, 'anna')
    const approverReview = client(`${d.id}/review`, 'alva')
    await Promise.all([connected(authorReview), connected(approverReview)])
    openThread(authorReview.doc, 'forfattarens', 'arendet')
    openThread(approverReview.doc, 'godkannarens', 'arendet')
    // Presence still flows: once each writer's caret reached the watcher, the server has read their sockets past the writes.
    for (const [i, c] of [d.review, authorReview, approverReview].entries()) c.provider.awareness.setLocalStateField('probe', `p${i}`)
    await waitFor(() => ['p0', 'p1', 'p2'].every((p) => [...d.reviewWatcher.provider.awareness.getStates().values()].some((s) => s.probe === p)))
    await sleep(100)
    const threads = d.reviewWatcher.doc.getMap('threads')
    for (const id of ['efter-godkannande', 'forfattarens', 'godkannarens']) {
      expect(threads.has(id), id).toBe(false)
      expect(loadFromDisk(w.data.dir, d.id, 'review').getMap('threads').has(id), id).toBe(false)
    }
    expect(readVerdicts(d.reviewWatcher.doc).barnratt).toBeUndefined()
  })
})

describe('revisions (issue 13.5)', () => {
  let d: Doc
  beforeAll(async () => {
    d = await readyDocument('Revisionsprov')
    expect((await sendToReview(d)).status).toBe(200)
    expect((await approve(d)).body.status).toBe('godkand')
  })
  const revise = (who: string, id = d.id) => call(who, 'POST', `/api/documents/${id}/revisions`)

  it('only authors, only from godkand', async () => {
    for (const who of ['rita', 'alva', 'linn']) expect((await revise(who)).status, who).toBe(403)
    const draft = await readyDocument('Inte godkänd')
    const res = await revise('anna', draft.id)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/only an approved document can be revised/)
  })

  it('"Ny revision": back to utkast as revision 2, approvals cleared; revision 1 stays frozen with its approval record and exports', async () => {
    const res = await revise('anna')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'utkast', revision: 2, approvals: [], canEdit: true })
    expect((await revise('anna')).status).toBe(409)
    // The text can change again (the content room follows the status at once).
    write(d.author.doc, 'arendet', ' Rättelse i revision två.')
    await settled(d.author, d.watcher)
    expect(sectionText(loadFromDisk(w.data.dir, d.id), 'arendet')).toContain('Rättelse i revision två.')

    const list = (await call('linn', 'GET', `/api/documents/${d.id}/revisions`)).body
    expect(list.current).toBe(2)
    expect(list.revisions).toMatchObject([{ revision: 1, approvals: [{ username: 'alva', name: 'Alva' }] }])
    const frozen = await call('linn', 'GET', `/api/documents/${d.id}/revisions/1/export?format=md`)
    expect(frozen.status).toBe(200)
    expect(frozen.body).toContain('Alva')
    expect(frozen.body).not.toContain('UTKAST')
    expect(frozen.body).not.toContain('Rättelse i revision två.')
    expect((await call('linn', 'GET', `/api/documents/${d.id}/revisions/2/export?format=md`)).status).toBe(404)
    const current = await call('linn', 'GET', `/api/documents/${d.id}/export?format=md`)
    expect(current.body).toContain('Revision 2')
    expect(current.body).toContain('UTKAST')

    const row = (await call('anna', 'GET', '/api/documents')).body.documents.find((x: { id: string }) => x.id === d.id)
    expect(row).toMatchObject({ revision: 2, status: 'utkast' })
    const versions = (await call('linn', 'GET', `/api/documents/${d.id}/versions`)).body.versions
    expect(versions[0]).toMatchObject({ kind: 'revision', status: 'godkand', revision: 1, label: 'Revision 1, godkänd' })
    const audit = (await call('linn', 'GET', `/api/documents/${d.id}/audit`)).body.entries
    expect(audit.at(-1)).toMatchObject({
      action: 'revision.started',
      actor: { username: 'anna' },
      details: { revision: 2, frozen: 1, clearedApprovals: ['alva'] },
    })
  })
})
