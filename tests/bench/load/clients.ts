import * as Y from 'yjs'
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { nowMs } from './marker.js'

/**
 * Bench clients. "lean" clients speak the protocol over raw `ws`: they apply the initial
 * sync to a local Y.Doc (so their own edits are ordinary Yjs updates against the real
 * document), then only scan later remote updates for edit markers instead of applying
 * them. "stock" clients are the real providers (`y-websocket`'s WebsocketProvider,
 * `@hocuspocus/provider`), which apply every remote update.
 */

export type Protocol = 'y-websocket' | 'hocuspocus'
export type ClientKind = 'lean' | 'stock'

export interface Target {
  protocol: Protocol
  /** y-websocket: server URL without the room (`ws://127.0.0.1:1234/sync`); hocuspocus: `ws://127.0.0.1:1234`. */
  serverUrl: string
  room: string
  token?: string
}

/** Origin of transactions the client makes itself; anything else came from the server. */
export const LOCAL = Symbol('local')

const MSG_SYNC = 0
const HP_AUTH = 2
const HP_PING = 9
const HP_PONG = 10
const HP_AUTH_TOKEN = 0
const HP_AUTH_DENIED = 1
const HP_AUTH_OK = 2
const HP_VERSION = '4.0.0'

export interface BenchClient {
  readonly doc: Y.Doc
  /** Resolves once the server's state has been applied (sync step 2 received). */
  readonly synced: Promise<void>
  /** Called with the bytes of every remote document update after the initial sync. */
  onRemote: ((bytes: Buffer) => void) | null
  /** Lean clients: when the socket opened and when sync step 2 arrived / was applied (ms, nowMs clock). */
  readonly timings: { created: number; open: number; step2: number; synced: number }
  /** Resolves when the socket has no unsent bytes (lean) or immediately (stock). */
  flushed(): Promise<void>
  close(): Promise<void>
}

export function createClient(kind: ClientKind, target: Target): BenchClient {
  if (kind === 'lean') return target.protocol === 'hocuspocus' ? new LeanHocuspocusClient(target) : new LeanYWebsocketClient(target)
  return target.protocol === 'hocuspocus' ? new StockHocuspocusClient(target) : new StockYWebsocketClient(target)
}

function roomUrl(t: Target): string {
  const q = t.token ? `?token=${encodeURIComponent(t.token)}` : ''
  return `${t.serverUrl}/${t.room}${q}`
}

abstract class LeanClient implements BenchClient {
  readonly doc = new Y.Doc()
  readonly synced: Promise<void>
  onRemote: ((bytes: Buffer) => void) | null = null
  readonly timings = { created: nowMs(), open: 0, step2: 0, synced: 0 }
  protected ws: WebSocket
  protected isSynced = false
  private resolveSynced!: () => void
  private rejectSynced!: (e: Error) => void
  private pending: Uint8Array[] = []

  constructor(url: string) {
    this.synced = new Promise((resolve, reject) => {
      this.resolveSynced = resolve
      this.rejectSynced = reject
    })
    // Browsers offer permessage-deflate too; each server decides whether to accept it.
    this.ws = new WebSocket(url)
    this.ws.binaryType = 'nodebuffer'
    this.ws.on('open', () => {
      this.timings.open = nowMs()
      this.opened()
      for (const m of this.pending) this.ws.send(m)
      this.pending = []
    })
    this.ws.on('message', (data: Buffer) => this.message(data))
    this.ws.on('unexpected-response', (_req, res) => this.rejectSynced(new Error(`${url}: HTTP ${res.statusCode}`)))
    this.ws.on('error', (e) => this.rejectSynced(e))
    this.ws.on('close', (code, reason) => {
      if (!this.isSynced) this.rejectSynced(new Error(`${url}: closed ${code} ${reason.toString()} before sync`))
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) this.send(this.updateMessage(update))
    })
  }

  protected abstract opened(): void
  protected abstract message(data: Buffer): void
  protected abstract updateMessage(update: Uint8Array): Uint8Array

  protected send(m: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(m)
    else this.pending.push(m)
  }

  protected markSynced(): void {
    if (this.isSynced) return
    this.isSynced = true
    this.timings.synced = nowMs()
    this.resolveSynced()
  }

  async flushed(): Promise<void> {
    while (this.ws.readyState === WebSocket.OPEN && this.ws.bufferedAmount > 0) await new Promise((r) => setTimeout(r, 5))
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve()
      const timer = setTimeout(() => {
        this.ws.terminate()
        resolve()
      }, 2000)
      this.ws.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      this.ws.close()
    })
  }
}

/** Stock y-websocket protocol: [messageSync, syncStep…] and [messageAwareness, …]. */
class LeanYWebsocketClient extends LeanClient {
  constructor(target: Target) {
    super(roomUrl(target))
  }

