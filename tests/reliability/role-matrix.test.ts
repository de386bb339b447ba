/**
 * Promise 5 (issue #8), the role matrix: every REST route the server registers and both
 * sync rooms, for every kind of caller, against what ../shared/design.md and
 * apps/server/API.md allow. The route list is read from the Hono app, so a new route
 * without a row here fails this test (with the row to add).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createThread } from '@perspektiv/review'
import { ACTIONS, can, DOCUMENT_STATUSES, PERMISSIONS, ROLES, type Action, type Role } from '@perspektiv/model'
import { fillHeader, TEXT, write } from '../server/gateSupport.js'
import {
  addMember,
  api,
  connect,
  connected,
  createDoc,
  execSql,
  loadFromDisk,
  PASSWORD,
  registeredRoutes,
  sectionText,
  seedUsers,
  signIn,
  sleep,
  startTestServer,
  tempDataDir,
  typeInSection,
  upgradeStatus,
  waitFor,
  type Client,
  type TestServer,
} from './support.js'

/** The callers: a member in each role, signed-in non-members, and no valid session. */
const CALLERS = ['author', 'reviewer', 'approver', 'reader', 'none', 'otherAuthor', 'signedOut', 'expired'] as const
type Caller = (typeof CALLERS)[number]
const USER_OF: Record<Exclude<Caller, 'signedOut'>, string> = {
  author: 'anna',
  reviewer: 'rita',
  approver: 'alva',
  reader: 'linn',
  none: 'nils',
  otherAuthor: 'olle',
  expired: 'erik',
}

/** The roles the permission table (packages/model) gives an action: the matrix is generated from it. */
const rolesOf = (action: Action): Role[] => [...PERMISSIONS[action].roles]

/**
 * Who gets past authentication and authorisation: `public` (anyone), `signedIn` (any valid
 * session), `member` (any role in the document), or the roles listed. Everyone else gets
 * 401 without a valid session, 403 with one.
 */
type Allowed = 'public' | 'signedIn' | 'member' | Role[]
interface Row {
  allowed: Allowed
  /** The concrete request; `ctx` holds the document and version ids. */
  request: (ctx: Ctx) => { path: string; body?: unknown }
  /** Needs its own session per caller (it ends the session it is called with). */
  ownSession?: boolean
  /** The status an allowed caller gets, when it is fixed (e.g. 404 for an id that is nobody's). */
  answer?: number
  /** Puts the document back into the state the request expects, before each caller. */
  before?: (ctx: Ctx) => Promise<void>
}
interface Ctx {
  id: string
  versionId: number
  /** An approved document revised once: revision 1 is frozen. */
  revisedId: string
}

const doc =
  (suffix = '') =>
  (ctx: Ctx) => ({ path: `/api/documents/${ctx.id}${suffix}` })

