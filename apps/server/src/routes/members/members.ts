import { Hono } from 'hono'
import { can, type DocumentStatus, type Role } from '@perspektiv/model'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess } from '../../http/documentAccess.js'
import { conflict, forbidden, notFound } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'
import type { UserRecord } from '../../storage/users.js'
import { memberParamSchema, membersParamSchema, putMemberBodySchema } from './schema.js'

/** Swedish, shown as it is by the sharing dialog (`details.reason` says which rule). */
export const MEMBERSHIP_FROZEN = {
  approversInReview: 'Godkännare kan inte läggas till, tas bort eller byta roll medan dokumentet granskas. Återöppna dokumentet för ändringar först.',
  approved: 'Dokumentet är godkänt och låst: medlemmarna kan inte längre ändras.',
} as const

/**
 * [Separation of duties, issue 22] Why a membership change is refused in this status, or
 * null. In `granskning` approver membership is frozen (nobody becomes, stops being or is
 * removed as an approver: an author cannot swap in himself, and removing the last pending
 * approver cannot leave the review stuck); after `godkand` all membership is frozen.
 */
export function membershipFrozen(
  status: DocumentStatus,
  previous: Role | undefined,
  next: Role | undefined,
): { reason: keyof typeof MEMBERSHIP_FROZEN } | null {
  if (status === 'godkand') return { reason: 'approved' }
  if (status === 'granskning' && previous !== next && (previous === 'approver' || next === 'approver')) return { reason: 'approversInReview' }
  return null
}

/** Authors add, change and remove members; open sockets follow the change at once. */
export function memberRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const auth = authenticate(s)

  const asAuthor = async (id: string, userId: number) => {
    const access = await documentAccess(s.store, id, userId)
    if (!can(access.role, 'members.manage', access.record.status)) throw forbidden('only authors may change the members of a document')
    return access.record
  }
  const memberList = async (id: string) => (await s.store.members(id)).map(({ username, name, title, role }) => ({ username, name, title, role }))
  const authorCount = async (id: string) => (await s.store.members(id)).filter((m) => m.role === 'author').length
  const refuseIfFrozen = (status: DocumentStatus, previous: Role | undefined, next: Role | undefined) => {
    const frozen = membershipFrozen(status, previous, next)
    if (frozen) {
      throw conflict(
        frozen.reason === 'approved'
          ? 'the document is approved: its members can no longer change'
          : 'approvers cannot be added, removed or change role while the document is under review; reopen it first',
        { reason: frozen.reason, message: MEMBERSHIP_FROZEN[frozen.reason] },
      )
    }
  }

  app.put('/documents/:id/members', auth, validate('param', membersParamSchema), validate('json', putMemberBodySchema), async (c) => {
    const actor = c.get('user')
    const id = c.req.valid('param').id
    const { username, role } = c.req.valid('json')
    // Under the document's workflow lock (SRV-SC16): the status and the author count judged
    // are the ones changed, whichever instance sends the document to review meanwhile.
    const { record, member, current } = await s.documentLock.run(id, () => setMember(id, actor, username, role))
    await s.notifier.memberSet(record, actor, member, role, current)
    return c.json({ members: await memberList(record.id) })
  })

  const setMember = async (id: string, actor: UserRecord, username: string, role: Role) => {
    const record = await asAuthor(id, actor.id)
    const member = await s.users.byUsername(username)
    if (!member) throw notFound(`no user named "${username}"; ask an administrator to add the account first`)
    const current = await s.store.roleOf(record.id, member.id)
    refuseIfFrozen(record.status, current, role)
    if (current === 'author' && role !== 'author' && (await authorCount(record.id)) === 1) {
      throw conflict('a document needs at least one author; make someone else author first')
    }
    await s.store.setMember(record.id, member.id, role)
    await s.store.audit({
      documentId: record.id,
      actor: actor.id,
      action: 'member.set',
      details: { username: member.username, name: member.name, role, previous: current ?? null },
    })
    s.rooms.updateRole(record.id, member.id, role)
    return { record, member, current }
  }

  app.delete('/documents/:id/members/:username', auth, validate('param', memberParamSchema), async (c) => {
    const actor = c.get('user')
    const { id, username } = c.req.valid('param')
    // Under the lock too (SRV-SC16): two authors removing each other at once leave one.
    const { record, member } = await s.documentLock.run(id, () => removeMember(id, actor, username))
    await s.notifier.memberRemoved(record, member)
    return c.json({ members: await memberList(record.id) })
  })

  const removeMember = async (id: string, actor: UserRecord, username: string) => {
    const record = await asAuthor(id, actor.id)
    const member = await s.users.byUsername(username)
    const current = member && (await s.store.roleOf(record.id, member.id))
    if (!member || !current) throw notFound(`"${username}" is not a member of this document`)
    refuseIfFrozen(record.status, current, undefined)
    if (current === 'author' && (await authorCount(record.id)) === 1) throw conflict('the last author cannot be removed')
    await s.store.removeMember(record.id, member.id)
    await s.store.audit({
      documentId: record.id,
      actor: actor.id,
      action: 'member.removed',
      details: { username: member.username, name: member.name, role: current },
    })
    s.rooms.updateRole(record.id, member.id, undefined)
    return { record, member }
  }
  return app
}
