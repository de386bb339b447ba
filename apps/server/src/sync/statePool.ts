import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { ownBuffer, type ResultOf, type StateJob, type StateResult } from './stateJobs.js'

export interface StateRequest {
  id: number
  job: StateJob
}
export type StateReply = { id: number; result: StateResult } | { id: number; error: string }

/** The job's own data could not be read (a part Yjs refuses): the document's fault. */
export class StateJobError extends Error {}
/** The pool could not run the job (thread crashed, hung, queue full, closed): not the document's fault. */
export class StatePoolError extends Error {}

export interface StatePoolOptions {
  /** Threads at most (default: cores − 1, at least 1). */
  size?: number
  /** Jobs waiting for a thread at most; beyond, a job is refused at once (default 32). */
  maxQueue?: number
  /** A job running longer fails and its thread is replaced (default 120 s). */
  timeoutMs?: number
  /** Heap of each thread: a stored state too large for it fails its load, not the server (default 1 GB). */
  maxHeapMb?: number
  log?: (event: string, details: Record<string, unknown>) => void
}

// Plain JavaScript that registers tsx in the thread, then loads stateWorker.ts: the same under
// `node --import tsx` (pnpm start), vitest and anything else that runs our TypeScript.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads')
import(workerData.tsx)
  .then(({ register }) => { register(); return import(workerData.entry) })
  .catch((err) => parentPort.postMessage({ fatal: String((err && err.stack) || err) }))
`

interface Task {
  job: StateJob
  timeoutMs: number
  resolve: (r: StateResult) => void
  reject: (e: Error) => void
}

interface Thread {
  worker: Worker
  ready: boolean
  task?: Task
  timer?: NodeJS.Timeout
}

/**
 * A bounded pool of worker threads that decode and merge rooms' stored parts, so loading
 * or compacting a large room (4 MB of the smallest Yjs structs decodes in about a second,
 * and an older server may have stored far more) never stalls every other socket. One job
 * per thread at a time, the rest queue. A thread that crashes, runs out of heap or takes
 * longer than `timeoutMs` fails only its job (StatePoolError) and is replaced by the next
 * job that needs one. Threads start on first use and never keep the process alive.
 */
export class StatePool {
  private readonly size: number
  private readonly maxQueue: number
  private readonly timeoutMs: number
  private readonly maxHeapMb: number
  private readonly log: (event: string, details: Record<string, unknown>) => void
  private readonly threads = new Set<Thread>()
  private readonly queue: Task[] = []
  private nextId = 1
  private closed = false

  constructor(options: StatePoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism() - 1)
    this.maxQueue = options.maxQueue ?? 32
    this.timeoutMs = options.timeoutMs ?? 120_000
    this.maxHeapMb = options.maxHeapMb ?? 1024
    this.log = options.log ?? (() => {})
  }

  /** Threads running now (started or starting). */
  get threadCount(): number {
    return this.threads.size
  }

  /** Runs `job` on a thread. Rejects with StateJobError (bad data) or StatePoolError (the pool). */
  run<J extends StateJob>(job: J, options: { timeoutMs?: number } = {}): Promise<ResultOf<J>> {
    if (this.closed) return Promise.reject(new StatePoolError('the state pool is closed'))
    if (this.queue.length >= this.maxQueue) return Promise.reject(new StatePoolError(`the state pool is busy (${this.maxQueue} jobs waiting)`))
    // Copied to the thread when sent: parts stay usable here (a room keeps holding them).
    const parts = job.parts.map(ownBuffer)
    const review = job.kind === 'suggested' ? { review: job.review.map(ownBuffer) } : job.kind === 'reviewChanges' ? { update: ownBuffer(job.update) } : {}
    return new Promise<ResultOf<J>>((resolve, reject) => {
      const answered = (result: StateResult) => resolve(result as ResultOf<J>)
      this.queue.push({ job: { ...job, parts, ...review }, timeoutMs: options.timeoutMs ?? this.timeoutMs, resolve: answered, reject })
      this.dispatch()
    })
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = [...this.threads].find((t) => t.ready && !t.task) ?? this.spawn()
      if (!thread) return
      if (!thread.ready) return // it takes the job when it is ready
      this.start(thread, this.queue.shift()!)
    }
  }

  private start(thread: Thread, task: Task): void {
    thread.task = task
    thread.worker.ref() // a load someone awaits keeps the process alive
    thread.timer = setTimeout(() => this.fail(thread, `took longer than ${task.timeoutMs} ms`), task.timeoutMs)
    thread.worker.postMessage({ id: this.nextId++, job: task.job } satisfies StateRequest)
  }

  /** A new thread, unless the pool is full or one is still starting (it will take the next job). */
  private spawn(): Thread | undefined {
    if (this.threads.size >= this.size || [...this.threads].some((t) => !t.ready)) return undefined
    let worker: Worker
    try {
      worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./stateWorker.ts', import.meta.url).href },
        resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
      })
    } catch (err) {
      const reason = `cannot start a state thread: ${(err as Error).message}`
      for (const task of this.queue.splice(0)) task.reject(new StatePoolError(reason))
      return undefined
    }
    worker.unref()
    const thread: Thread = { worker, ready: false }
    this.threads.add(thread)
    worker.on('message', (m: StateReply | { ready: true } | { fatal: string }) => {
      if ('ready' in m) {
        thread.ready = true
        this.dispatch()
      } else if ('fatal' in m) this.fail(thread, m.fatal)
      else this.answered(thread, m)
    })
    worker.on('error', (err) => this.fail(thread, err.message))
    worker.on('exit', (code) => this.fail(thread, `exited (${code})`))
    return thread
  }

  private answered(thread: Thread, reply: StateReply): void {
    const task = thread.task
    clearTimeout(thread.timer)
    thread.task = undefined
    thread.worker.unref()
    if (task) {
      if ('result' in reply) task.resolve(reply.result)
      else task.reject(new StateJobError(reply.error))
    }
    this.dispatch()
  }

  /** The thread is gone (or made to go): its job fails, the queue goes on with a new thread. */
  private fail(thread: Thread, reason: string): void {
    if (!this.threads.delete(thread)) return
    clearTimeout(thread.timer)
    void thread.worker.terminate()
    if (!this.closed) this.log('state thread failed', { reason: reason.slice(0, 500), job: thread.task?.job.kind })
    thread.task?.reject(new StatePoolError(`state thread failed: ${reason}`))
    thread.task = undefined
    // Failing before it ever started would fail every job after it too: give up on those.
    if (!thread.ready && !this.closed) for (const task of this.queue.splice(0)) task.reject(new StatePoolError(`state thread failed: ${reason}`))
    this.dispatch()
  }

  /** Fails what is queued or running and stops every thread; resolves when they have exited. */
  close(): Promise<void> {
    this.closed = true
    for (const task of this.queue.splice(0)) task.reject(new StatePoolError('the state pool is closed'))
    const exits = [...this.threads].map((t) => {
      const exited = new Promise<void>((resolve) => t.worker.once('exit', () => resolve()))
      this.fail(t, 'closed')
      return exited
    })
    return Promise.all(exits).then(() => {})
  }
}
