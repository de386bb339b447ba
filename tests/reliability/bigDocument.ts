/**
 * The set-up the big-document tests share (big-load, big-read, sync-cost): users seeded into
 * a fresh data directory, documents created by the first of them with their members, and a
 * real server over it; optionally something written straight into the stored state (as an
 * older server could have stored it) before that server starts. The fixture registers its
 * own `beforeAll` (so a file's own `beforeAll`, registered after it, sees it done) and, through
 * clientScope, the `afterAll` that destroys the file's clients, closes the server and removes
 * the data directory.
 */
import { beforeAll } from 'vitest'
import * as Y from 'yjs'
import type { Role } from '@perspektiv/model'
import type { StartOptions } from '@perspektiv/server'
import { addMember, clientScope, createDoc, execSql, rows, seedUsers, signIn, startTestServer, tempDataDir, type TestServer } from './support.js'

interface DocumentPlan {
  title: string
  /** Added by the creator once every document exists, in this order. */
  members?: Array<[username: string, role: Role]>
}

interface FixturePlan<U extends string, D extends string> {
  /** Seeded in this order; the first creates the documents. */
  users: readonly [U, ...U[]]
  documents: Record<D, DocumentPlan>
  /** Writes into the data directory after the documents exist, on a set-up server closed again first. */
  store?: (dir: string, ids: Record<D, string>) => void
  server?: StartOptions
}

export interface BigDocumentFixture<U extends string, D extends string> {
  readonly dir: string
  /** The server the tests run against (started in the fixture's `beforeAll`). */
  readonly server: TestServer
  /** A session of each user on `server`. */
  readonly tokens: Readonly<Record<U, string>>
  readonly ids: Readonly<Record<D, string>>
  open: ReturnType<typeof clientScope>['open']
  openConnected: ReturnType<typeof clientScope>['openConnected']
}

export function bigDocumentFixture<U extends string, D extends string>(plan: FixturePlan<U, D>, timeoutMs = 120_000): BigDocumentFixture<U, D> {
  const data = tempDataDir()
  let server: TestServer | undefined
  const tokens = {} as Record<U, string>
  const ids = {} as Record<D, string>
  const { open, openConnected } = clientScope(async () => {
    await server?.close()
    data.remove()
  })

  const signInAll = async (s: TestServer) => {
    for (const user of plan.users) tokens[user] = await signIn(s.url, user)
  }

  beforeAll(async () => {
    await seedUsers(data.dir, [...plan.users])
    // Without a store step the documents are made on the tests' own server.
    const setup = await startTestServer(data.dir, plan.store ? {} : plan.server)
    if (plan.store) tokens[plan.users[0]] = await signIn(setup.url, plan.users[0])
    else await signInAll(setup)
    const owner = tokens[plan.users[0]]
    const entries = Object.entries(plan.documents) as Array<[D, DocumentPlan]>
    for (const [key, doc] of entries) ids[key] = await createDoc(setup.url, owner, doc.title)
    for (const [key, doc] of entries) for (const [username, role] of doc.members ?? []) await addMember(setup.url, owner, ids[key], username, role)
    if (!plan.store) {
      server = setup
      return
    }
    await setup.close()
    plan.store(data.dir, ids)
    server = await startTestServer(data.dir, plan.server)
    await signInAll(server)
  }, timeoutMs)

  return {
    dir: data.dir,
    get server() {
      if (!server) throw new Error('bigDocumentFixture: the server is not started yet (read it in a test or a later beforeAll)')
      return server
    },
    tokens,
    ids,
    open,
    openConnected,
  }
}

/** Replaces `id`'s stored content snapshot by itself merged with `update`: a state no client sent this server. */
export function mergeIntoStoredContent(dir: string, id: string, update: Uint8Array): void {
  const snapshot = rows<{ data: Buffer }>(dir, "SELECT data FROM snapshots WHERE document_id = ? AND room = 'content'", id)[0]!.data
  execSql(dir, "UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'", Buffer.from(Y.mergeUpdates([snapshot, update])), id)
}
