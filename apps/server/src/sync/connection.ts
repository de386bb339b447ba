import type { Role } from '@perspektiv/model'
import type { RoomName } from '../storage/index.js'
import { CLOSE_FLOOD } from '@perspektiv/model'

/** 8 MiB queued on one socket: the client cannot keep up; drop it rather than grow memory. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024

/**
 * Per-connection budget (token bucket) for messages that cost the server or the room work
 * (sync step 1s answered with the whole document, applied updates and presence, awareness
 * queries): bursts up to 1000, then 300 per second. A fast typist sends a few dozen a
 * second; the awareness echoes stock clients send are dropped before they are charged.
 */
export const MESSAGE_BURST = 1000
export const MESSAGES_PER_SECOND = 300

/** One WebSocket connection, as a room sees it. */
export interface Peer {
  readonly userId: number
  readonly username: string
  /** The server's display name of the user when the socket opened (review entries carry it, issue 22). */
  readonly name?: string
  /** sha256 of the session token that opened the socket (to close it on sign-out). */
  readonly sessionHash: string
  role: Role
  /** Queues a message; false when the connection was dropped instead (too far behind, or broken). */
  send(data: Uint8Array): boolean
  /** Takes one message from the connection's budget; false, and closed, when it is spent. */
  charge(): boolean
  close(code: number, reason: string): void
}

/** What a connection needs of its socket (`ws`'s WebSocket has all of it). */
export interface SocketLike {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  /** Drops the connection without a closing handshake. */
  terminate(): void
  ping(): void
  readonly bufferedAmount: number
}

export interface ConnectionInfo {
  userId: number
  username: string
  name?: string
  sessionHash: string
  role: Role
  documentId: string
  room: RoomName
}

/**
 * The server's side of one sync socket: its rate limit, back-pressure and liveness. The
 * room decides what a message means; the connection decides whether the socket may
 * still cost the server anything.
 */
export class Connection implements Peer {
  readonly userId: number
  readonly username: string
  readonly name: string | undefined
  readonly sessionHash: string
  role: Role
  private tokens = MESSAGE_BURST
  private chargedAt = Date.now()
  /** Has the socket answered the last ping (or had none yet)? */
  private answered = true

  constructor(
    private readonly socket: SocketLike,
    private readonly info: ConnectionInfo,
    private readonly log: (event: string, details: Record<string, unknown>) => void,
  ) {
    this.userId = info.userId
    this.username = info.username
    this.name = info.name
    this.sessionHash = info.sessionHash
    this.role = info.role
  }

  private details(): Record<string, unknown> {
    return { documentId: this.info.documentId, room: this.info.room, user: this.username }
  }

  send(data: Uint8Array): boolean {
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log('slow client dropped', this.details())
      this.socket.terminate()
      return false
    }
    try {
      this.socket.send(data)
      return true
    } catch {
      this.socket.terminate()
      return false
    }
  }

  charge(): boolean {
    const now = Date.now()
    this.tokens = Math.min(MESSAGE_BURST, this.tokens + ((now - this.chargedAt) / 1000) * MESSAGES_PER_SECOND) - 1
    this.chargedAt = now
    if (this.tokens >= 0) return true
    this.log('message flood', this.details())
    this.close(CLOSE_FLOOD, `more than ${MESSAGES_PER_SECOND} messages per second`)
    return false
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason)
  }

  /**
   * One ping interval has passed: drops the socket when it did not answer the previous
   * ping (a half-open connection: the client's machine slept, or its network went away
   * without a FIN), else pings again. A dropped socket closes like any other, so it no
   * longer keeps its document loaded or counts against its user's connections.
   */
  checkAlive(): boolean {
    if (!this.answered) {
      this.log('unresponsive client dropped', this.details())
      this.socket.terminate()
      return false
    }
    this.answered = false
    try {
      this.socket.ping()
    } catch {
      // Already closing: its close event follows.
    }
    return true
  }

  /** The socket answered a ping. */
  pong(): void {
    this.answered = true
  }
}
