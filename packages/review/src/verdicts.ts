import type * as Y from 'yjs'
import { VERDICTS_MAP, verdictSchema, type Verdict } from './shape.js'
import { sectionFingerprint } from './fingerprint.js'

/** [V1] Records a reviewer's verdict on one perspective; throws on an invalid verdict. */
export function setVerdict(reviewDoc: Y.Doc, perspectiveKey: string, verdict: Verdict): void {
  reviewDoc.getMap<Verdict>(VERDICTS_MAP).set(perspectiveKey, verdictSchema.parse(verdict))
}

export function clearVerdict(reviewDoc: Y.Doc, perspectiveKey: string): void {
  reviewDoc.getMap(VERDICTS_MAP).delete(perspectiveKey)
}

/** Valid verdicts by perspective key; malformed ones are skipped. */
export function readVerdicts(reviewDoc: Y.Doc): Record<string, Verdict> {
  const out: Record<string, Verdict> = {}
  reviewDoc.getMap<unknown>(VERDICTS_MAP).forEach((value, key) => {
    const parsed = verdictSchema.safeParse(value)
    if (parsed.success) out[key] = parsed.data
  })
  return out
}

/** [V2] A verdict is outdated once the section text it judged has changed. */
export function isVerdictOutdated(verdict: Verdict, currentSectionText: string): boolean {
  return verdict.sectionFingerprint !== sectionFingerprint(currentSectionText)
}
