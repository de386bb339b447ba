import type { RoomName } from '../storage/index.js'
import type { Peer } from './connection.js'
import type { Room } from './room.js'
import { UserBuckets } from './userBuckets.js'

/**
 * [SRV-S14] Byte quotas on what writers may store: one update, one room in total, and one
 * user across all rooms in a time window. A ten-page tjänsteutlåtande with its history is
 * ≈ 120 kB of updates and its comments a few kB: the limits leave room for thirty such
 * documents in one, and keep what any document can grow to small enough to load and compact
 * in a bounded time (decoding 4 MB of the smallest possible structs takes ≈ 0.5–1.3 s; real
 * text, with longer runs per struct, far less).
 */
export interface ByteQuotas {
  /** One update (a paste, a reconnecting client's offline edits). */
  updateBytes: Record<RoomName, number>
  /** A room's stored snapshot and log together. */
  roomBytes: Record<RoomName, number>
  /** One user, all rooms: a burst… */
  userBurstBytes: number
  /** …refilled at this rate. */
  userBytesPerSecond: number
}

const MB = 1024 * 1024

export const DEFAULT_BYTE_QUOTAS: ByteQuotas = {
  updateBytes: { content: 2 * MB, review: 256 * 1024 },
  roomBytes: { content: 4 * MB, review: 1 * MB },
  userBurstBytes: 8 * MB,
  userBytesPerSecond: 16 * 1024,
}

const size = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} kB`)

/** Decides, before an update is decoded, whether it may be stored; the reason (a close reason, < 123 bytes) when not. */
export class QuotaCheck {
  private readonly users: UserBuckets

  constructor(readonly quotas: ByteQuotas = DEFAULT_BYTE_QUOTAS) {
    this.users = new UserBuckets({ burst: quotas.userBurstBytes, perSecond: quotas.userBytesPerSecond })
  }

  refusal(room: Room, peer: Peer, bytes: number): string | null {
    const name = room.name
    if (bytes > this.quotas.updateBytes[name]) return `update of ${size(bytes)} is over the ${name} room's limit of ${size(this.quotas.updateBytes[name])}`
    if (room.snapshotBytes + room.logBytes + bytes > this.quotas.roomBytes[name])
      return `the ${name} room is full (its quota is ${size(this.quotas.roomBytes[name])})`
    if (!this.users.fits(peer.userId, bytes)) return `more than ${size(this.quotas.userBurstBytes)} written in a short time; wait and reload`
    this.users.spend(peer.userId, bytes)
    return null
  }
}
