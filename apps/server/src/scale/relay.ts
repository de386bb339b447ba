import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import * as trace from '../sync/latencyTrace.js'

/** What travels between instances on a room's stream. */
type Kind = 'update' | 'awareness' | 'sync-request' | 'sync-reply'

export interface RelayHandlers {
  /** A committed update another instance broadcast (apply it; Yjs ignores what is known). */
  onUpdate(update: Uint8Array): void
  /** Another instance's awareness update (presence of its users). */
  onAwareness(update: Uint8Array): void
  /**
   * A peer asks for what it lacks, given its state vector: answer with the update of what
   * this instance holds beyond it (Y.encodeStateAsUpdate(doc, stateVector)).
   */
  onSyncRequest(stateVector: Uint8Array): Uint8Array
  /**
   * The presence this instance holds of the room (its clients'), encoded as one awareness
   * update: sent when another instance is first seen on a room this one published nothing on
   * (SRV-SC23). Omitted or null: none.
   */
  localAwareness?(): Uint8Array | null
}

/** Streams are trimmed to about this many entries: they carry, they do not keep (PostgreSQL does). */
const STREAM_MAXLEN = 1000
/** The reader's blocking read returns at least this often to pick up newly joined rooms. */
const BLOCK_MS = 250

const streamKey = (room: string) => `perspektiv:room:${room}`

/** A room this instance follows. */
interface Joined {
  lastId: string
  handlers: RelayHandlers
  stateVector: () => Uint8Array
  /**
   * Another instance follows the room too: something of another instance was read from its
   * stream since this one joined (SRV-SC23). Until then nothing is published on it.
   */
  shared: boolean
  /** The state vector when this instance joined (after its load): the catch-up is what it holds beyond it. */
  joinedAt: Uint8Array
}

/** Orders two stream entry ids ("<ms>-<seq>"). */
function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt)
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt)
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1
}

/**
 * Carries a room's committed updates and awareness between server instances over one
 * Redis Stream per room (issue 19). Redis holds nothing PostgreSQL does not: an update is
 * published only after it was committed there, and a stream lost with a Redis restart is
 * filled again by asking the peers (sync step 1) rather than by replaying Redis.
 *
 * Joining a room (`join`): note the stream's last id, load the room from PostgreSQL
 * (`load`), read the stream from the noted id (what was published during the load comes
 * too), then ask the peers for what they hold beyond this instance's state vector. So a
 * gap between the load and the subscription cannot lose an update.
 *
 * One reader connection per instance (a blocking XREAD over every joined room) plus one
 * connection for commands; both reconnect by themselves. After a reconnect every joined
 * room reads on from the stream's end and asks its peers again: whatever was published
 * while Redis was away arrives as a sync reply.
 */
export class RoomRelay {
  /** This instance's id on the streams (its own messages are skipped when read). */
  readonly id = randomUUID()
  private readonly rooms = new Map<string, Joined>()
  private closed = false
  private reading: Promise<void> | undefined
  private resync = false

  constructor(
    private readonly commands: Redis,
    private readonly reader: Redis,
    private readonly log: (event: string, details: Record<string, unknown>) => void = () => {},
  ) {
    // ioredis reconnects by itself; an error event it cannot hand to anyone would be printed as unhandled.
    for (const c of [commands, reader]) c.on('error', (err: Error) => this.log('redis connection error', { reason: err.message }))
    // After a reconnect the streams may be gone (Redis restarted): ask every room's peers again.
    this.reader.on('ready', () => {
      this.resync = true
    })
  }

  /** Joins `room`: see the class comment for the order (note, load, read, ask). */
  async join(room: string, handlers: RelayHandlers, load: () => Promise<void>, stateVector: () => Uint8Array): Promise<void> {
    const last = await this.commands.xrevrange(streamKey(room), '+', '-', 'COUNT', 1)
    const lastId = last[0]?.[0] ?? '0-0'
    await load()
    this.rooms.set(room, { lastId, handlers, stateVector, shared: false, joinedAt: stateVector() })
    this.reading ??= this.readLoop()
    await this.send(room, 'sync-request', stateVector())
  }

  leave(room: string): void {
    this.rooms.delete(room)
  }

  /**
   * Sends a committed update to the room's other instances: none while no other instance
   * was seen on the room since this one joined (SRV-SC23; `isShared`).
   */
  publishUpdate(room: string, update: Uint8Array): Promise<void> {
    return this.isShared(room) ? this.send(room, 'update', update) : Promise.resolve()
  }

  publishAwareness(room: string, update: Uint8Array): Promise<void> {
    return this.isShared(room) ? this.send(room, 'awareness', update) : Promise.resolve()
  }

