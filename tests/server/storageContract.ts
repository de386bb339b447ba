/**
 * The storage contract: every store's behaviour, run with the same inputs against SQLite
 * (storageContract.test.ts) and PostgreSQL (tests/scale/storageContract.pg.test.ts), so a
 * server on either answers the same: the same values (numbers for ids and counts, booleans,
 * ISO timestamps, null where nothing is stored), the same order, the same error classes,
 * and transactions that leave nothing when a step fails. The update log has its own
 * contract (updateLogContract.ts). Each case cites its rule in apps/server/SPEC.md
 * (SRV-ST16…ST30).
 */
import { describe } from 'vitest'
import { accountCases } from './storageContract/accounts.js'
import { documentCases } from './storageContract/documents.js'
import { historyCases } from './storageContract/history.js'
import { contractContext, type MaybePromise, type StorageFixture } from './storageContract/support.js'

export { SESSION_IDLE_MS, type ContractStores, type StorageFixture } from './storageContract/support.js'

/** Every case, one module per table group (storageContract/), against the stores `makeFixture` builds. */
export function storageContract(name: string, makeFixture: () => MaybePromise<StorageFixture>): void {
  const context = contractContext(makeFixture)
  describe(`Storage contract: ${name}`, () => {
    accountCases(context)
    documentCases(context)
    historyCases(context)
  })
}
