/**
 * Promise 4 (issue #8), hostile frames: ≥ 10,000 seeded random WebSocket frames plus crafted
 * ones (empty, truncated varints, huge length prefixes, invalid update bytes, unknown
 * message types, a 64 MB frame, awareness floods), all from an author's token. Each
 * offending connection is closed with a code and a reason; the server process stays up;
 * another author's edits keep flowing during the barrage; the document is unchanged.
 * (apps/server/SPEC.md: SRV-S10, SRV-S12.)
 *
 * Reproduce a failure with the printed seed: FUZZ_SEED=<seed> pnpm exec vitest run tests/reliability/hostile-frames.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import {
  api,
  connect,
  connected,
  createDoc,
  exited,
  freePort,
  rawSocket,
  sectionText,
  seedUsers,
  seededRandom,
  signIn,
  spawnServer,
  tempDataDir,
  typeInSection,
  visibleState,
  waitFor,
  type Client,
} from './support.js'

const FRAMES = 10_000
const PARALLEL = 32
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31)
/** Closes that name what was wrong: malformed (4400), too big (1009), policy/flood (1008, 4429). */
const REASONED_CLOSES = new Set([4400, 1009, 1008, 4429])

const data = tempDataDir()
let server: Awaited<ReturnType<typeof spawnServer>>
let wsUrl: string
let token: string
let docId: string
let writer: Client
let watcher: Client
const cleanups: Array<() => void> = []
/** The legitimate edits, typed into one section all through the barrage. */
const LIVE_SECTION = 'synpunkter'
let typed = ''
let typing: NodeJS.Timeout | undefined
let before: string

beforeAll(async () => {
  await seedUsers(data.dir, ['anna', 'erik'])
  const port = await freePort()
  server = await spawnServer(data.dir, port)
  wsUrl = `ws://127.0.0.1:${port}/sync`
  token = await signIn(server.url, 'anna')
  docId = await createDoc(server.url, token, 'Fientliga meddelanden')
  await api(server.url, 'PUT', `/api/documents/${docId}/members`, { token, body: { username: 'erik', role: 'author' } })
  writer = connect(wsUrl, docId, token)
  watcher = connect(wsUrl, docId, await signIn(server.url, 'erik'))
  cleanups.push(
    () => writer.destroy(),
    () => watcher.destroy(),
  )
  await Promise.all([connected(writer), connected(watcher)])
  typeInSection(writer.doc, 'sammanfattning', 'Det här får inte ändras.')
  await waitFor(() => sectionText(watcher.doc, 'sammanfattning') === 'Det här får inte ändras.')
  before = withoutLiveSection(watcher.doc)
  let n = 0
  typing = setInterval(() => {
    const piece = `[${n++}]`
    typeInSection(writer.doc, LIVE_SECTION, piece)
    typed += piece
  }, 50)
}, 60_000)

afterAll(async () => {
  clearInterval(typing)
  for (const c of cleanups) c()
  if (server && server.process.exitCode === null) {
    server.process.kill('SIGTERM')
    await exited(server.process)
  }
  data.remove()
})

/** The document as a reader sees it, except the section the legitimate writer types in. */
function withoutLiveSection(doc: Y.Doc): string {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const fragment = copy.getXmlFragment('default')
  const index = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('key') === LIVE_SECTION)
  fragment.delete(index, 1)
  return visibleState(copy)
}

const varuint = (n: number) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, n)
  return [...encoding.toUint8Array(e)]
}

/** A random frame: noise, or a real message type / sync sub-type with a random (often lying) payload. */
function randomFrame(rand: () => number): Uint8Array {
  const int = (n: number) => Math.floor(rand() * n)
  const bytes = (n: number) => Array.from({ length: n }, () => int(256))
  const kind = rand()
  let frame: number[]
  if (kind < 0.25) frame = bytes(int(48))
  else if (kind < 0.55) {
    const payload = bytes(int(40))
    const length = rand() < 0.7 ? payload.length : int(2 ** 31)
    frame = [0, int(4), ...varuint(length), ...payload]
  } else if (kind < 0.75) {
    const payload = bytes(int(40))
    frame = [1, ...varuint(rand() < 0.7 ? payload.length : int(2 ** 31)), ...payload]
  } else if (kind < 0.85) frame = [...varuint(4 + int(2 ** 20)), ...bytes(int(16))]
  else frame = Array.from({ length: 1 + int(9) }, () => 0x80 | int(128)) // a varint that never ends
  return new Uint8Array(frame)
}

