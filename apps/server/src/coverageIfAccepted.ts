import type { CoverageReport } from '@perspektiv/model'
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
  // Both rooms read on the state pool when large (SRV-S16).
  const read = await s.rooms.suggested(live, 'coverage')
  return (read as { coverage: CoverageReport }).coverage
}
