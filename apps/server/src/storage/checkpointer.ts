import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Db } from './db.js'

/** How often the background connection moves the WAL into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1_000

// The worker's connection state, shared with it so that stopping is synchronous: when the owner's
// `close()` returns, the worker's connection is closed too (or was never opened), and nothing
// touches the folder any more. Without it a test (or an admin) removing the data folder right
// after closing met files the still-starting worker created after the listing (ENOTEMPTY, CI).
const BOOTING = 0
const OPEN = 1
const STOPPING = 2
const CLOSED = 3
/** How long `stop()` waits for the worker to close its connection before going on regardless. */
const STOP_WAIT_MS = 5_000

// Plain JavaScript (an eval worker), so it runs the same under tsx, vitest and node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const state = new Int32Array(workerData.state)
// Claim the connection before opening it: if the owner stopped us while this thread was still
// starting, open nothing (a late open would create files in a folder being removed).
if (Atomics.compareExchange(state, 0, ${BOOTING}, ${OPEN}) !== ${BOOTING}) {
  parentPort.close()
} else {
  const Database = require(workerData.driver)
  let db
  try {
    // fileMustExist: the checkpointer never creates a database, only tends the owner's.
    db = new Database(workerData.file, { fileMustExist: true })
    db.pragma('busy_timeout = 5000')
  } catch (err) {
    Atomics.store(state, 0, ${CLOSED})
    Atomics.notify(state, 0)
    throw err
  }
  const stop = () => {
    clearInterval(timer)
    try { db.close() } finally {
      Atomics.store(state, 0, ${CLOSED})
      Atomics.notify(state, 0)
      parentPort.close()
    }
  }
  const timer = setInterval(() => {
    if (Atomics.load(state, 0) !== ${OPEN}) return stop()
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
    } catch (err) {
      parentPort.postMessage({ error: String(err && err.message) })
    }
  }, workerData.intervalMs)
  parentPort.on('message', stop)
}
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
  const shared = new SharedArrayBuffer(4)
  const state = new Int32Array(shared)
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: db.name, intervalMs: CHECKPOINT_INTERVAL_MS, state: shared },
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
    // Still starting: it will see CLOSED and open nothing. Open: ask it to close and wait for it.
    if (Atomics.compareExchange(state, 0, BOOTING, CLOSED) === BOOTING) return
    if (Atomics.compareExchange(state, 0, OPEN, STOPPING) !== OPEN) return
    worker.postMessage('stop')
    Atomics.wait(state, 0, STOPPING, STOP_WAIT_MS)
  }
}
