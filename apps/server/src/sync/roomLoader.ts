import type { Awaitable, UpdateLog } from '../storage/index.js'
import { loadStoredState, type StoredState } from './loadRoom.js'
import type { StatePool } from './statePool.js'

/** Both rooms of a document read back from the store. */
export interface LoadedRooms {
  content: StoredState
  review: StoredState
}

/**
 * Reads a document's two stored rooms for the registry (SRV-S1, SRV-S15): small rooms are
 * decoded on this thread, large ones (OFF_THREAD_BYTES or more) on the state pool. The
 * store may answer now (SQLite) or later (PostgreSQL). One load per document however many
 * callers wait is the opener's job (roomOpener.ts).
 */
export class RoomLoader {
  constructor(
    private readonly log: Pick<Awaitable<UpdateLog>, 'loadRoom'>,
    private readonly pool: StatePool | undefined,
    /** Told when a room of the document goes to the pool (its load takes a while). */
    private readonly onOffThread: (documentId: string) => void,
    /** The writes of the document's last unload still under way (a pool's answer), if any: a load waits for them (SRV-S17). */
    private readonly unloadWrites: (documentId: string) => Promise<void> | undefined = () => undefined,
  ) {}

  /** Both rooms. Rejects like `loadStoredState` (a StatePoolError when the pool failed). */
  async load(id: string): Promise<LoadedRooms> {
    // Its rows may be being replaced by their compaction: read what it leaves.
    await this.unloadWrites(id)
    let told = false
    const offThread = () => {
      if (!told) this.onOffThread(id)
      told = true
    }
    const [content, review] = await Promise.all([
      loadStoredState(this.log, id, 'content', this.pool, offThread),
      loadStoredState(this.log, id, 'review', this.pool, offThread),
    ])
    return { content, review }
  }
}