/** ◆ One row per `METHOD /path` the server registers. */
const ROWS: Record<string, Row> = {
  'GET /api/health': { allowed: 'public', request: () => ({ path: '/api/health' }) },
  'GET /api/openapi.json': { allowed: 'public', request: () => ({ path: '/api/openapi.json' }) },
  'GET /api/docs': { allowed: 'public', request: () => ({ path: '/api/docs' }) },
  'POST /api/session': { allowed: 'public', request: () => ({ path: '/api/session', body: { username: 'probe', password: PASSWORD } }) },
  'DELETE /api/session': { allowed: 'signedIn', ownSession: true, request: () => ({ path: '/api/session' }) },
  'GET /api/me': { allowed: 'signedIn', request: () => ({ path: '/api/me' }) },
  'GET /api/templates': { allowed: 'signedIn', request: () => ({ path: '/api/templates' }) },
  // How one signs in is asked before signing in (the OIDC routes exist only when configured: tests/server/oidc.test.ts).
  'GET /api/sign-in-options': { allowed: 'public', request: () => ({ path: '/api/sign-in-options' }) },
  // Each caller's own personal API tokens (apps/server/API.md "API tokens").
  'GET /api/tokens': { allowed: 'signedIn', request: () => ({ path: '/api/tokens' }) },
  'POST /api/tokens': { allowed: 'signedIn', request: () => ({ path: '/api/tokens', body: { name: 'Matris', expiresInDays: 1 } }) },
  // Past authentication, an id that is not the caller's own token is 404: nobody revokes another's.
  'DELETE /api/tokens/:id': { allowed: 'signedIn', answer: 404, request: () => ({ path: '/api/tokens/nobodys-token' }) },
  'GET /api/users': { allowed: 'signedIn', request: () => ({ path: '/api/users?q=a' }) },
  // Each caller's own notifications and settings (apps/server/API.md "Notifications").
  'GET /api/notifications': { allowed: 'signedIn', request: () => ({ path: '/api/notifications' }) },
  'POST /api/notifications/read': { allowed: 'signedIn', request: () => ({ path: '/api/notifications/read', body: {} }) },
  'GET /api/notifications/settings': { allowed: 'signedIn', request: () => ({ path: '/api/notifications/settings' }) },
  'PUT /api/notifications/settings': { allowed: 'signedIn', request: () => ({ path: '/api/notifications/settings', body: { kinds: {} } }) },
  'GET /api/documents': { allowed: 'signedIn', request: () => ({ path: '/api/documents' }) },
  // One page of the caller's own dashboard (only documents they are a member of; issue 15).
  'GET /api/dashboard': { allowed: 'signedIn', request: () => ({ path: '/api/dashboard' }) },
  'POST /api/documents': { allowed: 'signedIn', request: () => ({ path: '/api/documents', body: { templateId: 'remissvar', title: 'Matris' } }) },
  // Importing a file creates a document the caller authors (apps/server/API.md "Import").
  'POST /api/imports': { allowed: 'signedIn', request: () => ({ path: '/api/imports?fileName=matris.txt', body: 'Matris' }) },
  'POST /api/imports/documents': { allowed: 'signedIn', request: () => ({ path: '/api/imports/documents?fileName=matris.txt', body: 'Matris' }) },
  'GET /api/documents/:id': { allowed: 'member', request: doc() },
  'GET /api/documents/:id/coverage': { allowed: 'member', request: doc('/coverage') },
  'GET /api/documents/:id/workflow': { allowed: 'member', request: doc('/workflow') },
  'PUT /api/documents/:id/members': {
    allowed: rolesOf('members.manage'),
    request: (ctx) => ({ path: `/api/documents/${ctx.id}/members`, body: { username: 'extra', role: 'reader' } }),
  },
  'DELETE /api/documents/:id/members/:username': {
    allowed: rolesOf('members.manage'),
    request: doc('/members/extra'),
    before: async (ctx) => addMember(server.url, tokens.author!, ctx.id, 'extra', 'reader'),
  },
  // Sending to review: authors (this incomplete document then gets 409 from the gate, past authorisation).
  'POST /api/documents/:id/status': {
    allowed: rolesOf('status.send'),
    request: (ctx) => ({ path: `/api/documents/${ctx.id}/status`, body: { to: 'granskning' } }),
  },
  // Approving: approvers only (409 here: the document is not under review).
  'POST /api/documents/:id/approvals': { allowed: rolesOf('approve'), request: doc('/approvals') },
  // What the approver's dialog shows before approving: any member may see why it is refused.
  'GET /api/documents/:id/approval-check': { allowed: 'member', request: doc('/approval-check') },
  // A new revision: authors (409 here: the document is not approved).
  'POST /api/documents/:id/revisions': { allowed: rolesOf('revise'), request: doc('/revisions') },
  'GET /api/documents/:id/revisions': { allowed: 'member', request: doc('/revisions') },
  'GET /api/documents/:id/revisions/:revision/export': {
    allowed: 'member',
    request: (ctx) => ({ path: `/api/documents/${ctx.revisedId}/revisions/1/export?format=md` }),
  },
  'GET /api/documents/:id/versions': { allowed: 'member', request: doc('/versions') },
  'POST /api/documents/:id/versions': {
    allowed: rolesOf('version.save'),
    request: (ctx) => ({ path: `/api/documents/${ctx.id}/versions`, body: { label: 'Matrisversion' } }),
  },
  'GET /api/documents/:id/versions/:versionId': { allowed: 'member', request: (ctx) => ({ path: `/api/documents/${ctx.id}/versions/${ctx.versionId}` }) },
  'GET /api/documents/:id/changes-since-review': { allowed: 'member', request: doc('/changes-since-review') },
  'GET /api/documents/:id/audit': { allowed: 'member', request: doc('/audit') },
  'GET /api/documents/:id/export': { allowed: 'member', request: doc('/export?format=md') },
  // The sync rooms: who may connect (who may write is checked below).
  'GET /sync/:id': { allowed: 'member', request: (ctx) => ({ path: `/sync/${ctx.id}` }) },
  'GET /sync/:id/review': { allowed: 'member', request: (ctx) => ({ path: `/sync/${ctx.id}/review` }) },
}

/** ◆ Who may change each room's Y.Doc before approval (design.md "Sync"; API.md "Content room", "Review room"), from the permission table. */
const WRITERS: Record<'content' | 'review', Role[]> = {
  content: ROLES.filter((r) => can(r, 'content.edit', 'utkast')),
  review: ROLES.filter((r) => can(r, 'review.write', 'utkast')),
}

