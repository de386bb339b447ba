import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import JSZip from 'jszip'
import { toBase64 } from 'lib0/buffer'
import { CONTENT_FRAGMENT } from '@perspektiv/document'
import { decideSuggestion, listSuggestions, putSuggestion, type Suggestion } from '@perspektiv/review'
import { addMember, connected, createDoc, loadFromDisk, waitFor, type Client } from './harness.js'
import { fillHeader, TEXT, write } from './gateSupport.js'
import { serverWorld, settled } from './world.js'

/**
 * Issue 21, review S8: what the server makes of open suggestions without ever writing them
 * into the text — the coverage as if they were accepted, and a draft's DOCX with them as Word
 * tracked changes. Real server, stock y-websocket clients.
 */
const w = serverWorld(['anna', 'rita', 'alva'])
let docId: string
let anna: Client
const SHORT_ALDRE = 'Äldre personer undviker parker på kvällen.'
const MORE_ALDRE =
  ' Bättre belysning, fler bänkar med armstöd och vinterväghållning av gångstråken gör att äldre kan röra sig tryggt och självständigt i närmiljön under hela året.'

/** The XmlText of a section holding `needle`. */
function textWith(doc: Y.Doc, needle: string): Y.XmlText {
  for (const n of doc.getXmlFragment(CONTENT_FRAGMENT).createTreeWalker((x) => x instanceof Y.XmlText)) {
    if (n.toString().includes(needle)) return n as Y.XmlText
  }
  throw new Error(`no text with "${needle}"`)
}

/** A suggestion anchored as the editor anchors one: start sticks to the next character, end to the one before. */
function suggest(id: string, doc: Y.Doc, needle: string, replacement: string, sectionKey: string, at: 'range' | 'after'): Suggestion {
  const text = textWith(doc, needle)
  const index = text.toString().indexOf(needle)
  const rel = (i: number, assoc: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i, assoc)))
  const anchor =
    at === 'range'
      ? { start: rel(index, 0), end: rel(index + needle.length, -1), quote: needle, sectionKey }
      : { start: rel(index + needle.length, -1), end: rel(index + needle.length, -1), quote: '', sectionKey }
  return {
    id,
    anchor,
    text: replacement,
    author: { username: 'rita', name: 'Rita' },
    at: '2026-12-02T09:30:00.000Z',
    state: 'open',
    decidedBy: null,
    decidedAt: null,
  }
}

beforeAll(async () => {
  docId = await createDoc(w.server.url, w.t.anna!, 'Trygghet i parker')
  await addMember(w.server.url, w.t.anna!, docId, 'rita', 'reviewer')
  anna = w.client(docId, 'anna')
  const watcher = w.client(docId, 'anna')
  await Promise.all([connected(anna), connected(watcher)])
  anna.doc.transact(() => {
    for (const [key, text] of Object.entries(TEXT)) write(anna.doc, key, key === 'aldre' ? SHORT_ALDRE : text)
    fillHeader(anna.doc)
  })
  await settled(anna, watcher)
  const rita = w.client(`${docId}/review`, 'rita')
  const reviewWatcher = w.client(`${docId}/review`, 'anna')
  await Promise.all([connected(rita), connected(reviewWatcher)])
  putSuggestion(rita.doc, suggest('s-aldre', anna.doc, 'kvällen.', MORE_ALDRE, 'aldre', 'after'))
  putSuggestion(rita.doc, suggest('s-arendet', anna.doc, 'tjugofyra', 'tjugofem', 'arendet', 'range'))
  await waitFor(() => listSuggestions(reviewWatcher.doc).length === 2, 5_000, 'suggestions stored')
})

const aldre = (body: { perspectives: Array<{ key: string; status: string }> }) => body.perspectives.find((p) => p.key === 'aldre')?.status

