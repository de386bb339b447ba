/**
 * `pnpm bench:storage`: committed updates per second on SQLite and on PostgreSQL in the
 * same run (issue 19). Each "instance" is a loop that commits a batch and waits for the
 * commit before the next, as the group commit does: batch 1 is one typist alone, batch 50
 * is 50 editors' keystrokes of one event-loop turn. PostgreSQL also runs with two
 * instances (two pools) writing one room at once. PostgreSQL is a private server
 * (scripts/services.mjs) with the default fsync on, like SQLite's WAL commit.
 *
 *   pnpm bench:storage [--seconds 5]
 */
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { openDatabase, openPostgres, PgUpdateLog, SqliteUpdateLog, type StoredUpdate } from '@perspektiv/server'
import { startServices, servicesMissing } from '../../scripts/services.mjs'
import { tempDataDir } from '../server/harness.js'
import { Samples, type LatencySummary } from './stats.js'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' } } })
const seconds = Number(values.seconds)
if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--seconds must be a positive number, got "${values.seconds}"`)

const DOC = 'bench-storage'
/** Keystroke-sized updates (a few characters each) of 50 editors, as the server stores them. */
const UPDATES: Uint8Array[] = (() => {
  const out: Uint8Array[] = []
  const docs = Array.from({ length: 50 }, () => new Y.Doc())
  for (let i = 0; i < 2000; i++) {
    const doc = docs[i % docs.length]!
    const before = Y.encodeStateVector(doc)
    doc.getText('t').insert(doc.getText('t').length, 'ord ')
    out.push(Y.encodeStateAsUpdate(doc, before))
  }
  return out
})()

interface Result {
  backend: string
  instances: number
  batch: number
  updatesPerSecond: number
  commit: LatencySummary
}

type Append = (batch: StoredUpdate[]) => void | Promise<void>

async function run(backend: string, appends: Append[], batch: number): Promise<Result> {
  const samples = new Samples()
  let committed = 0
  const until = performance.now() + seconds * 1000
  await Promise.all(
    appends.map(async (append, instance) => {
      let next = instance * 7
      while (performance.now() < until) {
        const rows: StoredUpdate[] = []
        for (let i = 0; i < batch; i++) rows.push({ documentId: DOC, room: 'content', data: UPDATES[next++ % UPDATES.length]! })
        const started = performance.now()
        await append(rows)
        samples.add(performance.now() - started)
        committed += batch
      }
    }),
  )
  return { backend, instances: appends.length, batch, updatesPerSecond: Math.round(committed / seconds), commit: samples.summary() }
}

const results: Result[] = []
const log = (r: Result) => {
  results.push(r)
  console.error(
    `[bench:storage] ${r.backend} ×${r.instances} batch ${r.batch}: ${r.updatesPerSecond} updates/s, commit p50 ${r.commit.p50} ms p99 ${r.commit.p99} ms`,
  )
}

const data = tempDataDir()
const db = openDatabase(data.dir)
try {
  db.prepare("INSERT INTO documents (id, template_id, title, created_at, updated_at) VALUES (?, 'remissvar', 'Bench', '', '')").run(DOC)
  const sqlite = new SqliteUpdateLog(db)
  for (const batch of [1, 50]) log(await run('SQLite', [(b) => sqlite.appendUpdates(b)], batch))
} finally {
  db.close()
  data.remove()
}

const missing = servicesMissing()
if (missing) console.error(`[bench:storage] PostgreSQL skipped: ${missing}`)
else {
  const services = await startServices()
  try {
    const url = services.postgres.createDatabase('bench')
    const pools = [await openPostgres(url), await openPostgres(url)]
    await pools[0]!.query("INSERT INTO documents (id, template_id, title, created_at, updated_at) VALUES ($1, 'remissvar', 'Bench', '', '')", [DOC])
    const logs = pools.map((p) => new PgUpdateLog(p))
    for (const batch of [1, 50]) log(await run('PostgreSQL', [(b) => logs[0]!.appendUpdates(b)], batch))
    for (const batch of [1, 50])
      log(
        await run(
          'PostgreSQL',
          logs.map((l) => (b: StoredUpdate[]) => l.appendUpdates(b)),
          batch,
        ),
      )
    await Promise.all(pools.map((p) => p.end()))
  } finally {
    await services.stop()
  }
}

console.log('| backend | instances | batch | committed updates/s | commit p50 ms | commit p99 ms |')
console.log('|---|---|---|---|---|---|')
for (const r of results) console.log(`| ${r.backend} | ${r.instances} | ${r.batch} | ${r.updatesPerSecond} | ${r.commit.p50} | ${r.commit.p99} |`)
