import { CLOSE_POLICY, type Role } from '@perspektiv/model'
import type { Peer } from './connection.js'
import type { LiveTable } from './liveTable.js'
import type { Room } from './room.js'

/** Takes a peer out of its room (the registry's `leave`: the document may unload after). */
type Leave = (room: Room, peer: Peer) => void

/**
 * A membership change applied to this instance's open sockets of the document: the new
 * role, or closed when the member was removed.
 */
export function applyRoleToSockets(table: LiveTable, leave: Leave, documentId: string, userId: number, role: Role | undefined): void {
  const doc = table.get(documentId)
  if (!doc) return
  for (const room of doc.rooms()) {
    for (const peer of [...room.peers.keys()]) {
      if (peer.userId !== userId) continue
      if (role) peer.role = role
      else {
        leave(room, peer)
        peer.close(CLOSE_POLICY, 'role revoked')
      }
    }
  }
}

/** Closes this instance's sockets opened with the session (signed out, expired, token revoked). */
export function closeSessionSockets(table: LiveTable, leave: Leave, sessionHash: string, reason: string): void {
  for (const doc of table.values()) {
    for (const room of doc.rooms()) {
      for (const peer of [...room.peers.keys()]) {
        if (peer.sessionHash !== sessionHash) continue
        leave(room, peer)
        peer.close(CLOSE_POLICY, reason)
      }
    }
  }
}
