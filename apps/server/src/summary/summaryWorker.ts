import { Worker } from 'node:worker_threads'
import type { Template } from '@perspektiv/model'
import { summarizeUpdates, type ContentSummary } from './summarize.js'

export interface SummaryRequest {
  id: number
  templateId: string
  updates: Uint8Array[]
}
export type SummaryReply = { id: number; summary: ContentSummary } | { id: number; error: string }

// Plain JavaScript that registers tsx in the thread, then loads worker.ts: the same under
// `node --import tsx` (pnpm start), vitest and anything else that runs our TypeScript.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads')
import(workerData.tsx)
  .then(({ register }) => { register(); return import(workerData.entry) })
  .catch((err) => parentPort.postMessage({ fatal: String((err && err.stack) || err) }))
`

/**
 * Computes documents-row summaries (title, dnr, coverage) on a worker thread: building a
 * document's Y.Doc and its coverage takes milliseconds per document, which on the main
 * thread would delay every socket's messages. Until the worker is ready, or if it cannot
 * run, summaries are computed here instead (same function), so none is ever lost.
 */
export class SummaryWorker {
  private worker: Worker | undefined
  private ready = false
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: (s: ContentSummary) => void; reject: (e: Error) => void }>()
  private startTimer: NodeJS.Timeout | undefined
  private closed = false

  /**
   * The thread starts `startDelayMs` after construction: loading it takes a few hundred
   * milliseconds of CPU, which should not compete with serving the clients that reconnect
   * right after a restart (summaries of that moment are computed here).
   */
  constructor(
    private readonly templates: Map<string, Template>,
    private readonly log: (event: string, details: Record<string, unknown>) => void = () => {},
    startDelayMs = 1_000,
  ) {
    if (startDelayMs <= 0) this.start()
    else this.startTimer = setTimeout(() => this.start(), startDelayMs).unref()
  }

  private start(): void {
    this.startTimer = undefined
    if (this.closed) return
    try {
      this.worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: {
          tsx: import.meta.resolve('tsx/esm/api'),
          entry: new URL('./worker.ts', import.meta.url).href,
          templates: [...this.templates.values()],
        },
        // Each summary builds and drops one document: a small young generation keeps the
        // thread's memory close to what it holds (nothing, between summaries).
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      })
    } catch (err) {
      this.fail(`cannot start: ${(err as Error).message}`)
      return
    }
    this.worker.unref()
    this.worker.on('message', (m: SummaryReply | { ready: true } | { fatal: string }) => {
      if ('ready' in m) this.ready = true
      else if ('fatal' in m) this.fail(m.fatal)
      else {
        const w = this.waiting.get(m.id)
        this.waiting.delete(m.id)
        if (!w) return
        if ('summary' in m) w.resolve(m.summary)
        else w.reject(new Error(m.error))
      }
    })
    this.worker.on('error', (err) => this.fail(err.message))
    this.worker.on('exit', (code) => this.worker && this.fail(`exited (${code})`))
  }

  /** The summary of a content state given as its updates (merged or not). */
  summarize(templateId: string, updates: Uint8Array[]): Promise<ContentSummary> {
    if (!this.worker || !this.ready) {
      const template = this.templates.get(templateId)
      if (!template) return Promise.reject(new Error(`unknown template "${templateId}"`))
      try {
        return Promise.resolve(summarizeUpdates(template, updates))
      } catch (err) {
        return Promise.reject(err as Error)
      }
    }
    const id = this.nextId++
    return new Promise<ContentSummary>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.worker!.postMessage({ id, templateId, updates } satisfies SummaryRequest)
    })
  }

  /** The worker has loaded and answers requests (until then they are computed here). */
  get running(): boolean {
    return this.worker !== undefined && this.ready
  }

  /** False once the worker failed: summaries are then computed on the calling thread. */
  get available(): boolean {
    return this.worker !== undefined
  }

  private fail(reason: string): void {
    const worker = this.worker
    this.worker = undefined
    this.ready = false
    this.log('summary worker unavailable', { reason: reason.slice(0, 500) })
    for (const w of this.waiting.values()) w.reject(new Error(`summary worker unavailable: ${reason}`))
    this.waiting.clear()
    void worker?.terminate()
  }

  close(): void {
    this.closed = true
    if (this.startTimer) clearTimeout(this.startTimer)
    const worker = this.worker
    this.worker = undefined
    for (const w of this.waiting.values()) w.reject(new Error('closed'))
    this.waiting.clear()
    void worker?.terminate()
  }
}
