/**
 * Issue 22.3 and 22.4, through the real server, real SQLite and stock y-websocket clients:
 * separation of duties (nobody who is or was an author of this revision approves it) and
 * approvals tied to the text (each records the fingerprint of the text it approved; a
 * later change clears it, the approver is shown what changed, and no export shows an
 * approval above text its approver never saw). API.md "Approval integrity".
 */
import { describe, expect, it } from 'vitest'
import { addMember, connected, waitFor } from './harness.js'
import { serverWorld, settled } from './world.js'
import { fillHeader, TEXT, write } from './gateSupport.js'

const w = serverWorld(['anna', 'bo', 'alva', 'stina', 'linn'])
const { t, call, client } = w

/** A remissvar written in full by anna, with `members` added, not yet sent to review. */
async function readyDocument(title: string, members: Array<[string, 'author' | 'reviewer' | 'approver' | 'reader']>) {
  const created = await call('anna', 'POST', '/api/documents', { templateId: 'remissvar', title })
  expect(created.status).toBe(201)
  const id = created.body.id as string
  await addMember(w.server.url, t.anna!, id, 'linn', 'reader')
  for (const [who, role] of members) await addMember(w.server.url, t.anna!, id, who, role)
  const author = client(id, 'anna')
  const watcher = client(id, 'linn')
  await Promise.all([connected(author), connected(watcher)])
  fillHeader(author.doc)
  for (const [key, text] of Object.entries(TEXT)) write(author.doc, key, text)
  await settled(author, watcher)
  return { id, author, watcher }
}

describe('separation of duties (issue 22.3)', () => {
  it('an author who made himself approver before review cannot approve; the refusal is explained and audited', async () => {
    const d = await readyDocument('Jäv', [
      ['bo', 'author'],
      ['alva', 'approver'],
    ])
    // Bo writes, then (as author) another author makes him an approver: he wrote the text.
    const bo = client(d.id, 'bo')
    await connected(bo)
    write(bo.doc, 'bakgrund', ' Bo har skrivit det här.')
    await settled(bo, d.watcher)
    await addMember(w.server.url, t.anna!, d.id, 'bo', 'approver')
    expect((await call('anna', 'POST', `/api/documents/${d.id}/status`, { to: 'granskning' })).status).toBe(200)

    const check = await call('bo', 'GET', `/api/documents/${d.id}/approval-check`)
    expect(check.body).toMatchObject({ ready: false, wasAuthor: true })
    const refused = await call('bo', 'POST', `/api/documents/${d.id}/approvals`)
    expect(refused.status).toBe(403)
    expect(refused.body.error.details).toMatchObject({ reason: 'wasAuthor' })
    expect(refused.body.error.details.message).toContain('författare')
    // Alva never wrote it: her approval counts, but the document waits for an independent second one.
    expect((await call('alva', 'GET', `/api/documents/${d.id}/approval-check`)).body).toMatchObject({ ready: true, wasAuthor: false })
    const ok = await call('alva', 'POST', `/api/documents/${d.id}/approvals`)
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ status: 'granskning', approvals: [{ username: 'alva' }] })
    const audit = (await call('linn', 'GET', `/api/documents/${d.id}/audit`)).body.entries.map((e: { action: string }) => e.action)
    expect(audit).toContain('approval.refused')
  })

  it('the reproduction: during review an author cannot swap approvers to approve alone', async () => {
    const d = await readyDocument('Byte', [
      ['alva', 'approver'],
      ['stina', 'approver'],
      ['bo', 'author'],
    ])
    expect((await call('anna', 'POST', `/api/documents/${d.id}/status`, { to: 'granskning' })).status).toBe(200)
    expect((await call('anna', 'PUT', `/api/documents/${d.id}/members`, { username: 'alva', role: 'reader' })).status).toBe(409)
    expect((await call('anna', 'DELETE', `/api/documents/${d.id}/members/stina`)).status).toBe(409)
    expect((await call('anna', 'PUT', `/api/documents/${d.id}/members`, { username: 'bo', role: 'approver' })).status).toBe(409)
    // Reopened, the author makes himself approver: still an author of this revision.
    expect((await call('anna', 'POST', `/api/documents/${d.id}/status`, { to: 'utkast' })).status).toBe(200)
    await call('bo', 'DELETE', `/api/documents/${d.id}/members/alva`)
    await call('bo', 'DELETE', `/api/documents/${d.id}/members/stina`)
    expect((await call('bo', 'PUT', `/api/documents/${d.id}/members`, { username: 'anna', role: 'approver' })).status).toBe(200)
    expect((await call('bo', 'POST', `/api/documents/${d.id}/status`, { to: 'granskning' })).status).toBe(200)
    const res = await call('anna', 'POST', `/api/documents/${d.id}/approvals`)
    expect(res.status).toBe(403)
    expect((await call('linn', 'GET', `/api/documents/${d.id}`)).body).toMatchObject({ status: 'granskning', approvals: [] })
  })
})

