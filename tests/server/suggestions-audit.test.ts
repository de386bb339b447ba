/**
 * Review S10 (G8): typing in suggestion mode changes the suggestion with every key; the audit
 * log has one entry per suggestion per burst of typing, saying what it proposes at the end of
 * the burst. Real server, stock y-websocket clients, the entries as the API and the SQLite
 * file have them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { decideSuggestion, listSuggestions, putSuggestion, type Suggestion } from '@perspektiv/review'
import { addMember, connected, createDoc, rows, waitFor, type Client } from './harness.js'
import { serverWorld } from './world.js'

// A pause of 1.5 s ends a burst here (5 s in production), so the quiet case needs no API read.
const w = serverWorld(['anna', 'rita'], { summaryDelayMs: 50, suggestionBurstQuietMs: 1_500 })
let docId: string
let rita: Client
let anna: Client

const suggestion = (id: string, text: string): Suggestion => ({
  id,
  anchor: { start: 'AA==', end: 'AB==', quote: 'tjugofyra', sectionKey: 'arendet' },
  text,
  author: { username: 'rita', name: 'Rita' },
  at: '2026-12-02T10:00:00.000Z',
  state: 'open',
  decidedBy: null,
  decidedAt: null,
})

/** Rita types `word` letter by letter into suggestion `id`: one review-room update per key. */
async function typeInto(id: string, word: string, from = ''): Promise<void> {
  for (let i = 1; i <= word.length; i++) putSuggestion(rita.doc, suggestion(id, from + word.slice(0, i)))
  await waitFor(() => listSuggestions(anna.doc).find((s) => s.id === id)?.text === from + word, 5_000, `${id} stored`)
}

type Entry = { action: string; actor: { username: string } | null; details: { suggestionId?: string; text?: string } }
const logOf = async (id: string) => {
  const res = await w.call('anna', 'GET', `/api/documents/${docId}/audit`)
  return (res.body.entries as Entry[]).filter((e) => e.details?.suggestionId === id).map((e) => [e.action, e.actor?.username, e.details.text])
}

beforeAll(async () => {
  docId = await createDoc(w.server.url, w.t.anna!, 'Förslag i loggen')
  await addMember(w.server.url, w.t.anna!, docId, 'rita', 'reviewer')
  rita = w.client(`${docId}/review`, 'rita')
  anna = w.client(`${docId}/review`, 'anna')
  await Promise.all([connected(rita), connected(anna)])
})

describe('the audit log of a suggestion typed key by key (review S10)', () => {
  it('[S10] a word typed into a new suggestion is one entry, "created", with the whole word', async () => {
    await typeInto('s1', 'tjugofem')
    expect(await logOf('s1')).toEqual([['review.suggestion.created', 'rita', 'tjugofem']])
  })

  it('[S10] typing on later is one "extended" with what it proposes now; the decision follows it', async () => {
    await typeInto('s1', ' nya', 'tjugofem')
    decideSuggestion(anna.doc, 's1', 'rejected', { username: 'anna', name: 'Anna' }, new Date().toISOString())
    await waitFor(() => listSuggestions(rita.doc)[0]?.state === 'rejected', 5_000, 'rejection stored')
    expect(await logOf('s1')).toEqual([
      ['review.suggestion.created', 'rita', 'tjugofem'],
      ['review.suggestion.extended', 'rita', 'tjugofem nya'],
      ['review.suggestion.rejected', 'anna', undefined],
    ])
  })

  it('[S10] a pause ends the burst: the entry is written without anyone reading the log', async () => {
    await typeInto('s2', 'femton')
    const stored = () =>
      rows<{ action: string; details: string }>(
        w.data.dir,
        "SELECT action, details FROM audit_log WHERE document_id = ? AND action LIKE 'review.suggestion.%'",
        docId,
      )
        .map((r) => ({ action: r.action, ...(JSON.parse(r.details) as { suggestionId: string; text: string }) }))
        .filter((r) => r.suggestionId === 's2')
    await waitFor(() => stored().length > 0, 10_000, 'the burst written')
    expect(stored().map((r) => [r.action, r.text])).toEqual([['review.suggestion.created', 'femton']])
  })
})
