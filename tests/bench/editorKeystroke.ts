/**
 * S14 (issue #12), run in a child process by run.ts: what another author's keystroke costs
 * in my editor. I have typed a long document (words at random places, an Enter now and
 * then: many Yjs items of mine, as a day's editing leaves); the other author then types one
 * letter at a time, and each of their updates is applied to my Y.Doc, with the real
 * y-tiptap binding (our patch) and ProseMirror state, as the browser does on every remote
 * keystroke. Measured: the time to apply one remote keystroke, per size of my history.
 * Before the patch skipped its search for misplaced letters on transactions that only
 * insert, a 23,000-character document cost ≈ 40–90 ms per remote keystroke.
 */
import * as Y from 'yjs'
import { Client, pair } from '../../apps/web/src/editor/yTiptapHarness.js'
import { summarize, type LatencySummary } from './stats.js'

export type EditorKeystrokeTask = { words: number[]; keystrokes: number }
export type EditorKeystrokeResult = Array<{ words: number; ownItems: number; chars: number; latencyMs: LatencySummary }>

function measure(words: number, keystrokes: number): EditorKeystrokeResult[number] {
  const [me] = pair(['Start.'])
  // A fixed sequence (LCG), so every run builds the same document.
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  for (let i = 0; i < words; i++) {
    if (i % 40 === 39) me.enter()
    me.select(Math.max(1, Math.floor(random() * (me.view.state.doc.content.size - 2)) + 1))
    me.type(`w${i} `)
  }
  const other = new Client(Y.encodeStateAsUpdate(me.doc))
  me.outbox.length = 0
  const times: number[] = []
  for (let i = 0; i < keystrokes; i++) {
    other.select(3)
    other.type('x')
    const updates = other.outbox.splice(0)
    const t0 = performance.now()
    for (const u of updates) Y.applyUpdate(me.doc, u, 'remote')
    times.push(performance.now() - t0)
    me.outbox.length = 0
  }
  return { words, ownItems: me.doc.store.clients.get(me.doc.clientID)?.length ?? 0, chars: me.view.state.doc.content.size, latencyMs: summarize(times) }
}

async function main(): Promise<EditorKeystrokeResult> {
  const task = JSON.parse(process.argv[2]!) as EditorKeystrokeTask
  return task.words.map((w) => measure(w, task.keystrokes))
}

main().then(
  (result) => process.send!({ type: 'result', result }, () => process.exit(0)),
  (e) => process.send!({ type: 'error', message: (e as Error).stack ?? String(e) }, () => process.exit(1)),
)
