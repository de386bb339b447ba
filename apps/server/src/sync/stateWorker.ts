/**
 * The state pool's thread: runs each job it is sent (stateJobs.ts) and answers. Loaded by
 * `statePool.ts` through tsx in a worker thread.
 */
import { parentPort } from 'node:worker_threads'
import { ownBuffer, runJob } from './stateJobs.js'
import type { StateReply, StateRequest } from './statePool.js'

parentPort!.on('message', (request: StateRequest) => {
  let reply: StateReply
  const transfer: ArrayBuffer[] = []
  try {
    const started = performance.now()
    const result = runJob(request.job)
    result.ms = performance.now() - started
    if ('update' in result && result.update) {
      result.update = ownBuffer(result.update)
      transfer.push(result.update.buffer as ArrayBuffer)
    }
    reply = { id: request.id, result }
  } catch (err) {
    reply = { id: request.id, error: (err as Error).message }
  }
  parentPort!.postMessage(reply, transfer)
})
parentPort!.postMessage({ ready: true })