const MEMBER_ROLES: Role[] = ['author', 'reviewer', 'approver', 'reader']
function expected(allowed: Allowed, caller: Caller): 'allowed' | 401 | 403 {
  if (allowed === 'public') return 'allowed'
  if (caller === 'signedOut' || caller === 'expired') return 401
  if (allowed === 'signedIn') return 'allowed'
  const role = (MEMBER_ROLES as string[]).includes(caller) ? (caller as Role) : undefined
  if (!role) return 403
  return allowed === 'member' || allowed.includes(role) ? 'allowed' : 403
}

const data = tempDataDir()
let server: TestServer
const tokens: Partial<Record<Caller, string>> = {}
const ctx: Ctx = { id: '', versionId: 0, revisedId: '' }
const clients: Client[] = []

async function expiredToken(username: string): Promise<string> {
  const token = await signIn(server.url, username)
  execSql(data.dir, 'UPDATE sessions SET expires_at = 0 WHERE user_id = (SELECT id FROM users WHERE username = ?)', username)
  return token
}

beforeAll(async () => {
  await seedUsers(data.dir, [...Object.values(USER_OF), 'extra', 'probe'])
  server = await startTestServer(data.dir)
  for (const caller of CALLERS) if (caller !== 'signedOut' && caller !== 'expired') tokens[caller] = await signIn(server.url, USER_OF[caller])
  ctx.id = await createDoc(server.url, tokens.author!, 'Rollmatris')
  for (const role of ['reviewer', 'approver', 'reader'] as const) await addMember(server.url, tokens.author!, ctx.id, USER_OF[role], role)
  await createDoc(server.url, tokens.otherAuthor!, 'Ett annat dokument')
  ctx.versionId = (await api(server.url, 'POST', `/api/documents/${ctx.id}/versions`, { token: tokens.author, body: { label: 'Första' } })).body.version.id
  expect(ctx.versionId).toBeGreaterThan(0)
  ctx.revisedId = await approvedAndRevised()
  tokens.expired = await expiredToken(USER_OF.expired)
})

/** A second document of the same members, written in full, approved and revised once. */
async function approvedAndRevised(): Promise<string> {
  const id = await createDoc(server.url, tokens.author!, 'Reviderad')
  for (const role of ['reviewer', 'approver', 'reader'] as const) await addMember(server.url, tokens.author!, id, USER_OF[role], role)
  const writer = connect(server.wsUrl, id, tokens.author!)
  const watcher = connect(server.wsUrl, id, tokens.reader!)
  clients.push(writer, watcher)
  await Promise.all([connected(writer), connected(watcher)])
  fillHeader(writer.doc)
  for (const [key, text] of Object.entries(TEXT)) write(writer.doc, key, text)
  await waitFor(() => sectionText(watcher.doc, 'klimat-miljo').includes('biologiska mångfalden'))
  const step = async (who: Caller, path: string, body?: unknown) => {
    const res = await api(server.url, 'POST', `/api/documents/${id}${path}`, { token: tokens[who], body })
    expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(300)
  }
  await step('author', '/status', { to: 'granskning' })
  await step('approver', '/approvals')
  await step('author', '/revisions')
  return id
}
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.close()
  data.remove()
})

