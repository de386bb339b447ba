import * as encoding from 'lib0/encoding'

/**
 * A Yjs update of `structs` one-character insertions, each typed before the previous one
 * (as a client typing at the start of a text would): the smallest structs Yjs stores
 * (7–9 bytes each), none of which merge, so the costliest bytes to decode and merge.
 * Written straight with lib0 (what Yjs itself writes for it, in milliseconds instead of
 * seconds), into the root text `root` of `client`.
 */
export function smallestStructs(structs: number, root = 'pile', client = 4242): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // clients
  encoding.writeVarUint(e, structs)
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, 0) // first clock
  for (let clock = 0; clock < structs; clock++) {
    if (clock === 0) {
      encoding.writeUint8(e, 4) // ContentString, no origins: the parent follows
      encoding.writeVarUint(e, 1) // parent is a root type, by name
      encoding.writeVarString(e, root)
    } else {
      encoding.writeUint8(e, 0x40 | 4) // ContentString with a right origin
      encoding.writeVarUint(e, client)
      encoding.writeVarUint(e, clock - 1)
    }
    encoding.writeVarString(e, 'x')
  }
  encoding.writeVarUint(e, 0) // no deletions
  return encoding.toUint8Array(e)
}

/** About `bytes` bytes of smallest structs. */
export const smallestStructsOf = (bytes: number, root?: string, client?: number) => smallestStructs(Math.ceil(bytes / 8), root, client)
