import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { z } from 'zod'
import { documentStatusSchema, roleSchema } from '@perspektiv/model'

const documentId = z.string().min(1).max(200)
const userId = z.number().int().positive()

/**
 * What one instance tells the others (issue 19): the changes that must reach sockets open
 * on any instance. Validated on arrival: a malformed message is dropped, never applied.
 */
const busMessageSchema = z.discriminatedUnion('type', [
  // A sign-out, revoked token or expiry: every instance closes the session's sockets.
  z.object({ type: z.literal('session-ended'), sessionHash: z.string().regex(/^[0-9a-f]{64}$/), reason: z.string().max(200) }).strict(),
  // A membership change: open sockets take the new role, or close when removed (null).
  z.object({ type: z.literal('role'), documentId, userId, role: roleSchema.nullable() }).strict(),
  // A status change (approval locks editing): every instance's live copy takes it at once.
  z.object({ type: z.literal('status'), documentId, status: documentStatusSchema }).strict(),
  // An /events message for these users' sockets, wherever they are connected.
  z.object({ type: z.literal('event'), userIds: z.array(userId).max(10_000), message: z.record(z.string(), z.unknown()) }).strict(),
])

export type BusMessage = z.infer<typeof busMessageSchema>

const CHANNEL = 'perspektiv:instances'

/**
 * Redis pub/sub between server instances for changes that concern open sockets. Pub/sub,
 * not a stream: each message acts on what is connected now, and an instance that was away
 * has no sockets to act on (on reconnect its clients re-authenticate against PostgreSQL).
 * The instance that publishes applies the change itself, directly: its own messages are
 * skipped when they come back.
 */
export class InstanceBus {
  readonly id = randomUUID()
  private readonly ready: Promise<unknown>

  constructor(
    private readonly publisher: Redis,
    subscriber: Redis,
    apply: (message: BusMessage) => void,
    log: (event: string, details: Record<string, unknown>) => void = () => {},
  ) {
    // ioredis reconnects (and re-subscribes) by itself; an error event nobody listens to would be printed as unhandled.
    for (const c of [publisher, subscriber]) c.on('error', (err: Error) => log('redis connection error', { reason: err.message }))
    this.ready = subscriber.subscribe(CHANNEL)
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== CHANNEL) return
      let envelope: { from?: unknown; message?: unknown }
      try {
        envelope = JSON.parse(text)
      } catch {
        log('bus message refused', { reason: 'not JSON' })
        return
      }
      if (envelope.from === this.id) return
      const parsed = busMessageSchema.safeParse(envelope.message)
      if (!parsed.success) {
        log('bus message refused', { reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') })
        return
      }
      try {
        apply(parsed.data)
      } catch (err) {
        log('bus message failed', { type: parsed.data.type, reason: (err as Error).message })
      }
    })
  }

  /** Resolves once this instance receives the others' messages. */
  subscribed(): Promise<void> {
    return this.ready.then(() => {})
  }

  publish(message: BusMessage): Promise<void> {
    return this.publisher.publish(CHANNEL, JSON.stringify({ from: this.id, message: busMessageSchema.parse(message) })).then(() => {})
  }
}
