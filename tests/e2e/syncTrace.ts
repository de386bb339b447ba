/**
 * Records the y-websocket frames each browser sends and receives on a document's content room,
 * so that a randomized co-editing session that tore a token can be explained afterwards: which
 * author's update deleted the missing letter, and when (explainTrace.ts).
 * A browser session does not replay from its seed (timing decides), so the frames are the only
 * record of what happened.
 */
import type { Page } from '@playwright/test'
import * as decoding from 'lib0/decoding'

export interface SyncFrame {
  /** ms on one clock for every author of the run (since this module loaded), so authors' frames can be ordered */
  t: number
  dir: 'out' | 'in'
  /** base64 of the binary frame */
  data: string
}

/** One start for all traces: each author's trace began when that author opened the document. */
const CLOCK_START = Date.now()

export class SyncTrace {
  readonly frames: SyncFrame[] = []
  constructor(page: Page, room: string) {
    page.on('websocket', (ws) => {
      // The content room only: `/sync/<id>` (the review room is `<id>/review`).
      if (!ws.url().endsWith(`/sync/${room}`) && !ws.url().includes(`/sync/${room}?`)) return
      const push = (dir: 'out' | 'in', payload: string | Buffer) => {
        if (typeof payload === 'string') return
        this.frames.push({ t: Date.now() - CLOCK_START, dir, data: payload.toString('base64') })
      }
      ws.on('framesent', (f) => push('out', f.payload))
      ws.on('framereceived', (f) => push('in', f.payload))
    })
  }
}

/** The Yjs updates in a trace's frames (sync step 2 and updates; awareness and the rest skipped). */
export function updatesOf(frames: SyncFrame[], dir: 'out' | 'in'): Array<{ t: number; update: Uint8Array }> {
  const out: Array<{ t: number; update: Uint8Array }> = []
  for (const f of frames) {
    if (f.dir !== dir) continue
    const d = decoding.createDecoder(new Uint8Array(Buffer.from(f.data, 'base64')))
    if (decoding.readVarUint(d) !== 0) continue
    const kind = decoding.readVarUint(d)
    if (kind !== 1 && kind !== 2) continue
    out.push({ t: f.t, update: decoding.readVarUint8Array(d) })
  }
  return out
}
