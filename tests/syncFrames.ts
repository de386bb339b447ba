/**
 * Hand-made y-websocket sync frames, for the tests and benchmarks that must send what no stock
 * client would: garbage or poisoned updates, the sync-cost attack of issue 22.1 (the
 * reliability test asserts the server's answer, the benchmark what it costs the others).
 */
import * as encoding from 'lib0/encoding'

/** [sync, step 1, state vector]: asks the server for everything the vector has not seen. */
export function syncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, stateVector)
  return encoding.toUint8Array(e)
}

/** [sync, update, payload]: the payload is sent as it is, valid or not. */
export function syncUpdate(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

/** Step 1 with a state vector naming one client the server has never seen: the server's diff is the whole document. */
export function strangerStep1(client: number): Uint8Array {
  const sv = encoding.createEncoder()
  encoding.writeVarUint(sv, 1)
  encoding.writeVarUint(sv, client)
  encoding.writeVarUint(sv, 1)
  return syncStep1(encoding.toUint8Array(sv))
}
