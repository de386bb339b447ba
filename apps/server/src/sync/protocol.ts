import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

/** y-websocket message types (the first varuint of every message). */
export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
/** @public Unused by us (y-websocket's permission message); kept so the table of types is complete. */
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

/** y-protocols/sync sub-types. */
export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

/** A decoded client message. Sync payloads are not yet applied: the room decides. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

export class MalformedMessageError extends Error {}

/** A sync-protocol message: `[MESSAGE_SYNC, kind, varUint8Array payload]`. */
function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  encoding.writeVarUint(e, kind)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

/** Decodes one client message; throws MalformedMessageError for anything not well-formed. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (sub === SYNC_STEP1) return { type: 'sync-step1', stateVector: payload }
        if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) return { type: 'sync-update', update: payload, step2: sub === SYNC_STEP2 }
        throw new MalformedMessageError(`unknown sync message type ${sub}`)
      }
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'query-awareness' }
      default:
        throw new MalformedMessageError(`unknown message type ${type}`)
    }
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err
    throw new MalformedMessageError(`cannot decode message: ${(err as Error).message}`)
  }
}

/** Sync step 1: the server's state vector (what it has), asking the client for the rest. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return syncMessage(SYNC_STEP1, stateVector)
}

/** Sync step 2 carrying `update` as it is (what the peer is missing). */
export function encodeSyncStep2FromUpdate(update: Uint8Array): Uint8Array {
  return syncMessage(SYNC_STEP2, update)
}

/** A state vector with no clients: what a fresh Y.Doc sends in its sync step 1. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return syncMessage(SYNC_UPDATE, update)
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}
