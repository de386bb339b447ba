/**
 * S12 (issue 22.2, SRV-S15), run in a child process by run.ts: a room stored far over the
 * quotas (4 MB of the smallest Yjs structs, written straight into SQLite as an older server
 * could have) is opened through a sync socket while an author's edits on another document
 * make round trips to a watcher, one after another. Measured in the server's own process
 * (the server runs in-process here): the event-loop delay while the big room loads
 * (perf_hooks monitorEventLoopDelay: p99 and max) and the other document's round trips
 * during the load — first with the room decoded on the main thread (`statePool: null`, the
 * server before SRV-S15), then on the state pool, in one run.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { smallestStructsOf } from '../reliability/bigState.js'
import {
  addMember,
  connect,
  connected,
  createDoc,
  execSql,
  NodeWebSocket,
  rows,
  seedUsers,
  signIn,
  startTestServer,
  tempDataDir,
  typeInSection,
} from '../reliability/support.js'
import { summarize, type LatencySummary } from './stats.js'

export type BigLoadTask = { megabytes: number; baselineTrips: number }

export interface BigLoadPhase {
  loadMs: number
  eventLoopDelayMs: { p99: number; max: number }
  baseline: LatencySummary
  duringLoad: LatencySummary
}
export type BigLoadResult = { megabytes: number; mainThread: BigLoadPhase; statePool: BigLoadPhase }

const task = JSON.parse(process.argv[2] ?? '{"megabytes":4,"baselineTrips":20}') as BigLoadTask

async function phase(statePool: null | undefined): Promise<BigLoadPhase> {
  const data = tempDataDir()
  try {
    await seedUsers(data.dir, ['anna', 'erik'])
    let server = await startTestServer(data.dir)
    let anna = await signIn(server.url, 'anna')
    const big = await createDoc(server.url, anna, 'Stort')
    const other = await createDoc(server.url, anna, 'Annat')
    await addMember(server.url, anna, other, 'erik', 'author')
    await server.close()
    const snapshot = rows<{ data: Buffer }>(data.dir, "SELECT data FROM snapshots WHERE document_id = ? AND room = 'content'", big)[0]!.data
    const stored = Y.mergeUpdates([snapshot, smallestStructsOf(task.megabytes * 1024 * 1024)])
    execSql(data.dir, "UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'", Buffer.from(stored), big)

    server = await startTestServer(data.dir, { statePool })
    anna = await signIn(server.url, 'anna')
    const erik = await signIn(server.url, 'erik')
    const author = connect(server.wsUrl, other, anna)
    const watcher = connect(server.wsUrl, other, erik)
    await Promise.all([connected(author), connected(watcher)])
    let n = 0
    /** One edit from the author until the watcher holds it (ms). */
    const roundTrip = () =>
      new Promise<number>((resolve) => {
        const text = ` r${++n}`
        const started = performance.now()
        const seen = () => {
          if (!watcher.doc.getXmlFragment('default').toString().includes(text)) return
          watcher.doc.off('update', seen)
          resolve(performance.now() - started)
        }
        watcher.doc.on('update', seen)
        typeInSection(author.doc, 'sammanfattning', text)
      })
    const baseline: number[] = []
    for (let i = 0; i < task.baselineTrips; i++) baseline.push(await roundTrip())

    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    const started = performance.now()
    // A raw socket: the bench does not apply the 4 MB itself (that would stall this thread too).
    const ws = new NodeWebSocket(`${server.wsUrl}/${big}?token=${anna}`)
    let openedAt: number | undefined
    const opened = new Promise<void>((resolve, reject) => {
      ws.onopen = () => {
        openedAt = performance.now()
        resolve()
      }
      ws.onerror = () => reject(new Error('the big document did not open'))
    })
    const during: number[] = []
    while (openedAt === undefined) {
      const trip = await Promise.race([roundTrip(), opened.then(() => undefined)])
      if (trip !== undefined && openedAt === undefined) during.push(trip)
    }
    delay.disable()
    ws.close()
    author.destroy()
    watcher.destroy()
    await server.close()
    return {
      loadMs: Math.round(openedAt - started),
      eventLoopDelayMs: { p99: Math.round(delay.percentile(99) / 1e6), max: Math.round(delay.max / 1e6) },
      baseline: summarize(baseline),
      duringLoad: summarize(during),
    }
  } finally {
    data.remove()
  }
}

async function main(): Promise<BigLoadResult> {
  const mainThread = await phase(null)
  const statePool = await phase(undefined)
  return { megabytes: task.megabytes, mainThread, statePool }
}

main().then(
  (result) => process.send!({ type: 'result', result }, () => process.exit(0)),
  (e) => process.send!({ type: 'error', message: (e as Error).stack ?? String(e) }, () => process.exit(1)),
)
