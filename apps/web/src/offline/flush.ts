import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { openProviders, type OpenProvider } from './openProviders.js'
import { localDatabaseName, PENDING_PREFIX } from './clearLocal.js'
import { mayReconnect } from '../editor/closeReasons.js'

/** How long sign-out waits for unsent edits to reach the server before it asks the user. */
export const FLUSH_TIMEOUT_MS = 10_000

// y-websocket's wire format: [messageSync = 0][syncStep1 = 0 | syncStep2 = 1][payload].
const MESSAGE_SYNC = 0
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1

function varUint(n: number): number[] {
  const out: number[] = []
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f))
    n >>>= 7
  }
  out.push(n)
  return out
}

function syncStep1(doc: Y.Doc): Uint8Array {
  const sv = Y.encodeStateVector(doc)
  return Uint8Array.from([MESSAGE_SYNC, SYNC_STEP_1, ...varUint(sv.length), ...sv])
}

/**
 * Resolves true once the server has processed everything this provider sent: after it is
 * connected and synced (which sends the local diff), one more sync step 1 on the same
 * socket; the server handles a socket's messages in order, so its step 2 answer means the
 * edits before it were taken. False when that does not happen within `timeoutMs`, or the
 * provider will not connect (offline, closed for good by the server, destroyed).
 */
export function flushProvider(provider: WebsocketProvider, timeoutMs = FLUSH_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false
    let asked: WebSocket | null = null
    const onMessage = (event: MessageEvent) => {
      const data = new Uint8Array(event.data as ArrayBuffer)
      if (data[0] === MESSAGE_SYNC && data[1] === SYNC_STEP_2) finish(true)
    }
    const attempt = () => {
      if (done) return
      if (!provider.shouldConnect) return finish(false)
      const ws = provider.ws
      if (!ws || !provider.wsconnected || !provider.synced || ws === asked) return
      asked?.removeEventListener('message', onMessage)
      asked = ws
      ws.addEventListener('message', onMessage)
      ws.send(syncStep1(provider.doc))
    }
    const finish = (ok: boolean) => {
      if (done) return
      done = true
      clearTimeout(timer)
      provider.off('sync', attempt)
      provider.off('status', attempt)
      provider.off('closed', attempt)
      asked?.removeEventListener('message', onMessage)
      resolve(ok)
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    provider.on('sync', attempt)
    provider.on('status', attempt)
    provider.on('closed', attempt)
    attempt()
  })
}

async function flushOpen(entry: OpenProvider, timeoutMs: number): Promise<boolean> {
  // A provider that is live is asked anyway: an edit typed just now may still be in flight.
  const live = entry.provider.wsconnected && entry.provider.synced
  if (!live && !entry.hasUnsent()) return true
  // The browser knows it has no network: no point in making the user wait.
  if (!navigator.onLine) return false
  return flushProvider(entry.provider, timeoutMs)
}

/**
 * A document with unsent edits that is not open here (another tab, or a page closed while
 * offline): its local copy is loaded and synced by a provider of its own, then closed.
 */
async function flushStored(documentId: string, timeoutMs: number): Promise<boolean> {
  if (!navigator.onLine) return false
  const doc = new Y.Doc()
  const persistence = new IndexeddbPersistence(localDatabaseName(documentId), doc)
  let provider: WebsocketProvider | null = null
  try {
    const loaded = await Promise.race([persistence.whenSynced.then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), timeoutMs))])
    if (!loaded) return false
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    provider = new WebsocketProvider(`${scheme}://${window.location.host}/sync`, documentId, doc, {
      disableBc: true,
      maxBackoffTime: 1000,
      shouldReconnect: (event) => mayReconnect(event.code),
    })
    return await flushProvider(provider, timeoutMs)
  } finally {
    provider?.destroy()
    await persistence.destroy()
    doc.destroy()
  }
}

function pendingStoredIds(): string[] {
  const ids: string[] = []
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (key?.startsWith(PENDING_PREFIX) && localStorage.getItem(key) === '1') ids.push(key.slice(PENDING_PREFIX.length))
    }
  } catch {
    // Storage disabled: nothing was recorded there either.
  }
  return ids
}

/**
 * Sends every edit this browser holds for the server before sign-out: the documents open in
 * this page (content and review rooms) and those with edits left from earlier. Returns the
 * ids of documents whose edits could not be sent (empty: safe to delete the local copies).
 */
export async function flushUnsent(timeoutMs = FLUSH_TIMEOUT_MS): Promise<string[]> {
  const open = openProviders()
  const openIds = new Set(open.map((e) => e.documentId))
  const results = await Promise.all([
    ...open.map(async (e) => ({ id: e.documentId, ok: await flushOpen(e, timeoutMs) })),
    ...pendingStoredIds()
      .filter((id) => !openIds.has(id))
      .map(async (id) => ({ id, ok: await flushStored(id, timeoutMs) })),
  ])
  return [...new Set(results.filter((r) => !r.ok).map((r) => r.id))]
}