  /**
   * May another instance follow the room (SRV-SC23)? While it joins, an instance publishes as
   * ever; once joined, only after something of another instance was read from the room's
   * stream. With nginx's hash a document's sockets all go to one instance, and a stream
   * nobody else reads only costs: an XADD per update, and this instance's blocking read (over
   * every room it follows) woken by its own entry. Nothing is lost by it: an instance that
   * joins later asks with its state vector and gets the answer from this one; one that
   * followed already answers this one's join request. Either way, on that first message of
   * another instance this one publishes, to everyone, what it holds beyond its state at the
   * join (`joinedAt`): what it did not publish. Once shared, a room stays so until this
   * instance leaves it.
   */
  isShared(room: string): boolean {
    return this.rooms.get(room)?.shared ?? true
  }

  private async send(room: string, kind: Kind, data: Uint8Array, to = ''): Promise<void> {
    await this.commands.xadd(
      streamKey(room),
      'MAXLEN',
      '~',
      STREAM_MAXLEN,
      '*',
      'k',
      kind,
      'f',
      this.id,
      't',
      to,
      'd',
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    )
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      if (this.rooms.size === 0) {
        await new Promise((r) => setTimeout(r, BLOCK_MS))
        continue
      }
      if (this.resync) await this.resyncAll()
      const names = [...this.rooms.keys()]
      let answer: Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null
      try {
        answer = (await this.reader.xreadBuffer(
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          ...names.map(streamKey),
          ...names.map((n) => this.rooms.get(n)!.lastId),
        )) as typeof answer
      } catch (err) {
        if (this.closed) return
        this.log('relay read failed', { reason: (err as Error).message })
        await new Promise((r) => setTimeout(r, BLOCK_MS))
        continue
      }
      if (trace.tracing) {
        trace.record('xreadKeys', names.length)
        trace.record(
          'xreadEntries',
          (answer ?? []).reduce((n, [, entries]) => n + entries.length, 0),
        )
      }
      for (const [key, entries] of answer ?? []) {
        const name = key.toString().slice(streamKey('').length)
        const joined = this.rooms.get(name)
        if (!joined) continue
        for (const [id, fields] of entries) {
          joined.lastId = id.toString()
          this.deliver(name, joined, fields)
        }
      }
    }
  }

  /**
   * Every joined room asks its peers for what it lacks, and reads on from where it was.
   * Not from the stream's end: a peer that reconnected first may already have put its sync
   * request there, and skipping it left that peer without this instance's updates (the
   * flaky SRV-SC3 of the last session). A stream that is behind the last id read was made
   * anew (Redis restarted, its clock behind): read it from its start.
   */
  private async resyncAll(): Promise<void> {
    this.resync = false
    for (const [name, joined] of this.rooms) {
      try {
        const last = await this.commands.xrevrange(streamKey(name), '+', '-', 'COUNT', 1)
        if (compareIds(last[0]?.[0] ?? '0-0', joined.lastId) < 0) joined.lastId = '0-0'
        await this.send(name, 'sync-request', joined.stateVector())
      } catch (err) {
        this.resync = true
        this.log('relay resync failed', { room: name, reason: (err as Error).message })
      }
    }
  }

  private deliver(room: string, joined: Joined, fields: Buffer[]): void {
    const { handlers } = joined
    const field = new Map<string, Buffer>()
    for (let i = 0; i + 1 < fields.length; i += 2) field.set(fields[i]!.toString(), fields[i + 1]!)
    const kind = field.get('k')?.toString() as Kind | undefined
    const from = field.get('f')?.toString()
    const to = field.get('t')?.toString() ?? ''
    const data = field.get('d')
    if (!kind || !data || from === this.id) return
    if (!joined.shared) this.share(room, joined)
    if (to !== '' && to !== this.id) return
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    try {
      if (kind === 'update' || kind === 'sync-reply') handlers.onUpdate(bytes)
      else if (kind === 'awareness') handlers.onAwareness(bytes)
      else if (kind === 'sync-request') {
        const reply = handlers.onSyncRequest(bytes)
        this.send(room, 'sync-reply', reply, from).catch((err) => this.log('relay reply failed', { room, reason: (err as Error).message }))
      }
    } catch (err) {
      // A bad message from a peer must not stop the fan-out for every other room.
      this.log('relay message refused', { room, kind, reason: (err as Error).message })
    }
  }

  /**
   * Another instance was seen on the room: publish from now on, starting with this instance's
   * presence in the room and what it holds beyond its state at the join — its commits it did
   * not publish (SRV-SC23). To everyone, also when what was read is a join request: the
   * answer goes to the joiner only, and other instances this one did not know of may follow.
   */
  private share(room: string, joined: Joined): void {
    joined.shared = true
    const failed = (err: unknown) => this.log('relay catch-up failed', { room, reason: (err as Error).message })
    try {
      const presence = joined.handlers.localAwareness?.()
      if (presence) this.send(room, 'awareness', presence).catch(failed)
      this.send(room, 'update', joined.handlers.onSyncRequest(joined.joinedAt)).catch(failed)
    } catch (err) {
      failed(err)
    }
  }

  /** Stops reading; the connections are the caller's to close. */
  async close(): Promise<void> {
    this.closed = true
    this.rooms.clear()
    await this.reading
  }
}