  protected opened(): void {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MSG_SYNC)
    syncProtocol.writeSyncStep1(e, this.doc)
    this.send(encoding.toUint8Array(e))
  }

  protected message(data: Buffer): void {
    if (data[0] !== MSG_SYNC) return // awareness is not measured
    if (this.isSynced && data[1] === syncProtocol.messageYjsUpdate) {
      this.onRemote?.(data)
      return
    }
    if (data[1] === syncProtocol.messageYjsSyncStep2) this.timings.step2 = nowMs()
    const d = decoding.createDecoder(data)
    decoding.readVarUint(d)
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MSG_SYNC)
    const type = syncProtocol.readSyncMessage(d, reply, this.doc, 'remote')
    if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply))
    if (type === syncProtocol.messageYjsSyncStep2) this.markSynced()
  }

  protected updateMessage(update: Uint8Array): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MSG_SYNC)
    syncProtocol.writeUpdate(e, update)
    return encoding.toUint8Array(e)
  }
}

/**
 * Hocuspocus' multiplexed variant: every message starts with the document name; the
 * client authenticates per document before syncing; the server pings with a lone byte 9.
 */
class LeanHocuspocusClient extends LeanClient {
  private readonly room: string
  private readonly token: string

  constructor(target: Target) {
    super(target.serverUrl)
    this.room = target.room
    this.token = target.token ?? 'bench'
  }

  private header(type: number): encoding.Encoder {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, this.room)
    encoding.writeVarUint(e, type)
    return e
  }

  protected opened(): void {
    const e = this.header(HP_AUTH)
    encoding.writeVarUint(e, HP_AUTH_TOKEN)
    encoding.writeVarString(e, this.token)
    encoding.writeVarString(e, HP_VERSION)
    this.send(encoding.toUint8Array(e))
  }

  protected message(data: Buffer): void {
    if (data.length === 1 && data[0] === HP_PING) {
      this.send(Uint8Array.of(HP_PONG))
      return
    }
    const d = decoding.createDecoder(data)
    decoding.readVarString(d)
    const type = decoding.readVarUint(d)
    if (type === HP_AUTH) {
      const auth = decoding.readVarUint(d)
      if (auth === HP_AUTH_OK) {
        const e = this.header(MSG_SYNC)
        syncProtocol.writeSyncStep1(e, this.doc)
        this.send(encoding.toUint8Array(e))
      } else if (auth === HP_AUTH_DENIED) {
        this.ws.close()
      }
      return
    }
    if (type !== MSG_SYNC) return
    if (this.isSynced && data[d.pos] === syncProtocol.messageYjsUpdate) {
      this.onRemote?.(data)
      return
    }
    if (data[d.pos] === syncProtocol.messageYjsSyncStep2) this.timings.step2 = nowMs()
    const reply = this.header(MSG_SYNC)
    const before = encoding.length(reply)
    const syncType = syncProtocol.readSyncMessage(d, reply, this.doc, 'remote')
    if (encoding.length(reply) > before) this.send(encoding.toUint8Array(reply))
    if (syncType === syncProtocol.messageYjsSyncStep2) this.markSynced()
  }

  protected updateMessage(update: Uint8Array): Uint8Array {
    const e = this.header(MSG_SYNC)
    syncProtocol.writeUpdate(e, update)
    return encoding.toUint8Array(e)
  }
}

class StockYWebsocketClient implements BenchClient {
  readonly doc = new Y.Doc()
  readonly timings = { created: nowMs(), open: 0, step2: 0, synced: 0 }
  readonly synced: Promise<void>
  onRemote: ((bytes: Buffer) => void) | null = null
  private provider: WebsocketProvider

  constructor(target: Target) {
    this.provider = new WebsocketProvider(target.serverUrl, target.room, this.doc, {
      params: target.token ? { token: target.token } : {},
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    this.synced = new Promise((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return
        this.provider.off('sync', onSync)
        this.timings.synced = nowMs()
        resolve()
      }
      this.provider.on('sync', onSync)
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) this.onRemote?.(Buffer.from(update.buffer, update.byteOffset, update.byteLength))
    })
  }

  async flushed(): Promise<void> {}

  async close(): Promise<void> {
    this.provider.destroy()
  }
}

class StockHocuspocusClient implements BenchClient {
  readonly doc = new Y.Doc()
  readonly timings = { created: nowMs(), open: 0, step2: 0, synced: 0 }
  readonly synced: Promise<void>
  onRemote: ((bytes: Buffer) => void) | null = null
  private socket: HocuspocusProviderWebsocket
  private provider: HocuspocusProvider

  constructor(target: Target) {
    // One socket per editor (fairness): the multiplexing option is not used.
    this.socket = new HocuspocusProviderWebsocket({ url: target.serverUrl, WebSocketPolyfill: WebSocket })
    let resolveSynced!: () => void
    this.synced = new Promise((resolve) => (resolveSynced = resolve))
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: target.room,
      document: this.doc,
      token: target.token ?? 'bench',
      onSynced: ({ state }) => {
        if (!state) return
        this.timings.synced = nowMs()
        resolveSynced()
      },
    })
    this.provider.attach()
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) this.onRemote?.(Buffer.from(update.buffer, update.byteOffset, update.byteLength))
    })
  }

  async flushed(): Promise<void> {}

  async close(): Promise<void> {
    this.provider.destroy()
    this.socket.destroy()
  }
}
