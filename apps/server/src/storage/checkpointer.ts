import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Db } from './db.js'

/** How often the background connection moves the WAL into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1_000

// Plain JavaScript (an eval worker), so it runs the same under tsx, vitest and node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message) })
  }
}, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection, instead of
 * inside whichever commit crosses the 1,000-page mark on the main thread: a checkpoint
 * copies pages and fsyncs the database file, a stall of milliseconds for every socket.
 * A PASSIVE checkpoint never blocks the writer. If the worker cannot run, the main
 * connection checkpoints as SQLite does by default. Returns the function that stops it.
 */
export function checkpointInBackground(db: Db, log: (message: string) => void = () => {}): () => void {
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: db.name, intervalMs: CHECKPOINT_INTERVAL_MS },
    })
  } catch (err) {
    log(`background checkpoints unavailable: ${(err as Error).message}`)
    return () => {}
  }
  worker.unref()
  let stopped = false
  db.pragma('wal_autocheckpoint = 0')
  const fallBack = (reason: string) => {
    if (stopped || !db.open) return
    stopped = true
    log(`background checkpoints stopped: ${reason}`)
    db.pragma('wal_autocheckpoint = 1000')
  }
  worker.on('message', (m: { error?: string }) => m.error && log(`background checkpoint failed: ${m.error}`))
  worker.on('error', (err) => fallBack(err.message))
  worker.on('exit', (code) => fallBack(`worker exited (${code})`))
  return () => {
    if (stopped) return
    stopped = true
    worker.postMessage('stop')
  }
}