const QUERY_AWARENESS = new Uint8Array([3])

interface Outcome {
  closes: Array<{ code: number; reason: string; frame: string }>
  accepted: number
}

/** Sends frames one at a time on a socket; a query-awareness probe tells "accepted" from "closed". */
async function barrage(frames: Uint8Array[], outcome: Outcome): Promise<void> {
  let socket = await rawSocket(`${wsUrl}/${docId}?token=${token}`)
  for (const frame of frames) {
    const seen = socket.messages.length
    socket.ws.send(frame)
    socket.ws.send(QUERY_AWARENESS)
    const replied = waitFor(() => socket.messages.slice(seen).some((m) => m[0] === 1), 10_000, 'probe reply').then(() => 'open' as const)
    const result = await Promise.race([replied, socket.closed])
    if (result === 'open') {
      outcome.accepted++
      continue
    }
    outcome.closes.push({ ...result, frame: Buffer.from(frame.subarray(0, 24)).toString('hex') })
    socket = await rawSocket(`${wsUrl}/${docId}?token=${token}`)
  }
  socket.ws.close()
}

describe('hostile frames', () => {
  it(`${FRAMES} seeded random frames: offenders closed with a reason, the server up, edits flowing, the document unchanged`, async () => {
    console.log(`[fuzz] seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run)`)
    const rand = seededRandom(SEED)
    const frames = Array.from({ length: FRAMES }, () => randomFrame(rand))
    const outcome: Outcome = { closes: [], accepted: 0 }
    const typedBefore = typed.length
    const started = Date.now()
    await Promise.all(
      Array.from({ length: PARALLEL }, (_, w) =>
        barrage(
          frames.filter((_, i) => i % PARALLEL === w),
          outcome,
        ),
      ),
    )
    console.log(`[fuzz] ${FRAMES} frames in ${Date.now() - started} ms: ${outcome.closes.length} connections closed, ${outcome.accepted} frames harmless`)
    const unexplained = outcome.closes.filter((c) => !REASONED_CLOSES.has(c.code) || c.reason === '')
    expect(unexplained.slice(0, 5), `closes without a code and reason (seed ${SEED})`).toEqual([])
    expect(outcome.closes.length).toBeGreaterThan(FRAMES / 2)
    expect(server.process.exitCode, 'server process still running').toBeNull()
    // The legitimate author kept typing throughout, and the other author kept receiving it.
    expect(typed.length).toBeGreaterThan(typedBefore)
    // (The writer is still typing: wait for everything typed so far, not for a moving target.)
    const sent = typed
    await waitFor(() => sectionText(watcher.doc, LIVE_SECTION).startsWith(sent), 5000, 'live edits reached the watcher')
    expect(withoutLiveSection(watcher.doc), `document changed by the barrage (seed ${SEED})`).toBe(before)
    // ~5,000 reconnects: 90 s on a 2-core machine shared with other work, over 120 s when busier.
  }, 300_000)

  it('crafted frames: each closes its own connection with a code and a reason', async () => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    // An update that claims a struct from client 7 and then ends mid-way.
    encoding.writeVarUint8Array(e, new Uint8Array([1, 1, 7, 0, 4, 0xff, 0xff, 0xff, 0xff, 0x0f]))
    const invalidUpdate = encoding.toUint8Array(e)
    const cases: Array<[string, Uint8Array | string, number]> = [
      ['empty frame', new Uint8Array(0), 4400],
      ['truncated varint (type)', new Uint8Array([0x80]), 4400],
      ['truncated varint (sync sub-type)', new Uint8Array([0, 0x80]), 4400],
      ['truncated varint (length)', new Uint8Array([0, 2, 0xff, 0xff]), 4400],
      ['huge length prefix (sync)', new Uint8Array([0, 2, ...varuint(2 ** 31), 1, 2, 3]), 4400],
      ['huge length prefix (awareness)', new Uint8Array([1, ...varuint(2 ** 30), 1]), 4400],
      ['invalid update bytes', invalidUpdate, 4400],
      ['invalid state vector', new Uint8Array([0, 0, 3, 0xff, 0xff, 0xff]), 4400],
      ['unknown message type 2 (auth)', new Uint8Array([2, 0]), 4400],
      ['unknown message type 99', new Uint8Array([99, 1, 2]), 4400],
      ['unknown message type 2^40', new Uint8Array([...varuint(2 ** 40)]), 4400],
      ['unknown sync sub-type', new Uint8Array([0, 7, 1, 0]), 4400],
      ['awareness that is not JSON', new Uint8Array([1, 6, 1, 5, 1, 2, ...varuint(0x7b), 0x7b].slice(0, 8)), 4400],
      ['text frame', 'hej', 4400],
    ]
    for (const [what, frame, code] of cases) {
      const s = await rawSocket(`${wsUrl}/${docId}?token=${token}`)
      s.ws.send(frame)
      const closed = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))])
      expect(closed, `${what}: closed`).not.toBeNull()
      expect(closed!.code, what).toBe(code)
      expect(closed!.reason, `${what}: a reason`).not.toBe('')
    }
  })

  it('a 64 MB frame is refused with 1009 without taking the server down', async () => {
    const s = await rawSocket(`${wsUrl}/${docId}?token=${token}`)
    s.ws.on('error', () => {})
    s.ws.send(new Uint8Array(64 * 1024 * 1024).fill(7))
    const closed = await s.closed
    expect(closed.code).toBe(1009)
    expect(closed.reason).not.toBe('')
    expect((await api(server.url, 'GET', '/api/health')).status).toBe(200)
  })

  it('awareness floods (many client ids, or one id at full speed) close the flooding connection with a reason', async () => {
    const awareness = (clientId: number, clock: number, state: unknown) => {
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, clientId)
      encoding.writeVarUint(inner, clock)
      encoding.writeVarString(inner, JSON.stringify(state))
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
      return encoding.toUint8Array(e)
    }
    const floods: Array<[string, (i: number) => Uint8Array]> = [
      ['a new client id per message', (i) => awareness(1_000_000 + i, 1, { user: { name: `x${i}` } })],
      ['one client id, as fast as possible', (i) => awareness(2_000_000, i + 1, { user: { name: 'snabb' }, cursor: i })],
    ]
    for (const [what, message] of floods) {
      const s = await rawSocket(`${wsUrl}/${docId}?token=${token}`)
      for (let i = 0; i < 20_000 && s.ws.readyState === 1; i++) s.ws.send(message(i))
      const closed = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))])
      expect(closed, `${what}: the flooding connection is closed`).not.toBeNull()
      expect(REASONED_CLOSES.has(closed!.code), `${what}: code ${closed!.code}`).toBe(true)
      expect(closed!.reason).not.toBe('')
      // The flood's presence entries are gone with it, so no one keeps thousands of ghosts.
      await waitFor(() => watcher.provider.awareness.getStates().size <= 2, 5000, `${what}: presence cleaned up`)
    }
    expect(server.process.exitCode).toBeNull()
    // Only the flooders were cut off: the stock clients (which echo every awareness update
    // they receive) were never charged for it.
    expect(
      server
        .output()
        .split('\n')
        .filter((l) => / flood .*"user":"erik"/.test(l)),
    ).toEqual([])
    const sent = typed
    await waitFor(() => sectionText(watcher.doc, LIVE_SECTION).startsWith(sent), 5000, 'live edits still flowing')
  }, 60_000)
})
