/**
 * Dev tool (issue #12): cuts a failing fuzz session (yTiptapFuzz) down to a minimal list of
 * keystrokes and deliveries that still fails (delta debugging, ddmin), printed as harness calls
 * for yTiptapMovedText.test.ts. Run through yTiptapMinimise.test.ts (FUZZ_MINIMISE=<seed>[:merged]).
 *
 * A unit of the cut is a delivery, or a whole script item of one client (a token with its space,
 * a junk-and-delete, an Enter, a caret move), its keystrokes kept where they were: a cut never
 * leaves half a token, which would fail on its own for the wrong reason.
 */
import { type FuzzAction, fuzzProblems, fuzzSession } from './yTiptapFuzz.js'
import { Relay, trio } from './yTiptapHarness.js'

interface Replayed {
  problems: string
  /** Harness calls, one per line, for the actions that did something. */
  calls: string[]
  typed: string[]
}

/** Runs `actions` as the fuzz session ran them, then delivers everything. */
function replay(actions: FuzzAction[], merging: boolean): Replayed {
  const clients = trio()
  const names = ['a', 'b', 'c']
  const server = new Relay(clients, merging)
  const calls: string[] = []
  const typed = ['[a0]', '[b0]', '[c0]']
  let run = { client: -1, text: '' }
  const endRun = (): void => {
    if (run.text) calls.push(`${names[run.client]}.type(${JSON.stringify(run.text)})`)
    run = { client: -1, text: '' }
  }
  for (const action of actions) {
    const name = action.kind === 'flush' ? '' : names[action.client]
    if (action.kind === 'key' && action.key.kind === 'char') {
      if (run.client !== action.client) endRun()
      run = { client: action.client, text: run.text + action.key.ch }
      clients[action.client]!.type(action.key.ch)
      if (action.key.completes) typed.push(action.key.completes)
      continue
    }
    endRun()
    if (action.kind === 'up') {
      if (server.up(clients[action.client]!)) calls.push(`server.up(${name})`)
    } else if (action.kind === 'down') {
      if (server.down(clients[action.client]!)) calls.push(`server.down(${name})`)
    } else if (action.kind === 'flush') {
      if (merging) calls.push('server.flush()')
      server.flush()
    } else if (action.key.kind === 'backspace') {
      clients[action.client]!.backspace()
      calls.push(`${name}.backspace()`)
    } else if (action.key.kind === 'enter') {
      clients[action.client]!.enter()
      calls.push(`${name}.enter()`)
    } else if (action.key.kind === 'moveToOwn') {
      // As the fuzz session does it: after one of the client's own tokens, picked by r.
      const c = clients[action.client]!
      const own = new RegExp(`\\[${name}\\d+\\] `, 'g')
      const points: number[] = []
      c.view.state.doc.descendants((node, pos) => {
        if (node.isText) for (const m of node.text!.matchAll(own)) points.push(pos + m.index + m[0].length)
      })
      const at = points[Math.floor(action.key.r * points.length)]
      if (at !== undefined) {
        c.select(at)
        calls.push(`${name}.select(${at})`)
      }
    }
  }
  endRun()
  server.settle()
  return { problems: fuzzProblems({ paragraphs: clients.map((c) => c.paragraphs()), typed, log: [] }), calls, typed }
}

/** ddmin (Zeller): a 1-minimal sublist of `items` for which `fails` holds (it must hold for `items`). */
function ddmin<T>(items: T[], fails: (subset: T[]) => boolean): T[] {
  let n = 2
  while (items.length >= 2) {
    const size = Math.ceil(items.length / n)
    const chunks: T[][] = []
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
    const subset = chunks.find((chunk) => fails(chunk))
    if (subset) {
      items = subset
      n = 2
      continue
    }
    const complement = chunks.map((_, k) => chunks.filter((_, j) => j !== k).flat()).find((rest) => fails(rest))
    if (complement) {
      items = complement
      n = Math.max(n - 1, 2)
      continue
    }
    if (n >= items.length) break
    n = Math.min(items.length, n * 2)
  }
  return items
}

/** The minimised session of a failing seed, as test code; throws when the seed does not fail. */
export function minimise(seed: number, merging: boolean, steps = 2000): string {
  const actions: FuzzAction[] = []
  const original = fuzzProblems(fuzzSession(seed, { steps, batch: merging, record: actions }))
  if (original === '') throw new Error(`seed ${seed}${merging ? ' merged' : ''} does not fail`)
  // The replay must be the session itself, or what it cuts would not be this failure.
  const full = replay(actions, merging)
  if (full.problems !== original) throw new Error(`the replay differs from the session:\n${full.problems}\n---\n${original}`)
  const units = new Map<string, FuzzAction[]>()
  for (const [i, action] of actions.entries()) {
    const id = action.kind === 'key' ? `k${action.key.unit}` : `d${i}`
    units.set(id, [...(units.get(id) ?? []), action])
  }
  // A unit's actions keep their order in the session: cut by the index of its first action.
  const order = new Map(actions.map((a, i) => [a, i]))
  const flatten = (kept: FuzzAction[][]): FuzzAction[] => kept.flat().sort((x, y) => order.get(x)! - order.get(y)!)
  const kept = ddmin([...units.values()], (subset) => replay(flatten(subset), merging).problems !== '')
  const result = replay(flatten(kept), merging)
  return [
    `it('seed ${seed}${merging ? ', merged' : ''}, minimised', () => {`,
    // What it fails with now, to turn into the test's expectations.
    ...result.problems.split('\n').map((line) => `  // ${line}`),
    '  const [a, b, c] = trio()',
    `  const server = new Relay([a, b, c]${merging ? ', true' : ''})`,
    ...result.calls.map((call) => `  ${call}`),
    '  server.settle()',
    `  expect(fuzzProblems({ paragraphs: [a, b, c].map((x) => x.paragraphs()), typed: ${JSON.stringify(result.typed)}, log: [] })).toBe('')`,
    '})',
  ].join('\n')
}
