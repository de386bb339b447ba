import type { EventMessage } from '@perspektiv/model'

export interface EventSocket {
  userId: number
  sessionHash: string
  send(text: string): void
  close(code: number, reason: string): void
}

/**
 * The open `/events` sockets by user: what concerns a user is sent to that user's sockets
 * only, never anyone else's (the recipients are decided by the caller, on the server).
 */
export class EventHub {
  private readonly byUser = new Map<number, Set<EventSocket>>()

  add(socket: EventSocket): void {
    let set = this.byUser.get(socket.userId)
    if (!set) this.byUser.set(socket.userId, (set = new Set()))
    set.add(socket)
  }

  remove(socket: EventSocket): void {
    const set = this.byUser.get(socket.userId)
    if (!set) return
    set.delete(socket)
    if (set.size === 0) this.byUser.delete(socket.userId)
  }

  count(userId: number): number {
    return this.byUser.get(userId)?.size ?? 0
  }

  /** Hands every message on to the other server instances as well (REDIS_URL, issue 19). */
  forward: ((userIds: number[], message: EventMessage) => void) | undefined

  /** Sends to the users' sockets here and, with several instances, on every other one. */
  send(userIds: Iterable<number>, message: EventMessage): void {
    const ids = [...new Set(userIds)]
    this.deliver(ids, message)
    if (ids.length > 0) this.forward?.(ids, message)
  }

  /** Sends to the users' sockets on this instance only. */
  deliver(userIds: Iterable<number>, message: EventMessage): void {
    const text = JSON.stringify(message)
    for (const id of new Set(userIds)) {
      for (const socket of this.byUser.get(id) ?? []) {
        try {
          socket.send(text)
        } catch {
          // A socket closing under us: its close handler removes it.
        }
      }
    }
  }

  /** Closes the sockets of sessions that ended (sign-out, expiry). */
  async closeSessions(isLive: (sessionHash: string) => boolean | Promise<boolean>, reason: string): Promise<void> {
    const sockets = [...this.byUser.values()].flatMap((set) => [...set])
    for (const socket of sockets) if (!(await isLive(socket.sessionHash))) socket.close(1008, reason)
  }

  closeAll(): void {
    for (const set of this.byUser.values()) for (const socket of [...set]) socket.close(1001, 'server going away')
    this.byUser.clear()
  }
}
