/** Shared by the gate tests: a header the remissvar accepts, and review-room helpers. */
import * as Y from 'yjs'
import { writeMeta } from '@perspektiv/document'
import type { DocumentMeta } from '@perspektiv/model'
import { createThread, sectionFingerprint, setResolved, setVerdict, type Verdict } from '@perspektiv/review'
import { sectionText } from './harness.js'

/** Everything the remissvar template requires of the header (coverage C20–C24). */
export const FULL_META: Omit<DocumentMeta, 'title'> = {
  subtitle: 'Svar på remiss',
  dnr: 'EÅV 2025/936',
  namnd: 'Stadsdelsnämnden',
  meetingDate: '2025-03-20',
  forvaltning: 'Stadsdelsförvaltningen',
  avdelning: 'Avdelningen för stadsmiljö',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  date: '2025-03-01',
  signatories: [{ name: 'Bo Berg', title: 'Stadsdelsdirektör', forvaltning: 'Stadsdelsförvaltningen' }],
}

/** Writes the full header into a content Y.Doc, as the editor's header form does. */
export function fillHeader(doc: Y.Doc, overrides: Partial<DocumentMeta> = {}): void {
  writeMeta(doc, { ...FULL_META, ...overrides })
}

/** A reviewer's verdict on the perspective as it reads in `content` now. */
export function judge(review: Y.Doc, content: Y.Doc, key: string, verdict: Verdict['verdict'], by = { username: 'rita', name: 'Rita' }): void {
  setVerdict(review, key, {
    verdict,
    comment: verdict === 'komplettering' ? 'Beskriv konsekvenserna för barn i förskoleåldern.' : '',
    by,
    at: new Date().toISOString(),
    sectionFingerprint: sectionFingerprint(sectionText(content, key)),
  })
}

export function openThread(review: Y.Doc, id: string, sectionKey: string, by = { username: 'rita', name: 'Rita' }): void {
  createThread(review, {
    id,
    anchor: { start: 'AA==', end: 'AA==', quote: 'tjugofyra åtgärder', sectionKey },
    comment: { id: `${id}-c1`, author: by, text: 'Vilka åtgärder avses?', at: new Date().toISOString() },
  })
}

export function resolveThread(review: Y.Doc, id: string, by = { username: 'anna', name: 'Anna' }): void {
  setResolved(review, id, true, by, new Date().toISOString())
}
