import * as Y from 'yjs'
import { applyTextEdits, META_MAP, readMeta, trackTextEdits, yDocToJSON, type PMNode } from '@perspektiv/document'
import { coverageOfDocument } from '@perspektiv/coverage'
import { listSuggestions, listThreads, openSuggestionEdits, readVerdicts, type Suggestion, type Thread, type Verdict } from '@perspektiv/review'
import type { CoverageReport, DocumentMeta, Template } from '@perspektiv/model'
import { reviewChanges, type ReviewChanges } from './reviewChanges.js'

/**
 * [SRV-S16, SRV-S17] The reads of a room's content that need a Y.Doc (REST detail, coverage,
 * export input, fingerprints, unload's garbage-collected snapshot), as plain functions from
 * update bytes to plain data: run inline for small rooms and on the state pool's threads
 * for large ones (a Y.Doc of 4 MB of stored text takes 1–2 s to build), so both paths read
 * exactly alike.
 */
export type ContentJob =
  /** The content as JSON, its header and coverage; `gc`: also its garbage-collected encoding (unload). */
  | { kind: 'content'; parts: Uint8Array[]; template: Template; gc?: boolean }
  /** A room's garbage-collected encoding (the review room's compaction at unload). */
  | { kind: 'gc'; parts: Uint8Array[] }
  /** With every open suggestion of the review room that still applies: coverage as accepted, or the content marked as tracked changes. */
  | { kind: 'suggested'; parts: Uint8Array[]; review: Uint8Array[]; template: Template; as: 'coverage' | 'tracked' }
  /** The review room's verdicts, threads and suggestions (what the approval gate judges). */
  | { kind: 'review'; parts: Uint8Array[] }
  /** What an accepted review-room update added (comments, verdicts), read from the room's state after it: what the notifier tells (SRV-S19). */
  | { kind: 'reviewChanges'; parts: Uint8Array[]; update: Uint8Array }
  /** Sync step 2's update for a client at `stateVector` (SRV-S18). */
  | { kind: 'diff'; parts: Uint8Array[]; stateVector: Uint8Array }

/** What a reader of the content sees, as plain data (what `Rooms.content` answers). */
export interface ContentRead {
  json: PMNode
  /** The meta map as stored (what fingerprints and gates read). */
  metaJson: unknown
  /** The header, each field checked (readMeta). */
  meta: DocumentMeta
  coverage: CoverageReport
  /** The state encoded from the Y.Doc (deleted text dropped): asked for by unload only. */
  update?: Uint8Array
}

export type SuggestedRead = { coverage: CoverageReport } | { tracked: PMNode }

/** What the review room holds, as plain data. */
export interface ReviewRead {
  verdicts: Record<string, Verdict>
  threads: Thread[]
  suggestions: Suggestion[]
}

export function readReview(parts: Uint8Array[]): ReviewRead {
  return withStateDoc(parts, (doc) => ({ verdicts: readVerdicts(doc), threads: listThreads(doc), suggestions: listSuggestions(doc) }))
}

/** A Y.Doc of `parts` (a room's stored or held updates), destroyed after `read`. Throws when Yjs cannot apply them. */
export function withStateDoc<T>(parts: Uint8Array[], read: (doc: Y.Doc) => T): T {
  // A fixed guid: the default one costs calls into the system's random source.
  const doc = new Y.Doc({ guid: 'read', gc: true })
  try {
    doc.transact(() => {
      for (const part of parts) Y.applyUpdate(doc, part)
    })
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** The ContentRead of a content Y.Doc. */
export function readContentDoc(doc: Y.Doc, template: Template): ContentRead {
  const json = yDocToJSON(doc)
  const metaJson: unknown = doc.getMap(META_MAP).toJSON()
  return { json, metaJson, meta: readMeta(doc), coverage: coverageOfDocument(template, json, metaJson) }
}

export function readContent(parts: Uint8Array[], template: Template, gc = false): ContentRead {
  return withStateDoc(parts, (doc) => ({ ...readContentDoc(doc, template), ...(gc ? { update: Y.encodeStateAsUpdate(doc) } : {}) }))
}

export function readSuggested(parts: Uint8Array[], review: Uint8Array[], template: Template, as: 'coverage' | 'tracked'): SuggestedRead {
  return withStateDoc(parts, (content) =>
    withStateDoc(review, (reviewDoc) => {
      const { json, edits } = openSuggestionEdits(content, reviewDoc)
      if (as === 'tracked') return { tracked: trackTextEdits(json, edits) }
      return { coverage: coverageOfDocument(template, applyTextEdits(json, edits), content.getMap(META_MAP).toJSON()) }
    }),
  )
}

/** Runs one content job (on whichever thread calls it). */
export function runContentJob(job: ContentJob): ContentRead | SuggestedRead | ReviewRead | ReviewChanges | { update: Uint8Array } {
  switch (job.kind) {
    case 'content':
      return readContent(job.parts, job.template, job.gc)
    case 'gc':
      return { update: withStateDoc(job.parts, (doc) => Y.encodeStateAsUpdate(doc)) }
    case 'suggested':
      return readSuggested(job.parts, job.review, job.template, job.as)
    case 'review':
      return readReview(job.parts)
    case 'reviewChanges':
      return withStateDoc(job.parts, (doc) => reviewChanges(doc, job.update))
    case 'diff':
      return { update: Y.diffUpdate(job.parts.length === 1 ? job.parts[0]! : Y.mergeUpdates(job.parts), job.stateVector) }
  }
}
