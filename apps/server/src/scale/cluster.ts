import { Redis } from 'ioredis'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { EventMessage } from '@perspektiv/model'
import type { EventHub } from '../events/hub.js'
import { answerSyncRequest, type Announcement, type InstancePeers } from '../sync/instancePeers.js'
import type { LiveDocument } from '../sync/liveDocument.js'
import type { Room } from '../sync/room.js'
import type { Rooms } from '../sync/registry.js'
import { InstanceBus, type BusMessage } from './instanceBus.js'
import { RoomRelay } from './relay.js'
import * as trace from '../sync/latencyTrace.js'
import { RedisSignInThrottle } from './signInThrottle.js'
import { RedisRateLimit } from './rateLimit.js'
import type { BudgetSpec } from '../http/rateLimit.js'
import type { ThrottleOptions } from '../http/signInThrottle.js'

type Log = (event: string, details: Record<string, unknown>) => void

/** A room that could not join its stream (Redis away) tries again this often. */
const REJOIN_MS = 1_000

const relayKey = (room: Room) => `${room.documentId}/${room.name}`

/** The presence of the room's clients on this instance as one awareness update, or null when it has none. */
function localPresence(room: Room): Uint8Array | null {
  const ids: number[] = []
  for (const owned of room.peers.values()) for (const id of owned) if (room.awareness.getStates().has(id)) ids.push(id)
  return ids.length > 0 ? encodeAwarenessUpdate(room.awareness, ids) : null
}

/**
 * This instance among the others on one Redis (REDIS_URL, issue 19): the registry's
 * committed updates and its clients' presence go out on each room's stream (RoomRelay),
 * what the peers commit comes in and is applied, never stored or published again; role,
 * status and session changes and `/events` messages cross on the instance bus.
 *
 * Redis away: every instance keeps serving its own sockets (commands fail at once rather
 * than queue: nothing waits on Redis), `/api/health` says not ready, and rooms opened
 * meanwhile join their streams once it is back, when every room asks its peers again.
 */
export class Cluster implements InstancePeers {
  private readonly connections: Redis[]
  /** Plain commands (stream reads/writes of the relay, the shared sign-in counts). */
  private readonly commands: Redis
  private readonly relay: RoomRelay
  private readonly bus: InstanceBus
  /** The rooms followed here by relay key (the handlers look the room up when a message comes). */
  private readonly rooms = new Map<string, Room>()
  private registry: Rooms | undefined
  private events: EventHub | undefined
  private stopped = false

  constructor(
    url: string,
    private readonly log: Log = () => {},
  ) {
    // Commands fail while Redis is away instead of piling up: the resync after a reconnect
    // (each room asks its peers) is what carries what was committed meanwhile.
    const connect = (offlineQueue: boolean) => new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: offlineQueue, lazyConnect: false })
    const commands = connect(false)
    // The reader too: a blocking read queued while Redis is away would hold close() open.
    const reader = connect(false)
    const publisher = connect(false)
    // The subscriber subscribes before it is connected (and again after each reconnect).
    const subscriber = connect(true)
    this.connections = [commands, reader, publisher, subscriber]
    this.commands = commands
    this.relay = new RoomRelay(commands, reader, log)
    this.bus = new InstanceBus(publisher, subscriber, (m) => this.apply(m), log)
  }

  /** Where announcements from other instances are applied (set once the app is built). */
  attach(registry: Rooms, events: EventHub): void {
    this.registry = registry
    this.events = events
    // /events messages for users whose sockets are on other instances go there too.
    events.forward = (userIds, message) => this.publish({ type: 'event', userIds, message })
  }

  /** The failed-sign-in counts of every instance on this Redis (SRV-SC15). */
  signInThrottle(options?: ThrottleOptions): RedisSignInThrottle {
    return new RedisSignInThrottle(this.commands, options, this.log)
  }

  /** A route's request budget counted on this Redis for every instance (SRV-SC24). */
  requestBudget(name: string, spec: BudgetSpec): RedisRateLimit {
    return new RedisRateLimit(this.commands, name, spec, this.log)
  }

  /** The dependencies that are down ([] when every Redis connection is up). */
  unavailable(): string[] {
    return this.connections.every((c) => c.status === 'ready') ? [] : ['redis']
  }

  opened(doc: LiveDocument, reread: (room: Room) => unknown): void {
    for (const room of doc.rooms()) {
      this.rooms.set(relayKey(room), room)
      this.join(room, reread)
    }
  }

  /** Joins the room's stream: note its last id, re-read the store, read on, ask the peers (SRV-SC2). */
  private join(room: Room, reread: (room: Room) => unknown): void {
    const key = relayKey(room)
    const current = () => !this.stopped && this.rooms.get(key) === room
    this.relay
      .join(
        key,
        {
          onUpdate: (update) => this.rooms.get(key) && this.registry?.applyRemote(this.rooms.get(key)!, update),
          onAwareness: (update) => this.rooms.get(key)?.applyRemoteAwareness(update),
          onSyncRequest: (sv) => {
            const r = this.rooms.get(key)
            return r ? answerSyncRequest(r, sv) : new Uint8Array([0, 0])
          },
          localAwareness: () => {
            const r = this.rooms.get(key)
            return r ? localPresence(r) : null
          },
        },
        async () => {
          if (current()) await reread(room)
        },
        () => (this.rooms.get(key) ?? room).state.stateVector(),
      )
      .then(
        () => {
          // Closed (or replaced by a newer load) while joining: a stale join follows nothing.
          if (!this.rooms.has(key)) this.relay.leave(key)
        },
        (err: Error) => {
          if (!current()) return
          this.log('relay join failed', { room: key, reason: err.message })
          setTimeout(() => current() && this.join(room, reread), REJOIN_MS).unref()
        },
      )
  }

  closed(doc: LiveDocument): void {
    for (const room of doc.rooms()) {
      const key = relayKey(room)
      if (this.rooms.get(key) !== room) continue
      this.rooms.delete(key)
      this.relay.leave(key)
    }
  }

  committed(room: Room, update: Uint8Array): void {
    const sent = trace.tracing ? trace.now() : 0
    const published = this.relay.publishUpdate(relayKey(room), update)
    if (trace.tracing) void published.then(() => trace.record('publish', trace.now() - sent))
    published.catch((err: Error) => this.log('relay publish failed', { room: relayKey(room), reason: err.message }))
  }

  awareness(room: Room, update: Uint8Array): void {
    this.relay.publishAwareness(relayKey(room), update).catch((err: Error) => this.log('relay presence failed', { room: relayKey(room), reason: err.message }))
  }

  announce(message: Announcement): void {
    this.publish(message)
  }

  private publish(message: BusMessage): void {
    this.bus.publish(message).catch((err: Error) => this.log('bus publish failed', { type: message.type, reason: err.message }))
  }

  /** A message from another instance, applied to this instance's sockets. */
  private apply(message: BusMessage): void {
    if (message.type === 'event') this.events?.deliver(message.userIds, message.message as EventMessage)
    else {
      this.registry?.applyAnnounced(message)
      // A session that ended closes its /events sockets here too.
      if (message.type === 'session-ended') void this.events?.closeSessions((hash) => hash !== message.sessionHash, message.reason)
    }
  }

  /** Resolves once this instance hears the others (the bus is subscribed). */
  ready(): Promise<void> {
    return this.bus.subscribed()
  }

  async close(): Promise<void> {
    this.stopped = true
    this.rooms.clear()
    await this.relay.close()
    for (const c of this.connections) c.disconnect()
  }
}