describe('role matrix', () => {
  it('every registered route has a row, and every row a route', () => {
    const registered = registeredRoutes().map((r) => `${r.method} ${r.path}`)
    for (const route of registered) {
      expect(
        ROWS[route],
        `route "${route}" has no row in the role matrix: add a row '${route}': { allowed: …, request: … } to ROWS in tests/reliability/role-matrix.test.ts saying who may call it (per ../shared/design.md and apps/server/API.md)`,
      ).toBeDefined()
    }
    for (const row of Object.keys(ROWS)) expect(registered, `row "${row}" names a route the server no longer has: remove it`).toContain(row)
  })

  it.each(Object.keys(ROWS).filter((r) => !r.includes(' /sync/')))('%s', async (route) => {
    const row = ROWS[route]!
    const method = route.split(' ')[0]!
    for (const caller of CALLERS) {
      await row.before?.(ctx)
      let token = caller === 'signedOut' ? undefined : tokens[caller]
      if (row.ownSession && token)
        token = caller === 'expired' ? await expiredToken(USER_OF.expired) : await signIn(server.url, USER_OF[caller as keyof typeof USER_OF])
      const { path, body } = row.request(ctx)
      const res = await api(server.url, method, path, { token, body })
      const want = expected(row.allowed, caller)
      const cell = `${route} as ${caller}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`
      if (want === 'allowed' && row.answer !== undefined) {
        expect(res.status, cell).toBe(row.answer)
      } else if (want === 'allowed') {
        expect([401, 403, 404], cell).not.toContain(res.status)
        expect(res.status, cell).toBeLessThan(500)
      } else {
        expect(res.status, cell).toBe(want)
      }
    }
  })

  it.each(['GET /sync/:id', 'GET /sync/:id/review'])('%s: who may connect', async (route) => {
    const { path } = ROWS[route]!.request(ctx)
    for (const caller of CALLERS) {
      const token = caller === 'signedOut' ? '' : `?token=${tokens[caller]}`
      const status = await upgradeStatus(`${server.wsUrl}${path.slice('/sync'.length)}${token}`)
      const want = expected(ROWS[route]!.allowed, caller)
      expect(status, `${route} as ${caller}`).toBe(want === 'allowed' ? 101 : want)
    }
  })

  it.each(['content', 'review'] as const)('%s room: only its writers’ changes are applied and stored', async (roomName) => {
    const room = roomName === 'content' ? ctx.id : `${ctx.id}/review`
    const members = MEMBER_ROLES.map((role) => {
      const c = connect(server.wsUrl, room, tokens[role]!)
      clients.push(c)
      return { role, c }
    })
    // A second reader connection that writes nothing: what reaches it reached everyone.
    const observer = connect(server.wsUrl, room, tokens.reader!)
    clients.push(observer)
    await Promise.all([...members.map((m) => connected(m.c)), connected(observer)])
    const mark = (role: Role) => `skrivet-av-${role}-${roomName}`
    for (const { role, c } of members) {
      if (roomName === 'content') typeInSection(c.doc, 'beredning', `${mark(role)} `)
      // A comment thread under the writer's own name (the review guard refuses anything else).
      else {
        const user = USER_OF[role]
        const author = { username: user, name: user[0]!.toUpperCase() + user.slice(1) }
        createThread(c.doc, {
          id: mark(role),
          anchor: { start: 'AA==', end: 'AA==', quote: '', sectionKey: 'beredning' },
          comment: { id: `${mark(role)}-c`, author, text: mark(role), at: new Date().toISOString() },
        })
      }
    }
    const seen = (doc: typeof observer.doc, role: Role) =>
      roomName === 'content' ? sectionText(doc, 'beredning').includes(mark(role)) : doc.getMap('threads').has(mark(role))
    for (const role of WRITERS[roomName]) await waitFor(() => seen(observer.doc, role), 5000, `${role}'s ${roomName} edit`)
    await sleep(200)
    const disk = loadFromDisk(data.dir, ctx.id, roomName)
    for (const role of MEMBER_ROLES) {
      const writes = WRITERS[roomName].includes(role)
      expect(seen(observer.doc, role), `${roomName} edit by ${role} reached others`).toBe(writes)
      expect(seen(disk, role), `${roomName} edit by ${role} stored`).toBe(writes)
    }
  })

  it('SECURITY.md’s table is the permission table', () => {
    const table = permissionTableMarkdown()
    const security = readFileSync(join(import.meta.dirname, '../../SECURITY.md'), 'utf8')
    expect(
      tableCells(security).includes(tableCells(table)),
      `SECURITY.md "Who may do what" must hold exactly this table (generated from packages/model PERMISSIONS):\n\n${table}\n`,
    ).toBe(true)
  })
})

/** A Markdown table's cells without the padding a formatter adds (biome aligns the columns of SECURITY.md). */
function tableCells(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((c) => c.trim())
            .map((c) => (/^-+$/.test(c) ? '---' : c))
            .join('|')
        : line,
    )
    .join('\n')
}

/** The permission table as SECURITY.md shows it: one column per action, the statuses it is limited to. */
function permissionTableMarkdown(): string {
  const cell = (role: Role, action: Action) => {
    const p = PERMISSIONS[action]
    if (!p.roles.includes(role)) return ''
    return p.statuses.length === DOCUMENT_STATUSES.length ? '✓' : `✓ (${p.statuses.map((st) => `\`${st}\``).join(', ')})`
  }
  const lines = [
    `| | ${ACTIONS.map((a) => `${PERMISSIONS[a].label} (\`${a}\`)`).join(' | ')} |`,
    `|---|${ACTIONS.map(() => '---').join('|')}|`,
    ...ROLES.map((r) => `| ${r} | ${ACTIONS.map((a) => cell(r, a)).join(' | ')} |`),
    `| signed in, no role (incl. other documents' authors, admins) | ${ACTIONS.map(() => '').join(' | ')} |`,
  ]
  return lines.join('\n')
}
