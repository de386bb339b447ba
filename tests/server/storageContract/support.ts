/** What the storage contract's cases share: a fresh fixture per case, accounts and documents to work on. */
import * as Y from 'yjs'
import type { CoverageSummary } from '@perspektiv/model'
import type { ApiTokenStore, DocumentStore, IdentityStore, NotificationStore, Promisified, ServerTaskTable, SessionStore, UserStore } from '@perspektiv/server'

export type MaybePromise<T> = T | Promise<T>

/** The stores of one database, each answering promises (SQLite's wrapped by the fixture). */
export interface ContractStores {
  users: Promisified<UserStore>
  /** Built with an idle expiry of `SESSION_IDLE_MS`. */
  sessions: Promisified<SessionStore>
  apiTokens: Promisified<ApiTokenStore>
  identities: Promisified<IdentityStore>
  notifications: Promisified<NotificationStore>
  documents: Promisified<DocumentStore>
  serverTasks: Promisified<ServerTaskTable>
}

export interface StorageFixture {
  stores: ContractStores
  close(): MaybePromise<void>
  /**
   * Several server instances share the database (PostgreSQL): a second, independent set of
   * stores on it, for the cases where two instances act at once. SQLite skips them.
   */
  sharedWriters?: { other(): MaybePromise<ContractStores> }
}

export const SESSION_IDLE_MS = 10 * 60_000

export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

export function contentUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

export const coverage = (done: number) => ({ done, total: 4 }) as unknown as CoverageSummary

/** The helpers of one contract run (one backend): each case gets a fixture of its own. */
export function contractContext(makeFixture: () => MaybePromise<StorageFixture>) {
  const withFixture = (fn: (s: ContractStores, f: StorageFixture) => Promise<void>) => async () => {
    const f = await makeFixture()
    try {
      await fn(f.stores, f)
    } finally {
      await f.close()
    }
  }

  /** Accounts (hashing is slow: a handful per case). */
  const addUsers = (s: ContractStores, names: string[]) =>
    Promise.all(names.map((u) => s.users.add({ username: u, name: u[0]!.toUpperCase() + u.slice(1), title: 'Handläggare', password: 'hemligt' })))

  let counter = 0
  const newDocument = async (
    s: ContractStores,
    createdBy: number,
    members: Array<{ userId: number; role: 'author' | 'reviewer' | 'approver' | 'reader' }>,
    at?: string,
  ) => {
    const id = `doc-${++counter}`
    const createdAt = at ?? new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString()
    await s.documents.createDocument({ id, templateId: 'remissvar', title: `Dokument ${counter}`, dnr: '', createdBy, createdAt }, contentUpdate(id), members)
    return id
  }
  return { withFixture, addUsers, newDocument }
}

export type ContractContext = ReturnType<typeof contractContext>
