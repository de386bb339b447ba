/**
 * Test support: a seeded randomized co-editing session without a browser (issue #12). Three
 * clients (yTiptapHarness) each follow a random script of keystrokes — type a unique token,
 * put the caret after one of their own tokens, type junk and delete it, Enter, Enter+Backspace —
 * through a server that relays every update in the order it got it, each client receiving at
 * its own pace. The same seed gives the same session, so a failure replays exactly.
 */
import * as Y from 'yjs'
import { type Client, trio } from './yTiptapHarness.js'

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A keystroke; `unit`: the script item it belongs to (a token, a junk-and-delete, an Enter…). */
export type Key = ({ kind: 'char'; ch: string; completes?: string } | { kind: 'backspace' } | { kind: 'enter' } | { kind: 'moveToOwn'; r: number }) & {
  unit?: number
}

/** One step of a session as it happened (yTiptapMinimise replays and cuts them). */
export type FuzzAction = { kind: 'key'; client: number; key: Key } | { kind: 'up'; client: number } | { kind: 'down'; client: number } | { kind: 'flush' }

export interface FuzzResult {
  paragraphs: string[][]
  typed: string[]
  log: string[]
}

export interface FuzzOptions {
  steps?: number
  /** Called after every step with the clients and the log so far (tests watch invariants). */
  onStep?: (clients: Client[], log: string[], completed: string[][]) => void
  structure?: boolean
  /** Chance that a step is a delivery rather than a keystroke. */
  latency?: number
  /**
   * The server merges what reaches it between two flushes into one update (as its group
   * commit does), sent to every client but a sole origin.
   */
  batch?: boolean
  /** Receives every keystroke and delivery that happened, in order (not the final delivery of everything). */
  record?: FuzzAction[]
}

