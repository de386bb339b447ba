/** Shared by the sharing and notification tests: a document complete enough for review, review-room writes. */
import * as Y from 'yjs'
import { TEXT, write } from './gateSupport.js'
import { api, connect, connected, waitFor, type Client } from './harness.js'

/** Substantive text per section (the gate tests'), with its own closing sentence. */
export const READY_TEXT: Record<string, string> = {
  ...TEXT,
  avslutning: 'Förvaltningen föreslår att nämnden godkänner svaret och överlämnar det till kommunstyrelsen.',
}

export const READY_META = {
  dnr: 'SDN 2026/12',
  namnd: 'Stadsdelsnämnden',
  meetingDate: '2026-03-12',
  forvaltning: 'Stadsdelsförvaltningen',
  avdelning: 'Avdelningen för stadsmiljö',
  handlaggare: { name: 'Anna Andersson', phone: '08-123 456' },
  date: '2026-02-20',
  signatories: [{ name: 'Karin Berg', title: 'Stadsdelsdirektör', forvaltning: 'Stadsdelsförvaltningen' }],
}

/** Creates a document (full header) and writes every section as its author's editor would. */
export async function readyDocument(base: string, wsUrl: string, token: string, title: string): Promise<string> {
  const res = await api(base, 'POST', '/api/documents', { token, body: { templateId: 'remissvar', title, meta: READY_META } })
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
  const id = res.body.id as string
  const author = connect(wsUrl, id, token)
  try {
    await connected(author)
    for (const [key, text] of Object.entries(READY_TEXT)) write(author.doc, key, text)
    await waitFor(async () => (await api(base, 'GET', `/api/documents/${id}/coverage`, { token })).body.complete === true, 5_000, 'the text to be stored')
  } finally {
    author.destroy()
  }
  return id
}

/** A review-room comment as the web app writes it (the shape of packages/review). */
export function writeComment(
  review: Client,
  input: { threadId: string; commentId: string; username: string; name: string; text: string; reply?: boolean },
): void {
  const comment = { id: input.commentId, author: { username: input.username, name: input.name }, text: input.text, at: new Date().toISOString() }
  const threads = review.doc.getMap<Y.Map<unknown>>('threads')
  if (input.reply) {
    ;(threads.get(input.threadId)!.get('comments') as Y.Array<unknown>).push([comment])
    return
  }
  review.doc.transact(() => {
    const thread = new Y.Map<unknown>()
    threads.set(input.threadId, thread)
    thread.set('id', input.threadId)
    thread.set('anchor', { start: 'AA==', end: 'AA==', quote: 'parkerna', sectionKey: 'synpunkter' })
    thread.set('createdAt', comment.at)
    thread.set('resolved', false)
    thread.set('resolvedBy', null)
    thread.set('resolvedAt', null)
    const comments = new Y.Array<unknown>()
    thread.set('comments', comments)
    comments.push([comment])
  })
}
