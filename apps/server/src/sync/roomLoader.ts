import type { RoomName, StoredRoom, UpdateLog } from '../storage/index.js'
import { loadStoredState, OFF_THREAD_BYTES, readStoredState, type StoredState } from './loadRoom.js'
import type { StatePool } from './statePool.js'

/** Both rooms of a document read back from the store. */
export interface LoadedRooms {
  content: StoredState
  review: StoredState
}

const bytesOf = (stored: StoredRoom) => (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((n, u) => n + u.byteLength, 0)

/**
 * Reads documents' stored rooms for the registry (SRV-S1, SRV-S15): small ones at once on
 * this thread, large ones (OFF_THREAD_BYTES or more in either room) on the state pool, one
 * load per document however many callers wait for it.
 */
export class RoomLoader {
  private readonly inFlight = new Map<string, Promise<LoadedRooms>>()

  constructor(
    private readonly log: Pick<UpdateLog, 'loadRoom'>,
    private readonly pool: StatePool | undefined,
  ) {}

  /** Is a load of the document running on the pool? */
  loading(id: string): boolean {
    return this.inFlight.has(id)
  }

  /**
   * Both rooms, read and decoded on this thread; undefined when either is too large for
   * that (then `load` must be used). Throws when the stored state cannot be read.
   */
  readNow(id: string): LoadedRooms | undefined {
    const stored = { content: this.read(id, 'content'), review: this.read(id, 'review') }
    if (this.pool && (bytesOf(stored.content) >= OFF_THREAD_BYTES || bytesOf(stored.review) >= OFF_THREAD_BYTES)) return undefined
    return {
      content: readStoredState({ loadRoom: () => stored.content }, id, 'content'),
      review: readStoredState({ loadRoom: () => stored.review }, id, 'review'),
    }
  }

  /** Both rooms, large ones decoded on the pool. Rejects like `loadStoredState`. */
  load(id: string): Promise<LoadedRooms> {
    let loading = this.inFlight.get(id)
    if (!loading) {
      loading = Promise.all([loadStoredState(this.log, id, 'content', this.pool), loadStoredState(this.log, id, 'review', this.pool)])
        .then(([content, review]) => ({ content, review }))
        .finally(() => this.inFlight.delete(id))
      this.inFlight.set(id, loading)
    }
    return loading
  }

  private read(id: string, room: RoomName): StoredRoom {
    try {
      return this.log.loadRoom(id, room)
    } catch (err) {
      throw new Error(`cannot read stored ${room} state: ${(err as Error).message}`)
    }
  }
}