describe('open suggestions in coverage and export (issue 21, review S8)', () => {
  it('[S8] coverage "if every open suggestion were accepted" counts the suggested text; the content Y.Doc is never changed', async () => {
    const before = Y.encodeStateVector(loadFromDisk(w.data.dir, docId))
    const now = await w.call('anna', 'GET', `/api/documents/${docId}/coverage`)
    const accepted = await w.call('rita', 'GET', `/api/documents/${docId}/coverage?suggestions=accepted`)
    expect(now.status).toBe(200)
    expect(accepted.status).toBe(200)
    expect(aldre(now.body)).not.toBe('covered')
    expect(aldre(accepted.body)).toBe('covered')
    expect(Y.encodeStateVector(loadFromDisk(w.data.dir, docId))).toEqual(before)
    expect((await w.call('anna', 'GET', `/api/documents/${docId}/coverage?suggestions=maybe`)).status).toBe(400)
  })

  it('[S8] a draft DOCX with ?suggestions=tracked carries each open suggestion as w:ins/w:del by its suggester; without it, none', async () => {
    const download = async (query: string) => {
      const res = await fetch(`${w.server.url}/api/documents/${docId}/export?${query}`, { headers: { Authorization: `Bearer ${w.t.anna}` } })
      return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) }
    }
    const xml = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    const tracked = await download('format=docx&suggestions=tracked')
    expect(tracked.status).toBe(200)
    const doc = await xml(tracked.bytes)
    expect(doc).toMatch(/<w:del [^>]*w:author="Rita" w:date="2026-12-02T09:30:00Z"[^>]*>.*?<w:delText[^>]*>tjugofyra<\/w:delText>/)
    expect(doc).toMatch(/<w:ins [^>]*w:author="Rita"[^>]*>.*?<w:t[^>]*>tjugofem<\/w:t>/)
    expect(doc).toContain('fler bänkar med armstöd')
    expect(await xml((await download('format=docx')).bytes)).not.toMatch(/<w:(ins|del) /)
    const pdf = await download('format=pdf&suggestions=tracked')
    expect(pdf.status).toBe(400)
    expect(new TextDecoder().decode(pdf.bytes)).toContain('only for format=docx')
  })
})

describe('an approved document never exports suggestions (issue 21, review S7/S8)', () => {
  it('[S7][S8] ?suggestions=tracked on an approved document is a 409 naming why; the plain DOCX has no tracked change; other formats are a 400', async () => {
    const id = await createDoc(w.server.url, w.t.anna!, 'Godkänd utan förslag')
    await addMember(w.server.url, w.t.anna!, id, 'rita', 'reviewer')
    await addMember(w.server.url, w.t.anna!, id, 'alva', 'approver')
    const author = w.client(id, 'anna')
    const watcher = w.client(id, 'anna')
    const rita = w.client(`${id}/review`, 'rita')
    const annaReview = w.client(`${id}/review`, 'anna')
    await Promise.all([connected(author), connected(watcher), connected(rita), connected(annaReview)])
    author.doc.transact(() => {
      for (const [key, text] of Object.entries(TEXT)) write(author.doc, key, text)
      fillHeader(author.doc)
    })
    await settled(author, watcher)
    // The review room holds a suggestion (decided: open ones would refuse the approval).
    putSuggestion(rita.doc, suggest('s-godkand', author.doc, 'tjugofyra', 'tjugofem', 'arendet', 'range'))
    await waitFor(() => listSuggestions(annaReview.doc).length === 1, 5_000, 'suggestion stored')
    decideSuggestion(annaReview.doc, 's-godkand', 'rejected', { username: 'anna', name: 'Anna' }, new Date().toISOString())
    await waitFor(() => listSuggestions(rita.doc)[0]?.state === 'rejected', 5_000, 'rejection stored')
    expect((await w.call('anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' })).status).toBe(200)
    const approved = await w.call('alva', 'POST', `/api/documents/${id}/approvals`)
    expect(approved.body.status, JSON.stringify(approved.body)).toBe('godkand')

    const download = (query: string) => fetch(`${w.server.url}/api/documents/${id}/export?${query}`, { headers: { Authorization: `Bearer ${w.t.anna}` } })
    const tracked = await download('format=docx&suggestions=tracked')
    expect(tracked.status).toBe(409)
    expect(((await tracked.json()) as { error: { message: string } }).error.message).toContain('an approved document never carries suggestions')
    const plain = await download('format=docx')
    expect(plain.status).toBe(200)
    const xml = await (await JSZip.loadAsync(new Uint8Array(await plain.arrayBuffer()))).file('word/document.xml')!.async('string')
    expect(xml).toContain('tjugofyra')
    expect(xml).not.toMatch(/<w:(ins|del) /)
    for (const format of ['pdf', 'html', 'md']) {
      const res = await download(`format=${format}&suggestions=tracked`)
      expect(res.status, format).toBe(400)
      expect(await res.text(), format).toContain('only for format=docx')
    }
  })
})
