/**
 * Test support for the y-tiptap patch (issue #12): clients that are each a ProseMirror state with
 * y-tiptap's real ySyncPlugin and binding (and yUndoPlugin) over its own Y.Doc, without a
 * browser. What the plugins' views do with a real EditorView (sync a local change to Yjs in a
 * sync-origin transaction, remember the selection with each undo step) is done here.
 */
import * as Y from 'yjs'
import { redo, undo, ySyncPlugin, ySyncPluginKey, yUndoPlugin, yUndoPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap'
import { Schema } from '@tiptap/pm/model'
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { joinBackward, splitBlock } from '@tiptap/pm/commands'

export const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: { group: 'block', content: 'text*', toDOM: () => ['p', 0] },
    // A sub-heading: a change of block type, which Yjs sees as a delete and an insert (WEB-E6).
    heading: { group: 'block', content: 'text*', attrs: { level: { default: 3 } }, toDOM: (n) => [`h${n.attrs.level}`, 0] },
    text: {},
  },
})

type Command = (state: EditorState, dispatch: (tr: Transaction) => void) => unknown

export class Client {
  readonly doc = new Y.Doc()
  /** Updates this client made, not yet delivered to the others. */
  readonly outbox: Uint8Array[] = []
  readonly view: { state: EditorState; dispatch: (tr: Transaction) => void; hasFocus: () => boolean }
  private readonly binding: ProsemirrorBinding

  /** `clientID`: fixed, so a seeded session orders concurrent inserts the same way every run. */
  constructor(initial?: Uint8Array, clientID?: number) {
    if (clientID !== undefined) this.doc.clientID = clientID
    if (initial) Y.applyUpdate(this.doc, initial, 'remote')
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.outbox.push(update)
    })
    this.view = {
      state: EditorState.create({ schema, plugins: [ySyncPlugin(this.doc.getXmlFragment('default')), yUndoPlugin()] }),
      dispatch: (tr) => {
        this.view.state = this.view.state.apply(tr)
      },
      hasFocus: () => false,
    }
    this.binding = ySyncPluginKey.getState(this.view.state).binding
    this.binding.initView(this.view)
    this.binding._forceRerender()
    // yUndoPlugin's view: each undo step keeps the selection from before it.
    const undoManager = yUndoPluginKey.getState(this.view.state).undoManager as Y.UndoManager
    undoManager.on('stack-item-added', ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) => {
      stackItem.meta.set(this.binding, yUndoPluginKey.getState(this.view.state).prevSel)
    })
    type Selection = ProsemirrorBinding['beforeTransactionSelection']
    undoManager.on('stack-item-popped', ({ stackItem }: { stackItem: { meta: Map<unknown, Selection> } }) => {
      this.binding.beforeTransactionSelection = stackItem.meta.get(this.binding) ?? this.binding.beforeTransactionSelection
    })
  }

  /** A local edit, synced to Yjs the way ySyncPlugin's view does it. */
  edit(command: Command): void {
    command(this.view.state, (tr) => this.view.dispatch(tr))
    this.binding.mux(() => {
      this.doc.transact(() => this.binding._prosemirrorChanged(this.view.state.doc), ySyncPluginKey)
    })
  }

  setText(paragraphs: string[]): void {
    this.edit((state, dispatch) =>
      dispatch(
        state.tr.replaceWith(
          0,
          state.doc.content.size,
          paragraphs.map((t) => schema.node('paragraph', null, t ? schema.text(t) : [])),
        ),
      ),
    )
  }

  /** Caret after `before` in paragraph `index`; false when it is not there. */
  caretAfter(index: number, before: string): boolean {
    const doc = this.view.state.doc
    if (index >= doc.childCount) return false
    let pos = 0
    for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize
    const offset = doc.child(index).textContent.indexOf(before)
    if (offset < 0) return false
    this.select(pos + 1 + offset + before.length)
    return true
  }

  select(anchor: number, head = anchor): void {
    this.edit((state, dispatch) => dispatch(state.tr.setSelection(TextSelection.create(state.doc, anchor, head))))
  }

  /** Backspace as the keyboard does it: a character, or at a paragraph's start a join. */
  backspace(times = 1): void {
    for (let i = 0; i < times; i++) {
      this.edit((state, dispatch) => {
        if (!state.selection.empty) return dispatch(state.tr.deleteSelection())
        if (state.selection.$from.parentOffset === 0) return joinBackward(state, dispatch)
        return dispatch(state.tr.delete(state.selection.from - 1, state.selection.from))
      })
    }
  }

  enter(): void {
    this.edit(splitBlock)
  }

  type(text: string): void {
    for (const ch of text) this.edit((state, dispatch) => dispatch(state.tr.insertText(ch)))
  }

  undo(): void {
    this.edit((state) => undo(state))
  }

  redo(): void {
    this.edit((state) => redo(state))
  }

  /** Ends the current undo step, as a pause in typing does. */
  pause(): void {
    ;(yUndoPluginKey.getState(this.view.state).undoManager as Y.UndoManager).stopCapturing()
  }

  /** The caret's paragraph and offset in it. */
  caret(): { paragraph: number; offset: number } {
    const $head = this.view.state.selection.$head
    return { paragraph: $head.index(0), offset: $head.parentOffset }
  }

  paragraphs(): string[] {
    const out: string[] = []
    this.view.state.doc.forEach((p) => {
      out.push(p.textContent)
    })
    return out
  }
}