describe('approvals tied to the text (issue 22.4)', () => {
  it('the reproduction: a change after an approval clears it, and no export shows it above text its approver never saw', async () => {
    const d = await readyDocument('Tio miljoner', [
      ['alva', 'approver'],
      ['stina', 'approver'],
    ])
    expect((await call('anna', 'POST', `/api/documents/${d.id}/status`, { to: 'granskning' })).status).toBe(200)
    expect((await call('alva', 'POST', `/api/documents/${d.id}/approvals`)).status).toBe(200)

    write(d.author.doc, 'forslag-till-beslut', ' Nämnden beviljar 10 miljoner kronor till projektet.')
    await settled(d.author, d.watcher)
    // Approver 2 approves the changed text: alone, it does not make the document approved.
    const second = await call('stina', 'POST', `/api/documents/${d.id}/approvals`)
    expect(second.status).toBe(200)
    expect(second.body.status).toBe('granskning')
    expect(second.body.approvals.map((a: { username: string }) => a.username)).toEqual(['stina'])
    const md = await call('linn', 'GET', `/api/documents/${d.id}/export?format=md`)
    expect(md.status).toBe(200)
    expect(md.body).toContain('beviljar 10 miljoner')
    expect(md.body).toContain('Stina')
    expect(md.body).not.toContain('Alva')

    // Alva is shown what changed since her approval, approves again, and now it is approved.
    const check = await call('alva', 'GET', `/api/documents/${d.id}/approval-check`)
    const changed = check.body.changesSinceYourApproval.sections.filter((s: { changed: boolean }) => s.changed)
    expect(changed.map((s: { key: string }) => s.key)).toEqual(['forslag-till-beslut'])
    expect(JSON.stringify(changed[0].diff)).toContain('beviljar 10 miljoner')
    const again = await call('alva', 'POST', `/api/documents/${d.id}/approvals`)
    expect(again.body.status).toBe('godkand')
    const audit = (await call('linn', 'GET', `/api/documents/${d.id}/audit`)).body.entries
    expect(audit.find((e: { action: string }) => e.action === 'approval.cleared')).toMatchObject({ details: { username: 'alva', reason: 'content changed' } })
  })

  it('the approval record follows the text without anyone approving: cleared soon after the change', async () => {
    const d = await readyDocument('Rubrikändring', [
      ['alva', 'approver'],
      ['stina', 'approver'],
    ])
    expect((await call('anna', 'POST', `/api/documents/${d.id}/status`, { to: 'granskning' })).status).toBe(200)
    expect((await call('alva', 'POST', `/api/documents/${d.id}/approvals`)).status).toBe(200)
    // The header is part of what was approved.
    d.author.doc.getMap('meta').set('dnr', 'SDN 2025/999')
    await settled(d.author, d.watcher)
    await waitFor(async () => (await call('linn', 'GET', `/api/documents/${d.id}`)).body.approvals.length === 0, 5_000, 'the approval to be cleared')
  })
})
