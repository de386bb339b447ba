import type pg from 'pg'
import { LocalDocumentLock, type DocumentLock } from '../documentLock.js'
import { withClient } from './queryable.js'

/** The advisory-lock class of workflow steps (the compaction lock has its own, updateLog.ts). */
const WORKFLOW_LOCK_CLASS = 7_419_003

/**
 * The lock across every instance on one PostgreSQL (issue 19): a session advisory lock per
 * document, keyed by PostgreSQL's own hashtext of the id, held on a connection of its own
 * pool while the step runs its statements on the stores' pool (so steps of many documents
 * at once never use up the connections those statements need). Within this process the
 * steps of a document queue first, so one instance holds at most one connection per
 * document waiting.
 */
export class PgDocumentLock implements DocumentLock {
  private readonly local = new LocalDocumentLock()

  constructor(private readonly lockPool: pg.Pool) {}

  run<T>(documentId: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(documentId, () =>
      withClient(this.lockPool, async (client, discard) => {
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [WORKFLOW_LOCK_CLASS, documentId])
        try {
          return await fn()
        } finally {
          // Not unlocked: a connection that is gone took its session and the lock with it; one
          // that is not must never serve the next step still holding the lock. Either way, destroyed.
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [WORKFLOW_LOCK_CLASS, documentId]).catch(discard)
        }
      }),
    )
  }
}
