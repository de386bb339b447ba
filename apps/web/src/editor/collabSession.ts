import { useEffect, useState, useSyncExternalStore } from 'react'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { CONTENT_FRAGMENT } from '@perspektiv/document'
import { CLOSE_POLICY } from '@perspektiv/model'
import { localDatabaseName, PENDING_PREFIX } from '../offline/clearLocal.js'
import { trackProvider } from '../offline/openProviders.js'
import { closeReasonText, mayReconnect } from './closeReasons.js'

export type ConnectionStatus = 'connected' | 'reconnecting' | 'offline-with-changes' | 'closed'

export interface CollabSnapshot {
  /** The editor may be created: content came from the server or the local cache. */
  ready: boolean
  status: ConnectionStatus
  /** Local edits not yet known to have reached the server. */
  pending: boolean
  /** Why the server closed the connection for good (e.g. access revoked). */
  closedReason: string | null
}

/**
 * One document's Y.Doc with its two providers: y-indexeddb (offline cache, so a reload or a
 * lost connection never loses local edits) and the stock y-websocket provider.
 */
export class CollabSession {
  readonly ydoc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly persistence: IndexeddbPersistence
  private snapshot: CollabSnapshot
  private listeners = new Set<() => void>()
  private readonly pendingKey: string
  private localLoaded = false
  private serverSynced = false
  private readonly cleanups: Array<() => void> = []

  constructor(readonly documentId: string) {
    this.pendingKey = `${PENDING_PREFIX}${documentId}`
    const hadPending = safeStorage(() => localStorage.getItem(this.pendingKey)) === '1'
    this.snapshot = { ready: false, status: 'reconnecting', pending: hadPending, closedReason: null }

    this.persistence = new IndexeddbPersistence(localDatabaseName(documentId), this.ydoc)
    this.persistence.on('synced', () => {
      this.localLoaded = true
      this.update()
    })

    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    this.provider = new WebsocketProvider(`${scheme}://${window.location.host}/sync`, documentId, this.ydoc, {
      // The HttpOnly session cookie authenticates the socket (same origin).
      connect: navigator.onLine,
      disableBc: true,
      // Reconnect attempts at most 1 s apart: after a server restart every editor is back within ~1 s (issue #8).
      maxBackoffTime: 1000,
      shouldReconnect: (event) => mayReconnect(event.code),
    })
    this.provider.on('status', () => this.update())
    // Sign-out sends what this session holds before it deletes the local copy.
    this.cleanups.push(trackProvider(this.provider, documentId, () => this.snapshot.pending))
    this.provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.serverSynced = true
        this.setPending(false)
      }
      this.update()
    })
    this.provider.on('closed', (event: { code: number; reason: string }) => {
      this.snapshot = {
        ...this.snapshot,
        closedReason: closeReasonText(event.code, 'content'),
      }
      this.update()
    })
    // Close code 1008 is reported through connection-close (the default policy only stops on 44xx).
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event?.code === CLOSE_POLICY) {
        this.snapshot = {
          ...this.snapshot,
          closedReason: closeReasonText(CLOSE_POLICY, 'content'),
        }
        this.update()
      }
    })

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // Anything not from the server or the local cache is an edit made here.
      if (origin === this.provider || origin === this.persistence) return
      if (!(this.provider.wsconnected && this.provider.synced)) this.setPending(true)
    }
    this.ydoc.on('update', onUpdate)
    this.cleanups.push(() => this.ydoc.off('update', onUpdate))

    // The browser knows sooner than the socket that the network is gone.
    const offline = () => this.provider.disconnect()
    const online = () => this.provider.connect()
    window.addEventListener('offline', offline)
    window.addEventListener('online', online)
    this.cleanups.push(() => {
      window.removeEventListener('offline', offline)
      window.removeEventListener('online', online)
    })
  }

  private setPending(pending: boolean): void {
    safeStorage(() => (pending ? localStorage.setItem(this.pendingKey, '1') : localStorage.removeItem(this.pendingKey)))
    if (this.snapshot.pending !== pending) {
      this.snapshot = { ...this.snapshot, pending }
      this.update()
    }
  }

  private update(): void {
    const hasContent = this.ydoc.getXmlFragment(CONTENT_FRAGMENT).length > 0
    // Never let the editor start on an empty fragment: the skeleton comes from the server.
    const ready = this.snapshot.ready || (hasContent && (this.serverSynced || this.localLoaded))
    const connected = this.provider.wsconnected && this.provider.synced
    const status: ConnectionStatus = this.snapshot.closedReason
      ? 'closed'
      : connected
        ? 'connected'
        : this.snapshot.pending
          ? 'offline-with-changes'
          : 'reconnecting'
    if (ready !== this.snapshot.ready || status !== this.snapshot.status) {
      this.snapshot = { ...this.snapshot, ready, status }
    }
    for (const l of this.listeners) l()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): CollabSnapshot => this.snapshot

  destroy(): void {
    for (const c of this.cleanups) c()
    this.provider.destroy()
    void this.persistence.destroy()
    this.ydoc.destroy()
  }
}

function safeStorage<T>(fn: () => T): T | null {
  try {
    return fn()
  } catch {
    return null
  }
}

/** Opens a session for the document while the component is mounted. */
export function useCollabSession(documentId: string): { session: CollabSession | null; snapshot: CollabSnapshot } {
  const [session, setSession] = useState<CollabSession | null>(null)
  useEffect(() => {
    const s = new CollabSession(documentId)
    setSession(s)
    return () => {
      s.destroy()
      setSession(null)
    }
  }, [documentId])
  const snapshot = useSyncExternalStore(session?.subscribe ?? noopSubscribe, session?.getSnapshot ?? initialSnapshot)
  return { session, snapshot }
}

const INITIAL: CollabSnapshot = { ready: false, status: 'reconnecting', pending: false, closedReason: null }
const initialSnapshot = () => INITIAL
const noopSubscribe = () => () => {}
