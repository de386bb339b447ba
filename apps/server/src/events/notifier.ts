import type { DocumentStatus, Role, Template } from '@perspektiv/model'
import { VERDICT_LABELS } from '@perspektiv/review'
import type { DeadlineRecord, DocumentRecord, DocumentStore } from '../storage/documentStore.js'
import type { NotificationKind, NotificationStore } from '../storage/notifications.js'
import type { UserRecord, UserStore } from '../storage/users.js'
import type { Awaitable } from '../storage/awaitable.js'
import type { EventHub } from './hub.js'
import type { ReviewChanges } from '../sync/index.js'
import { mentionedUsernames, texts } from './texts.js'

export interface NotificationInput {
  kind: NotificationKind
  documentId: string
  target?: string
  text: string
  dedupeKey?: string
}

/** Called for each stored notification (e-mail delivery hooks in here). */
export type NotificationListener = (user: UserRecord, input: NotificationInput, documentTitle: string) => void

export interface NotifierDeps {
  store: DocumentStore
  users: Awaitable<UserStore>
  notifications: Awaitable<NotificationStore>
  hub: EventHub
  templates: Map<string, Template>
  /** What an accepted review-room update added, read from the room as stored now (on the state pool when large); undefined when the document cannot be read. */
  reviewChanges: (record: DocumentRecord, update: Uint8Array) => Promise<ReviewChanges | undefined>
  log?: (event: string, details: Record<string, unknown>) => void
}

/**
 * Decides who learns of what (on the server, from the database: never from what a client
 * claims), stores one notification per recipient and pushes it to that user's `/events`
 * sockets. The actor is never notified of their own action. Every method awaits the
 * stores (they may answer later, issue 19) and settles when its notifications are stored.
 */
export class Notifier {
  private readonly listeners: NotificationListener[] = []

  constructor(private readonly deps: NotifierDeps) {}

  onNotification(listener: NotificationListener): void {
    this.listeners.push(listener)
  }

  private async notify(userIds: Iterable<number>, input: NotificationInput, title: string, actorId?: number): Promise<void> {
    for (const userId of new Set(userIds)) {
      if (userId === actorId) continue
      const stored = await this.deps.notifications.add({ userId, ...input })
      if (!stored) continue
      this.deps.hub.send([userId], { type: 'notification', notification: stored, unread: await this.deps.notifications.unreadCount(userId) })
      const user = await this.deps.users.byId(userId)
      if (!user) continue
      for (const listener of this.listeners) {
        try {
          listener(user, input, title)
        } catch (err) {
          this.deps.log?.('notification listener failed', { reason: (err as Error).message })
        }
      }
    }
  }

  /** Tells every member's open browsers (and `alsoTo`, e.g. a removed member) that the document changed. */
  async documentChanged(documentId: string, change: 'status' | 'members' | 'approvals', alsoTo: number[] = []): Promise<void> {
    const record = await this.deps.store.getDocument(documentId)
    if (!record) return
    const members = (await this.deps.store.members(documentId)).map((m) => m.userId)
    this.deps.hub.send([...members, ...alsoTo], { type: 'document', documentId, change, status: record.status })
  }

  private async membersWith(documentId: string, roles: Role[]): Promise<number[]> {
    return (await this.deps.store.members(documentId)).filter((m) => roles.includes(m.role)).map((m) => m.userId)
  }

  async memberSet(record: DocumentRecord, actor: UserRecord, member: UserRecord, role: Role, previous: Role | undefined): Promise<void> {
    if (role !== previous) {
      await this.notify(
        [member.id],
        { kind: 'member.added', documentId: record.id, text: texts.memberAdded(actor.name, role, record.title) },
        record.title,
        actor.id,
      )
    }
    await this.documentChanged(record.id, 'members')
  }

  async memberRemoved(record: DocumentRecord, member: UserRecord): Promise<void> {
    await this.documentChanged(record.id, 'members', [member.id])
  }

