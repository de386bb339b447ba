import * as Y from 'yjs'
import { documentMetaSchema, emptyMeta, type DocumentMeta, type Signatory } from '@perspektiv/model'

/** ◆ The Y.Map that holds the document's header metadata. */
export const META_MAP = 'meta'

/**
 * Header fields typed by people, held as Y.Text (DOC-D8) so that two authors typing in one
 * field merge letter by letter instead of the last keystroke replacing the other's field.
 * Dates stay plain strings: a date picker sets a whole value, there is nothing to merge.
 */
export const META_TEXT_FIELDS = ['title', 'subtitle', 'dnr', 'namnd', 'forvaltning', 'avdelning'] as const
export type MetaTextField = (typeof META_TEXT_FIELDS)[number]
export const SIGNATORY_TEXT_FIELDS = ['name', 'title', 'forvaltning'] as const
export const HANDLAGGARE_TEXT_FIELDS = ['name', 'phone'] as const

const textOf = (value: string): Y.Text => new Y.Text(value)

/** A signatory as the shared type the form edits: a Y.Map of one Y.Text per field. */
export function signatoryYMap(s: Partial<Signatory> = {}): Y.Map<Y.Text> {
  const map = new Y.Map<Y.Text>()
  for (const key of SIGNATORY_TEXT_FIELDS) map.set(key, textOf(s[key] ?? ''))
  return map
}

/**
 * Writes meta fields into the Y.Map as the shared types of DOC-D8 (text fields as Y.Text,
 * `handlaggare` as a Y.Map, `signatories` as a Y.Array of Y.Maps). Done once, on the server,
 * when a document is made; readers see the same JSON as before (`map.toJSON()`, `readMeta`).
 */
export function writeMeta(ydoc: Y.Doc, meta: Partial<DocumentMeta>): void {
  const map = ydoc.getMap<unknown>(META_MAP)
  ydoc.transact(() => {
    for (const [k, v] of Object.entries(meta) as Array<[keyof DocumentMeta, unknown]>) {
      if (v === undefined) continue
      if ((META_TEXT_FIELDS as readonly string[]).includes(k) && typeof v === 'string') map.set(k, textOf(v))
      else if (k === 'handlaggare' && v && typeof v === 'object') {
        const h = v as DocumentMeta['handlaggare']
        const person = new Y.Map<Y.Text>()
        for (const key of HANDLAGGARE_TEXT_FIELDS) person.set(key, textOf(h[key] ?? ''))
        map.set(k, person)
      } else if (k === 'signatories' && Array.isArray(v)) {
        const list = new Y.Array<Y.Map<Y.Text>>()
        list.push((v as Signatory[]).map((s) => signatoryYMap(s)))
        map.set(k, list)
      } else map.set(k, v)
    }
  })
}

/**
 * Makes `ytext` read `next` with the smallest edit (one deletion and one insertion where they
 * differ), so that what another author typed elsewhere in the field is kept. `cursor` (where
 * the caret is after the change) decides between equal diffs, e.g. typing "s" in "Anders|son".
 */
export function replaceText(ytext: Y.Text, next: string, cursor = next.length): void {
  const prev = ytext.toString()
  if (prev === next) return
  const { index, remove, insert } = stringDiff(prev, next, cursor)
  const run = () => {
    if (remove > 0) ytext.delete(index, remove)
    if (insert !== '') ytext.insert(index, insert)
  }
  if (ytext.doc) ytext.doc.transact(run)
  else run()
}

/**
 * The one change (at `index`, `remove` characters replaced by `insert`) that turns `prev`
 * into `next`, preferring the common prefix that ends at `cursor` (where the user typed).
 */
export function stringDiff(prev: string, next: string, cursor = next.length): { index: number; remove: number; insert: string } {
  const added = next.length - prev.length
  // The change ends at the caret: the common prefix goes at most to where the change began.
  const prefixLimit = Math.min(prev.length, next.length, Math.max(0, cursor - Math.max(0, added)))
  let start = 0
  while (start < prefixLimit && prev.charCodeAt(start) === next.charCodeAt(start)) start++
  let endPrev = prev.length
  let endNext = next.length
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--
    endNext--
  }
  // Never split a surrogate pair (an emoji or a rare CJK letter) between kept and changed text.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++
    endNext++
  }
  return { index: start, remove: endPrev - start, insert: next.slice(start, endNext) }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/**
 * Reads the meta map leniently: fields that fail validation fall back to empty values,
 * so one bad field written by a client never hides the rest of the header.
 */
export function readMeta(ydoc: Y.Doc): DocumentMeta {
  const raw = ydoc.getMap<unknown>(META_MAP).toJSON() as Record<string, unknown>
  const result = emptyMeta()
  for (const key of Object.keys(result) as Array<keyof DocumentMeta>) {
    if (!(key in raw)) continue
    const one = documentMetaSchema.shape[key].safeParse(raw[key])
    if (one.success) (result as Record<string, unknown>)[key] = one.data
  }
  return result
}
