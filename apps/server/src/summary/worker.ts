/**
 * The summary worker's side: builds each requested content state into a Y.Doc, computes
 * its summary and answers. Loaded by `summaryWorker.ts` through tsx in a worker thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Template } from '@perspektiv/model'
import { summarizeUpdates } from './summarize.js'
import type { SummaryReply, SummaryRequest } from './summaryWorker.js'

const templates = new Map((workerData.templates as Template[]).map((t) => [t.id, t]))

// Every summary builds and drops a whole document. Left to V8, the thread's heap grows to
// hold many such garbage documents before it collects; a full GC once a burst of requests
// is over keeps this thread's memory at what it holds (nothing) at little cost, off the
// main thread.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void
let idleTimer: NodeJS.Timeout | undefined
const IDLE_GC_MS = 200

parentPort!.on('message', (request: SummaryRequest) => {
  let reply: SummaryReply
  try {
    const template = templates.get(request.templateId)
    if (!template) throw new Error(`unknown template "${request.templateId}"`)
    reply = { id: request.id, summary: summarizeUpdates(template, request.updates) }
  } catch (err) {
    reply = { id: request.id, error: (err as Error).message }
  }
  parentPort!.postMessage(reply)
  clearTimeout(idleTimer)
  idleTimer = setTimeout(collectGarbage, IDLE_GC_MS)
})
parentPort!.postMessage({ ready: true })