  /** After a status change made by `actorId` (the workflow routes). */
  async statusChanged(documentId: string, from: DocumentStatus, to: DocumentStatus, actorId: number): Promise<void> {
    const record = await this.deps.store.getDocument(documentId)
    if (!record) return
    const actor = await this.deps.users.byId(actorId)
    const actorName = actor?.name ?? 'Någon'
    const stamp = `${to}:${Date.now()}`
    if (from === 'utkast' && to === 'granskning') {
      for (const m of await this.deps.store.members(documentId)) {
        if (m.role !== 'reviewer' && m.role !== 'approver') continue
        await this.notify(
          [m.userId],
          { kind: 'review.requested', documentId, text: texts.reviewRequested(actorName, m.role, record.title), dedupeKey: `status:${documentId}:${stamp}` },
          record.title,
          actorId,
        )
      }
    } else if (to === 'godkand') {
      const everyone = (await this.deps.store.members(documentId)).map((m) => m.userId)
      await this.notify(
        everyone,
        { kind: 'document.approved', documentId, text: texts.documentApproved(record.title), dedupeKey: `status:${documentId}:${stamp}` },
        record.title,
        actorId,
      )
    } else if (from === 'granskning' && to === 'utkast') {
      const involved = (await this.deps.store.members(documentId)).filter((m) => m.role !== 'reader').map((m) => m.userId)
      await this.notify(
        involved,
        { kind: 'document.reopened', documentId, text: texts.documentReopened(actorName, record.title), dedupeKey: `status:${documentId}:${stamp}` },
        record.title,
        actorId,
      )
    }
    await this.documentChanged(documentId, 'status')
  }

  /** A deadline reminder to the authors (DeadlineReminders); once per document, kind and deadline. */
  async deadlineReminder(doc: DeadlineRecord, state: 'soon' | 'passed', today: string): Promise<void> {
    const kind = state === 'soon' ? 'deadline.soon' : 'deadline.passed'
    const text = state === 'soon' ? texts.deadlineSoon(doc.title, doc.deadline, today) : texts.deadlinePassed(doc.title, doc.deadline)
    await this.notify(await this.membersWith(doc.id, ['author']), { kind, documentId: doc.id, text, dedupeKey: `${kind}:${doc.id}:${doc.deadline}` }, doc.title)
  }

  /** After `actorId` approved (the workflow routes); tells the authors. */
  async approvalAdded(documentId: string, actorId: number): Promise<void> {
    const record = await this.deps.store.getDocument(documentId)
    if (!record) return
    const actor = await this.deps.users.byId(actorId)
    await this.notify(
      await this.membersWith(documentId, ['author']),
      { kind: 'approval.given', documentId, text: texts.approvalGiven(actor?.name ?? 'Någon', record.title) },
      record.title,
      actorId,
    )
    await this.documentChanged(documentId, 'approvals')
  }

  /**
   * After an update from `writerId` was stored in the review room: replies reach the
   * thread's earlier participants, @mentions the mentioned members, verdicts the authors.
   * The writer is the connected user; an entry claiming another author is ignored here.
   */
  async reviewWritten(documentId: string, writerId: number, update: Uint8Array): Promise<void> {
    const record = await this.deps.store.getDocument(documentId)
    const writer = await this.deps.users.byId(writerId)
    if (!record || !writer) return
    const changes = await this.deps.reviewChanges(record, update)
    if (!changes) return
    const members = await this.deps.store.members(documentId)
    const memberByUsername = new Map(members.map((m) => [m.username.toLowerCase(), m]))
    for (const { threadId, comment, earlier } of changes.comments) {
      if (comment.author.username.toLowerCase() !== writer.username.toLowerCase()) continue
      const mentioned = new Set<number>()
      for (const username of mentionedUsernames(comment.text)) {
        const m = memberByUsername.get(username)
        if (m) mentioned.add(m.userId)
      }
      await this.notify(
        mentioned,
        { kind: 'mention', documentId, target: threadId, text: texts.mention(writer.name, record.title), dedupeKey: `comment:${documentId}:${comment.id}` },
        record.title,
        writerId,
      )
      const participants = new Set<number>()
      for (const c of earlier) {
        const m = memberByUsername.get(c.author.username.toLowerCase())
        if (m && !mentioned.has(m.userId)) participants.add(m.userId)
      }
      await this.notify(
        participants,
        {
          kind: 'comment.reply',
          documentId,
          target: threadId,
          text: texts.commentReply(writer.name, record.title),
          dedupeKey: `comment:${documentId}:${comment.id}`,
        },
        record.title,
        writerId,
      )
    }
    const template = this.deps.templates.get(record.templateId)
    for (const { perspectiveKey, verdict } of changes.verdicts) {
      if (verdict.by.username.toLowerCase() !== writer.username.toLowerCase()) continue
      const perspective = template?.sections.find((s) => s.key === perspectiveKey)?.title ?? perspectiveKey
      await this.notify(
        await this.membersWith(documentId, ['author']),
        {
          kind: 'verdict.given',
          documentId,
          text: texts.verdictGiven(writer.name, VERDICT_LABELS[verdict.verdict], perspective, record.title),
          dedupeKey: `verdict:${documentId}:${perspectiveKey}:${verdict.at}`,
        },
        record.title,
        writerId,
      )
    }
  }
}
