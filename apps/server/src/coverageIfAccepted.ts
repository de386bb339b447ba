import { coverageOfDocument } from '@perspektiv/coverage'
import { applyTextEdits, META_MAP } from '@perspektiv/document'
import type { CoverageReport } from '@perspektiv/model'
import { openSuggestionEdits } from '@perspektiv/review'
import type { DocumentRecord } from './storage/documentStore.js'
import type { Services } from './services.js'

/**
 * [S8] `GET /coverage?suggestions=accepted`: the same checker over the content as it would
 * read with every open suggestion that still applies accepted (outdated ones left out), read
 * from the server's rooms after what is pending is stored. Nothing is changed.
 */
export async function coverageIfAccepted(s: Services, record: DocumentRecord): Promise<CoverageReport> {
  await s.rooms.flush()
  const live = await s.rooms.open(record)
  const content = s.rooms.contentDoc(live)
  const review = live.review.state.toDoc()
  try {
    const { json, edits } = openSuggestionEdits(content, review)
    return coverageOfDocument(live.template, applyTextEdits(json, edits), content.getMap(META_MAP).toJSON())
  } finally {
    review.destroy()
  }
}
