/** A socket may spend this much event-loop time… */
const SLICE_MS = 10
/** …within this window before its next message waits for the other sockets' turn. */
const WINDOW_MS = 50
/** Messages (and bytes) a socket may have waiting; beyond, it is a flood. */
const MAX_QUEUED = 1000
const MAX_QUEUED_BYTES = 16 * 1024 * 1024

/**
 * [SRV-S13] Handles one socket's messages in order, at once while they are cheap, and
 * yielding to the event loop (reading from the socket paused) once they have cost more
 * than SLICE_MS within WINDOW_MS: a socket whose thousand frames arrive in one TCP read
 * is handled between everyone else's messages, not before them. Cheap sockets (every real
 * client) are never deferred, so a message is handled before a later REST request.
 */
export class FairQueue {
  private queue: Uint8Array[] = []
  private queuedBytes = 0
  private windowStart = performance.now()
  private windowWork = 0
  private closed = false
  private paused = false
  /** A message's work is under way on the state pool: the next ones wait for it (their order is the protocol's). */
  private waiting = false

  constructor(
    /**
     * Handles one message; returns the milliseconds it took on this thread, or a promise
     * (never rejecting) while its work goes on elsewhere (SRV-S18).
     */
    private readonly handle: (data: Uint8Array) => number | Promise<void>,
    private readonly socket: { pause(): void; resume(): void },
    private readonly overflow: () => void,
  ) {}

  push(data: Uint8Array): void {
    if (this.closed) return
    if (this.queue.length === 0 && !this.waiting) {
      const now = performance.now()
      if (now - this.windowStart > WINDOW_MS) {
        this.windowStart = now
        this.windowWork = 0
      }
      if (this.windowWork < SLICE_MS) {
        this.run(data)
        return
      }
      this.pause()
      setImmediate(this.drain)
    }
    if (this.queue.length >= MAX_QUEUED || this.queuedBytes + data.byteLength > MAX_QUEUED_BYTES) {
      this.close()
      this.overflow()
      return
    }
    this.queue.push(data)
    this.queuedBytes += data.byteLength
  }

  private drain = (): void => {
    if (this.closed) return
    this.windowStart = performance.now()
    this.windowWork = 0
    while (this.queue.length > 0 && this.windowWork < SLICE_MS && !this.closed && !this.waiting) {
      const data = this.queue.shift()!
      this.queuedBytes -= data.byteLength
      this.run(data)
    }
    if (this.closed || this.waiting) return
    if (this.queue.length > 0) setImmediate(this.drain)
    else this.resume()
  }

  /** One message; one whose work goes on elsewhere holds the queue (reading paused) until it is done. */
  private run(data: Uint8Array): void {
    const outcome = this.handle(data)
    if (typeof outcome === 'number') {
      this.windowWork += outcome
      return
    }
    this.waiting = true
    this.pause()
    void outcome.finally(() => {
      this.waiting = false
      this.drain()
    })
  }

  private pause(): void {
    if (this.paused) return
    this.paused = true
    this.socket.pause()
  }

  private resume(): void {
    if (!this.paused) return
    this.paused = false
    this.socket.resume()
  }

  /** Nothing more is handled (the socket is closing; reading resumes so its close handshake completes). */
  close(): void {
    this.closed = true
    this.queue = []
    this.queuedBytes = 0
    this.resume()
  }
}
