/**
 * The command line of `pnpm bench` (run.ts) and the sizes it picks: the issue's, or tiny
 * ones for --smoke. Parsed once, read by the runner and every scenario module.
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BENCH_DIR, SERVER_NAMES, type ServerName } from './servers.js'

const { values: opts } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    editors: { type: 'string' },
    seconds: { type: 'string' },
    servers: { type: 'string' },
    client: { type: 'string', default: 'lean' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    layouts: { type: 'string' },
  },
})

export const smoke = opts.smoke!
const only = (opts.only ?? [])
  .flatMap((o) => o.split(','))
  .map((o) => o.trim().toUpperCase())
  .filter(Boolean)
export const servers = (opts.servers ? opts.servers.split(',') : SERVER_NAMES) as ServerName[]
for (const s of servers) if (!SERVER_NAMES.includes(s)) throw new Error(`--servers: unknown server "${s}" (${SERVER_NAMES.join(', ')})`)
export const client = opts.client as 'lean' | 'stock'
if (client !== 'lean' && client !== 'stock') throw new Error('--client must be lean or stock')
const num = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`)
  return n
}
const editorsArg = num(opts.editors, 'editors')
const secondsArg = num(opts.seconds, 'seconds')
export const outDir = opts.out ?? join(BENCH_DIR, 'results')

/** Sizes: the issue's, or tiny ones for --smoke (a second or two each). */
export const SIZES = smoke
  ? {
      s1: { editors: [editorsArg ?? 4], seconds: secondsArg ?? 1.5 },
      s2: { clients: 20, docs: 5, editsPerSecond: 20, seconds: secondsArg ?? 1.5 },
      s3: { docs: 2, pages: 1 },
      s4: { pages: 2, trials: 1 },
      s5: { pages: 20, warmup: 5, iterations: 20, maxSeconds: 2 },
      s6: { pages: 20, warmup: 1, iterations: 2, maxSeconds: 5 },
      s7: { authors: 4, trials: 1 },
      s8: { pages: 5, seconds: 2 },
      s9: { docs: 50, requests: 10, warmup: 2 },
      s12: { megabytes: 0.25, baselineTrips: 3 },
      s13: { rooms: 2, writersPerRoom: 2, inFlight: 2, maxPerWriterPerSecond: 100, seconds: secondsArg ?? 1.5 },
      s14: { words: [200], keystrokes: 20 },
    }
  : {
      s1: { editors: editorsArg ? [editorsArg] : [50, 200], seconds: secondsArg ?? 30 },
      s2: { clients: 2000, docs: 500, editsPerSecond: 350, seconds: secondsArg ?? 30 },
      s3: { docs: 200, pages: 10 },
      s4: { pages: 100, trials: 3 },
      s5: { pages: 20, warmup: 500, iterations: 3000, maxSeconds: 20 },
      s6: { pages: 20, warmup: 5, iterations: 30, maxSeconds: 40 },
      s7: { authors: 12, trials: 3 },
      s8: { pages: 30, seconds: 10 },
      s9: { docs: 5000, requests: 200, warmup: 20 },
      s12: { megabytes: 4, baselineTrips: 20 },
      // 100 writers × ≤ 250 edits/s (under the server's 300 messages/s per socket): up to 25,000 offered per second.
      s13: { rooms: 25, writersPerRoom: 4, inFlight: 8, maxPerWriterPerSecond: 250, seconds: secondsArg ?? 10 },
      s14: { words: [0, 1000, 4000], keystrokes: 300 },
    }

/** Keep the servers' data directories after the run (--keep). */
export const keep = opts.keep!

/** --only S1,S4 (or S1-50): the scenario ids to run; none given runs all. */
export function selected(id: string): boolean {
  return only.length === 0 || only.some((o) => id === o || id.startsWith(o + '-'))
}

const layouts = (opts.layouts ?? '')
  .split(',')
  .map((l) => l.trim().toLowerCase())
  .filter(Boolean)
for (const l of layouts)
  if (!/^(pg|sqlite)-\d+-(nginx|spread|direct)$/.test(l)) throw new Error(`--layouts: "${l}" is not a layout key (e.g. pg-2-nginx, sqlite-1-direct)`)

/** --layouts pg-2-nginx,sqlite-1-nginx: which layouts S10, S11 and S13 run (instances.ts layoutKey); none given runs all. */
export function layoutSelected(key: string): boolean {
  return layouts.length === 0 || layouts.includes(key)
}
