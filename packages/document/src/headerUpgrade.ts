import * as Y from 'yjs'
import { META_MAP, META_TEXT_FIELDS } from './meta.js'

/** What `upgradeHeaderText` did to one document's header. */
export interface HeaderTextUpgrade {
  /** Fields now held as shared types, e.g. `title`, `handlaggare`, `signatories`, `handlaggare.phone`. */
  converted: string[]
  /** DOC-D8 fields holding a value of another type than a string / object of strings / array of those: left as they are. */
  unrecognised: string[]
}

/** A plain JSON object (not an array, not a Yjs type) whose values are all strings. */
function isStringRecord(v: unknown): v is Record<string, string> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Y.AbstractType) return false
  return Object.values(v).every((x) => typeof x === 'string')
}

/** One Y.Text per property, in the object's order, so `toJSON()` reads the object back exactly. */
function textMapOf(record: Record<string, string>): Y.Map<Y.Text> {
  const map = new Y.Map<Y.Text>()
  for (const [key, value] of Object.entries(record)) map.set(key, new Y.Text(value))
  return map
}

/**
 * Plain strings set into a header Y.Map (a key the whole-value path of the form wrote into
 * the shared map, e.g. a handläggare's phone missing when the map was made) become Y.Text.
 */
function textsInMap(map: Y.Map<unknown>, path: string, upgrade: HeaderTextUpgrade, writes: Array<() => void>): void {
  for (const [key, value] of map.entries()) {
    if (typeof value === 'string') {
      upgrade.converted.push(`${path}.${key}`)
      writes.push(() => map.set(key, new Y.Text(value)))
    } else if (!(value instanceof Y.Text)) upgrade.unrecognised.push(`${path}.${key}`)
  }
}

/**
 * [DOC-D9] Converts every DOC-D8 header field of `ydoc` still held as a plain value (a
 * document stored before DOC-D8) into its shared type with the same content, in one
 * transaction: a text field's string into a Y.Text, a handläggare object into a Y.Map of
 * Y.Text, signatories (an array of objects) into a Y.Array of such Y.Maps; a plain string
 * inside an existing header Y.Map into a Y.Text. `meta.toJSON()` reads exactly as before
 * (properties a value lacks stay absent, extra ones are kept, as Y.Text). A field of another
 * type is left alone and named in `unrecognised`; an absent field stays absent. Pure over
 * the Y.Doc; for the server's one-time upgrade (SRV-ST44), never run by a browser: two
 * clients converting one field at once would each make their own Y.Text, and one of them
 * (with what was typed into it) would lose.
 *
 * Written with the Y.Doc's own random client id, unlike the fixed id of the section upgrade
 * (DOC-S6): two processes converting different states with one fixed id would create
 * different items under the same IDs, which Yjs cannot tell apart (one document silently
 * keeps the wrong one). With a random id the worst case is last writer wins between two
 * conversions of one key, and the server's lock and once-only task keep that from happening.
 */
export function upgradeHeaderText(ydoc: Y.Doc): HeaderTextUpgrade {
  const meta = ydoc.getMap<unknown>(META_MAP)
  const upgrade: HeaderTextUpgrade = { converted: [], unrecognised: [] }
  // Decided before anything is written, so the transaction only writes.
  const writes: Array<() => void> = []
  for (const key of META_TEXT_FIELDS) {
    if (!meta.has(key)) continue
    const value = meta.get(key)
    if (typeof value === 'string') {
      upgrade.converted.push(key)
      writes.push(() => meta.set(key, new Y.Text(value)))
    } else if (!(value instanceof Y.Text)) upgrade.unrecognised.push(key)
  }
  if (meta.has('handlaggare')) {
    const value = meta.get('handlaggare')
    if (value instanceof Y.Map) textsInMap(value as Y.Map<unknown>, 'handlaggare', upgrade, writes)
    else if (isStringRecord(value)) {
      upgrade.converted.push('handlaggare')
      writes.push(() => meta.set('handlaggare', textMapOf(value)))
    } else upgrade.unrecognised.push('handlaggare')
  }
  if (meta.has('signatories')) {
    const value = meta.get('signatories')
    if (value instanceof Y.Array) {
      value.forEach((s: unknown, i) => {
        if (s instanceof Y.Map) textsInMap(s as Y.Map<unknown>, `signatories.${i}`, upgrade, writes)
        else upgrade.unrecognised.push(`signatories.${i}`)
      })
    } else if (Array.isArray(value) && value.every(isStringRecord)) {
      upgrade.converted.push('signatories')
      writes.push(() => {
        const list = new Y.Array<Y.Map<Y.Text>>()
        list.push(value.map(textMapOf))
        meta.set('signatories', list)
      })
    } else upgrade.unrecognised.push('signatories')
  }
  if (writes.length > 0)
    ydoc.transact(() => {
      for (const write of writes) write()
    }, 'header-text-upgrade')
  return upgrade
}
