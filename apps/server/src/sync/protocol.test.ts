import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { MalformedMessageError, decodeClientMessage, encodeSyncStep1, encodeUpdate } from './protocol.js'

const message = (...parts: Array<number | Uint8Array>) => {
  const e = encoding.createEncoder()
  for (const p of parts) typeof p === 'number' ? encoding.writeVarUint(e, p) : encoding.writeVarUint8Array(e, p)
  return encoding.toUint8Array(e)
}

describe('decodeClientMessage', () => {
  it('reads the y-websocket messages a stock client sends', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hej')
    expect(decodeClientMessage(encodeSyncStep1(Y.encodeStateVector(doc)))).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) })
    const update = Y.encodeStateAsUpdate(doc)
    expect(decodeClientMessage(encodeUpdate(update))).toEqual({ type: 'sync-update', update, step2: false })
    expect(decodeClientMessage(message(0, 1, update))).toEqual({ type: 'sync-update', update, step2: true })
    expect(decodeClientMessage(message(1, new Uint8Array([0])))).toEqual({ type: 'awareness', update: new Uint8Array([0]) })
    expect(decodeClientMessage(message(3))).toEqual({ type: 'query-awareness' })
  })

  it('refuses unknown types, truncated and empty messages', () => {
    for (const bad of [new Uint8Array([]), message(9), message(0, 7, new Uint8Array([1])), new Uint8Array([0, 2, 50, 1]), message(2)]) {
      expect(() => decodeClientMessage(bad)).toThrow(MalformedMessageError)
    }
  })
})
