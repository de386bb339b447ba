/**
 * One real server per test file with signed-in users: started before the file's tests,
 * closed with every client the file opened after them. The set-up every server test had a
 * copy of.
 */
import { afterAll, beforeAll } from 'vitest'
import * as Y from 'yjs'
import type { StartOptions } from '@perspektiv/server'
import { api, connect, seedUsers, signIn, startTestServer, tempDataDir, waitFor, type Client, type TestServer } from './harness.js'

export interface World {
  readonly server: TestServer
  readonly data: { dir: string; remove(): void }
  /** Session tokens by username, filled before the file's own `beforeAll` runs. */
  readonly t: Record<string, string>
  /** An API call as `who`. */
  call(who: string, method: string, path: string, body?: unknown): ReturnType<typeof api>
  /** A stock provider on `room` as `who`, destroyed after the file. */
  client(room: string, who: string): Client
  /** Every client to destroy after the file (push the ones made with `connect` too). */
  readonly clients: Client[]
}

export function serverWorld(users: string[], options: StartOptions = { summaryDelayMs: 50 }): World {
  let data: World['data'] | undefined
  let server: TestServer | undefined
  const t: Record<string, string> = {}
  const clients: Client[] = []
  const world: World = {
    get server() {
      if (!server) throw new Error('the server is not started yet (use it inside a test or a hook)')
      return server
    },
    get data() {
      if (!data) throw new Error('the data directory is not made yet (use it inside a test or a hook)')
      return data
    },
    t,
    call: (who, method, path, body) => api(world.server.url, method, path, { token: t[who], body }),
    client: (room, who) => {
      const c = connect(world.server.wsUrl, room, t[who]!)
      clients.push(c)
      return c
    },
    clients,
  }
  beforeAll(async () => {
    data = tempDataDir()
    await seedUsers(data.dir, users)
    server = await startTestServer(data.dir, options)
    for (const u of users) t[u] = await signIn(server.url, u)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server?.close()
    data?.remove()
  })
  return world
}

/** Waits until everything `from` wrote has reached the server (the watcher received it). */
export async function settled(from: Client, watcher: Client): Promise<void> {
  const clock = (d: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(d)).get(from.doc.clientID) ?? 0
  await waitFor(() => clock(watcher.doc) >= clock(from.doc), 5_000, 'the server to have the edits')
}
