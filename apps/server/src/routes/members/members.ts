import { Hono } from 'hono'
import { can, type DocumentStatus, type Role } from '@perspektiv/model'
import { authenticate, type AppEnv } from '../../http/auth.js'
import { documentAccess } from '../../http/documentAccess.js'
import { conflict, forbidden, notFound } from '../../http/errors.js'
import { validate } from '../../http/validate.js'
import type { Services } from '../../services.js'
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

  const asAuthor = (id: string, userId: number) => {
    const access = documentAccess(s.store, id, userId)
    if (!can(access.role, 'members.manage', access.record.status)) throw forbidden('only authors may change the members of a document')
    return access.record
  }
  const memberList = (id: string) => s.store.members(id).map(({ username, name, title, role }) => ({ username, name, title, role }))
  const authorCount = (id: string) => s.store.members(id).filter((m) => m.role === 'author').length
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

  app.put('/documents/:id/members', auth, validate('param', membersParamSchema), validate('json', putMemberBodySchema), (c) => {
    const actor = c.get('user')
    const record = asAuthor(c.req.valid('param').id, actor.id)
    const { username, role } = c.req.valid('json')
    const member = s.users.byUsername(username)
    if (!member) throw notFound(`no user named "${username}"; ask an administrator to add the account first`)
    const current = s.store.roleOf(record.id, member.id)
    refuseIfFrozen(record.status, current, role)
    if (current === 'author' && role !== 'author' && authorCount(record.id) === 1) {
      throw conflict('a document needs at least one author; make someone else author first')
    }
    s.store.setMember(record.id, member.id, role)
    s.store.audit({
      documentId: record.id,
      actor: actor.id,
      action: 'member.set',
      details: { username: member.username, name: member.name, role, previous: current ?? null },
    })
    s.rooms.updateRole(record.id, member.id, role)
    s.notifier.memberSet(record, actor, member, role, current)
    return c.json({ members: memberList(record.id) })
  })

  app.delete('/documents/:id/members/:username', auth, validate('param', memberParamSchema), (c) => {
    const actor = c.get('user')
    const { id, username } = c.req.valid('param')
    const record = asAuthor(id, actor.id)
    const member = s.users.byUsername(username)
    const current = member && s.store.roleOf(record.id, member.id)
    if (!member || !current) throw notFound(`"${username}" is not a member of this document`)
    refuseIfFrozen(record.status, current, undefined)
    if (current === 'author' && authorCount(record.id) === 1) throw conflict('the last author cannot be removed')
    s.store.removeMember(record.id, member.id)
    s.store.audit({
      documentId: record.id,
      actor: actor.id,
      action: 'member.removed',
      details: { username: member.username, name: member.name, role: current },
    })
    s.rooms.updateRole(record.id, member.id, undefined)
    s.notifier.memberRemoved(record, member)
    return c.json({ members: memberList(record.id) })
  })
  return app
}
