import type { DocumentStatus, Template } from '@perspektiv/model'
import type { ContentRead } from './contentJobs.js'
import type { RoomName } from '../storage/index.js'
import type { ReviewGuard } from './reviewGuard.js'
import type { Room } from './room.js'

/** The content read for REST (contentView.ts): of one version of the room, built here or on the state pool. */
export interface ContentView {
  version: number
  read: Promise<ContentRead>
  timer?: NodeJS.Timeout
}

/**
 * A document loaded in memory: its two rooms, and the bookkeeping of the parts that work
 * on it (idle unload, summary scheduler, idle merging, content view). Plain fields: the
 * group commit touches them per batch.
 */
export class LiveDocument {
  unloadTimer: NodeJS.Timeout | undefined
  summaryTimer: NodeJS.Timeout | undefined
  /** When the pending summary timer fires (ms since epoch). */
  summaryDue = 0
  summaryDirty = false
  /** The latest summary handed to the worker and not yet written (0: none). */
  summaryInFlight = 0
  lastChangeAt = new Date().toISOString()
  /** When an update was last stored (drives the idle merge of the rooms' states). */
  lastAppendAt = 0
  view: ContentView | undefined
  /** The server-held review Y.Doc that judges review-room writes (built on the first one). */
  reviewGuard: ReviewGuard | undefined

  constructor(
    readonly id: string,
    readonly template: Template,
    public status: DocumentStatus,
    readonly content: Room,
    readonly review: Room,
  ) {}

  room(name: RoomName): Room {
    return name === 'content' ? this.content : this.review
  }

  rooms(): [Room, Room] {
    return [this.content, this.review]
  }

  peerCount(): number {
    return this.content.peers.size + this.review.peers.size
  }
}