/** Delivers everything `from` has made so far to the others. */
export function deliver(from: Client, ...to: Client[]): void {
  for (const update of from.outbox.splice(0)) for (const t of to) Y.applyUpdate(t.doc, update, 'remote')
}

/** Delivers until nobody has anything new (the repairs clients make are updates too). */
export function deliverAll(clients: Client[]): void {
  while (clients.some((c) => c.outbox.length > 0)) for (const c of clients) deliver(c, ...clients.filter((o) => o !== c))
}

/**
 * The server's group commit: everything the `from` clients have made so far, merged into one
 * update (Y.mergeUpdates), reaches every client in `to` (the server sends a merge of several
 * clients' updates to all, its senders too). Returns it, for clients that get it later.
 */
export function deliverMerged(from: Client[], to: Client[]): Uint8Array {
  const merged = Y.mergeUpdates(from.flatMap((c) => c.outbox.splice(0)))
  for (const t of to) Y.applyUpdate(t.doc, merged, 'remote')
  return merged
}

/** Two clients holding `paragraphs`, made by the first; `ids`: fixed Yjs client ids (they order concurrent inserts at one place). */
export function pair(paragraphs: string[], ids: [number, number] | [] = []): [Client, Client] {
  const anna = new Client(undefined, ids[0])
  anna.setText(paragraphs)
  anna.outbox.length = 0
  return [anna, new Client(Y.encodeStateAsUpdate(anna.doc), ids[1])]
}

/**
 * The fuzz session's three clients (yTiptapFuzz): ids 1001-1003, one paragraph with a token of
 * each, each caret after its own token. Shared so that a minimised session (yTiptapMinimise)
 * pasted into a test starts from the same document.
 */
export function trio(): [Client, Client, Client] {
  const first = new Client(undefined, 1001)
  first.setText(['[a0] [b0] [c0] '])
  first.outbox.length = 0
  const clients: [Client, Client, Client] = [first, new Client(Y.encodeStateAsUpdate(first.doc), 1002), new Client(Y.encodeStateAsUpdate(first.doc), 1003)]
  for (const [i, c] of clients.entries()) c.caretAfter(0, `[${'abc'[i]}0] `)
  return clients
}

/**
 * The fuzz session's server, one step at a time: `up` takes a client's next update, `down` gives
 * a client the next update in the server's log that it did not send, and when `merging`,
 * `flush` merges what came up since the last flush into one update (the group commit). The fuzz
 * session's order of events, replayed through it, gives the same documents.
 */
export class Relay {
  private readonly upstream: Uint8Array[][]
  private readonly log: Array<{ from: number; update: Uint8Array }> = []
  private pending: Array<{ from: number; update: Uint8Array }> = []
  private readonly received: number[]

  constructor(
    private readonly clients: Client[],
    private readonly merging = false,
  ) {
    this.upstream = clients.map(() => [])
    this.received = clients.map(() => 0)
  }

  /** Whether `client` had an update to send. */
  up(client: Client): boolean {
    const i = this.collect(client)
    const update = this.upstream[i]!.shift()
    if (!update) return false
    ;(this.merging ? this.pending : this.log).push({ from: i, update })
    return true
  }

  flush(): void {
    if (this.pending.length === 0) return
    const origins = new Set(this.pending.map((p) => p.from))
    this.log.push({ from: origins.size === 1 ? this.pending[0]!.from : -1, update: Y.mergeUpdates(this.pending.map((p) => p.update)) })
    this.pending = []
  }

  /** Whether `client` got an update. */
  down(client: Client): boolean {
    const i = this.collect(client)
    while (this.received[i]! < this.log.length) {
      const { from, update } = this.log[this.received[i]!++]!
      if (from !== i) {
        Y.applyUpdate(client.doc, update, 'remote')
        return true
      }
    }
    return false
  }

  /** Everything sent up and delivered, the repairs that causes too (as the fuzz session ends). */
  settle(): void {
    this.collect()
    // Updates taken up but not yet flushed count too: a cut session (yTiptapMinimise) can end
    // between an `up` and its `flush`, and without them settling delivered nothing.
    const busy = (): boolean => this.pending.length > 0 || this.upstream.some((u) => u.length > 0) || this.received.some((r) => r < this.log.length)
    for (let round = 0; round < 50 && busy(); round++) {
      for (const [i, u] of this.upstream.entries()) for (const update of u.splice(0)) (this.merging ? this.pending : this.log).push({ from: i, update })
      this.flush()
      for (const [i, c] of this.clients.entries()) {
        while (this.received[i]! < this.log.length) {
          const { from, update } = this.log[this.received[i]!++]!
          if (from !== i) Y.applyUpdate(c.doc, update, 'remote')
        }
      }
      this.collect()
    }
  }

  /** Moves every client's new updates to its queue at the server (the order per client is kept). */
  private collect(client?: Client): number {
    for (const [i, c] of this.clients.entries()) this.upstream[i]!.push(...c.outbox.splice(0))
    return client ? this.clients.indexOf(client) : -1
  }
}
