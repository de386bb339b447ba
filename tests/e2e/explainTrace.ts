/**
 * Explains a randomized co-editing session from its sync trace (see coedit-random.spec.ts):
 *   COEDIT_TRACE=/tmp/trace.json COEDIT_SEED=12 pnpm test:e2e e2e/coedit-random.spec.ts
 *   npx tsx tests/e2e/explainTrace.ts /tmp/trace.json 'b0]' [60]
 * rebuilds the document from every update the browsers sent and received (deleted text kept),
 * and lists the letters of the section before the first live occurrence of the given text
 * (60 by default): each with its Yjs id, its author, and, when deleted, which author's
 * update deleted it and when (ms into the session). A torn token shows as a letter deleted
 * by someone who never typed it, or one that a move copied elsewhere.
 */
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { type SyncFrame, updatesOf } from './syncTrace.js'

interface Trace {
  authors: Array<{ username: string; frames: SyncFrame[] }>
}
interface Row {
  ch: string
  id: string
  author: string
  deletedBy: string
}

const [file, text, before = '60'] = process.argv.slice(2)
if (!file) throw new Error('usage: explainTrace.ts <trace.json> [text] [letters before]')
const trace = JSON.parse(readFileSync(file, 'utf8')) as Trace
const doc = new Y.Doc({ gc: false })
const authorOf = new Map<number, string>()
const deleter = new Map<string, string>()
for (const a of trace.authors) {
  for (const dir of ['in', 'out'] as const) for (const { update } of updatesOf(a.frames, dir)) Y.applyUpdate(doc, update)
  for (const { t, update } of updatesOf(a.frames, 'out')) {
    const { structs, ds } = Y.decodeUpdate(update)
    for (const s of structs) authorOf.set(s.id.client, a.username)
    for (const [client, ranges] of ds.clients)
      for (const r of ranges)
        for (let i = 0; i < r.len; i++) if (!deleter.has(`${client}:${r.clock + i}`)) deleter.set(`${client}:${r.clock + i}`, `${a.username} at ${t} ms`)
  }
}

// Every letter and block of the document in order, deleted ones included.
const rows: Row[] = []
const walk = (type: Y.AbstractType<unknown>): void => {
  for (let item = type._start; item; item = item.right) {
    const row = (ch: string, clock: number) => {
      const id = `${item.id.client}:${clock}`
      rows.push({ ch, id, author: authorOf.get(item.id.client) ?? String(item.id.client), deletedBy: item.deleted ? (deleter.get(id) ?? '?') : '' })
    }
    // Yjs counts UTF-16 units, so one row per unit keeps the ids right.
    if (item.content instanceof Y.ContentString) for (let i = 0; i < item.content.str.length; i++) row(item.content.str[i]!, item.id.clock + i)
    else if (item.content instanceof Y.ContentType) {
      row('¶', item.id.clock)
      walk(item.content.type as Y.AbstractType<unknown>)
    }
  }
}
walk(doc.getXmlFragment('default') as unknown as Y.AbstractType<unknown>)

let end = rows.length
if (text) {
  const live = rows.map((r, i) => [r, i] as const).filter(([r]) => !r.deletedBy && r.ch !== '¶')
  const at = live
    .map(([r]) => r.ch)
    .join('')
    .indexOf(text)
  if (at < 0) throw new Error(`"${text}" is not in the final text`)
  end = live[at + [...text].length - 1]![1] + 1
}
for (const r of rows.slice(Math.max(0, end - Number(before) - [...(text ?? '')].length), end))
  console.log(
    `${r.deletedBy ? '-' : ' '} ${JSON.stringify(r.ch).padEnd(5)} ${r.id.padEnd(16)} ${r.author.padEnd(6)} ${r.deletedBy ? `deleted by ${r.deletedBy}` : ''}`,
  )