/** Runs one session; returns every client's final paragraphs (after all is delivered) and the tokens typed. */
export function fuzzSession(seed: number, { steps = 2000, structure = true, latency = 0.9, batch = false, onStep, record }: FuzzOptions = {}): FuzzResult {
  const random = rng(seed)
  const letters = ['a', 'b', 'c']
  const clients = trio()
  const typed = letters.map((l) => `[${l}0]`)
  const counters = [1, 1, 1]
  const scripts: Key[][] = [[], [], []]
  let units = 0
  const upstream: Uint8Array[][] = [[], [], []]
  const serverLog: Array<{ from: number; update: Uint8Array }> = []
  let pending: Array<{ from: number; update: Uint8Array }> = []
  const flush = (): void => {
    if (pending.length === 0) return
    const origins = new Set(pending.map((p) => p.from))
    serverLog.push({ from: origins.size === 1 ? pending[0]!.from : -1, update: Y.mergeUpdates(pending.map((p) => p.update)) })
    pending = []
  }
  const received = [0, 0, 0]
  const log: string[] = []
  /** Per client, the tokens it has typed to the end. */
  const completed: string[][] = letters.map((l) => [`[${l}0]`])
  /** Per client, the token it is typing now, as far as typed (letter and number at least). */
  const typing = ['', '', '']
  const collect = (): void => {
    for (const [i, c] of clients.entries()) upstream[i]!.push(...c.outbox.splice(0))
  }

  const plan = (i: number): void => {
    const op = random()
    const letter = letters[i]!
    const unit = units++
    const before = scripts[i]!.length
    if (op < 0.45) {
      const token = `[${letter}${counters[i]!++}] `
      typed.push(token.trim())
      for (const ch of token.trim()) scripts[i]!.push({ kind: 'char', ch })
      scripts[i]!.push({ kind: 'char', ch: ' ', completes: token.trim() })
    } else if (op < 0.7) {
      scripts[i]!.push({ kind: 'moveToOwn', r: random() })
    } else if (op < 0.84 || !structure) {
      scripts[i]!.push({ kind: 'char', ch: '%' }, { kind: 'char', ch: '%' }, { kind: 'backspace' }, { kind: 'backspace' })
    } else if (op < 0.94) {
      scripts[i]!.push({ kind: 'enter' })
    } else {
      scripts[i]!.push({ kind: 'enter' }, { kind: 'backspace' })
    }
    for (const key of scripts[i]!.slice(before)) key.unit = unit
  }

  const press = (i: number, key: Key): void => {
    const c = clients[i]!
    log.push(`${letters[i]} ${key.kind === 'char' ? JSON.stringify(key.ch) : key.kind}`)
    record?.push({ kind: 'key', client: i, key })
    if (key.kind === 'char') {
      c.type(key.ch)
      if (key.completes) completed[i]!.push(key.completes)
      else if (/^\[([abc]\d*)?$/.test(typing[i]! + key.ch)) typing[i] += key.ch
      else typing[i] = key.ch === '[' ? '[' : ''
    } else if (key.kind === 'backspace') c.backspace()
    else if (key.kind === 'enter') c.enter()
    else {
      const own = new RegExp(`\\[${letters[i]}\\d+\\] `, 'g')
      const points: number[] = []
      c.view.state.doc.descendants((node, pos) => {
        if (node.isText) for (const m of node.text!.matchAll(own)) points.push(pos + m.index + m[0].length)
      })
      const at = points[Math.floor(key.r * points.length)]
      if (at !== undefined) c.select(at)
    }
  }

  for (let step = 0; step < steps; step++) {
    if (random() < latency) {
      // A delivery: a client's update reaches the server, or the server's next update a client.
      const i = Math.floor(random() * 3)
      const r = random()
      if (r < 0.5 && upstream[i]!.length > 0) {
        log.push(`${letters[i]} -> server`)
        record?.push({ kind: 'up', client: i })
        const message = { from: i, update: upstream[i]!.shift()! }
        if (batch) pending.push(message)
        else serverLog.push(message)
      } else if (batch && r < 0.7) {
        log.push('server flush')
        record?.push({ kind: 'flush' })
        flush()
      } else {
        while (received[i]! < serverLog.length) {
          const { from, update } = serverLog[received[i]!++]!
          if (from !== i) {
            log.push(`${letters[i]} <- ${letters[from]}`)
            record?.push({ kind: 'down', client: i })
            Y.applyUpdate(clients[i]!.doc, update, 'remote')
            break
          }
        }
      }
    } else {
      const i = Math.floor(random() * 3)
      if (scripts[i]!.length === 0) plan(i)
      const key = scripts[i]!.shift()
      if (key) press(i, key)
    }
    collect()
    onStep?.(
      clients,
      log,
      completed.map((c, i) => (typing[i]!.length > 2 ? [...c, typing[i]!] : c)),
    )
  }
  // Everyone finishes what they are typing, then everything is delivered.
  for (let i = 0; i < 3; i++) while (scripts[i]!.length > 0) press(i, scripts[i]!.shift()!)
  collect()
  for (let round = 0; round < 50 && (upstream.some((u) => u.length > 0) || received.some((r) => r < serverLog.length)); round++) {
    for (let i = 0; i < 3; i++) for (const update of upstream[i]!.splice(0)) (batch ? pending : serverLog).push({ from: i, update })
    flush()
    for (let i = 0; i < 3; i++) {
      while (received[i]! < serverLog.length) {
        const { from, update } = serverLog[received[i]!++]!
        if (from !== i) Y.applyUpdate(clients[i]!.doc, update, 'remote')
      }
    }
    collect()
  }
  return { paragraphs: clients.map((c) => c.paragraphs()), typed, log }
}

/** What is wrong with a session's result: '' when every client holds the same text with every token once, whole. */
export function fuzzProblems({ paragraphs, typed }: FuzzResult): string {
  const problems: string[] = []
  const [one, ...others] = paragraphs.map((p) => p.join('\n'))
  if (others.some((o) => o !== one)) problems.push(`clients differ:\n${paragraphs.map((p) => p.join(' | ')).join('\n')}`)
  const found: string[] = (one ?? '').match(/\[[abc]\d+\]/g) ?? []
  const rest = (one ?? '').replace(/\[[abc]\d+\]/g, '').replace(/[ \n]/g, '')
  if (rest !== '') problems.push(`text outside whole tokens: ${JSON.stringify(rest)}`)
  const missing = typed.filter((t) => !found.includes(t))
  const twice = found.filter((t, i) => found.indexOf(t) !== i)
  if (missing.length > 0) problems.push(`missing: ${missing.join(' ')}`)
  if (twice.length > 0) problems.push(`twice: ${twice.join(' ')}`)
  if (problems.length > 0) problems.push(`text: ${(one ?? '').split('\n').join(' | ')}`)
  return problems.join('\n')
}
