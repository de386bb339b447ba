import { NOTIFICATION_KINDS, type AppNotification, type NotificationKind } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'
import { toNotification, type NotificationRow } from './rows.js'

export type { NotificationKind }
export type Notification = AppNotification

/** How many notifications `GET /api/notifications` returns (newest first). */
export const NOTIFICATION_PAGE = 100

/** Notifications per user, in SQLite. */
export class NotificationStore {
  private readonly sql: (sql: string) => Database.Statement

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  /**
   * Stores one notification; undefined when `dedupeKey` was already used for this user
   * (the same event observed twice notifies once).
   */
  add(n: {
    userId: number
    kind: NotificationKind
    documentId: string | null
    target?: string | null
    text: string
    dedupeKey?: string
  }): Notification | undefined {
    const info = this.sql(
      `INSERT INTO notifications (user_id, kind, document_id, target, text, created_at, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
    ).run(n.userId, n.kind, n.documentId, n.target ?? null, n.text, new Date().toISOString(), n.dedupeKey ?? null)
    if (info.changes === 0) return undefined
    const row = this.sql('SELECT * FROM notifications WHERE id = ?').get(Number(info.lastInsertRowid)) as NotificationRow
    return toNotification(row)
  }

  /** The user's newest notifications, newest first. */
  list(userId: number, limit = NOTIFICATION_PAGE): Notification[] {
    return (this.sql('SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?').all(userId, limit) as NotificationRow[]).map(toNotification)
  }

  unreadCount(userId: number): number {
    return (this.sql('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(userId) as { n: number }).n
  }

  /** Marks the given ids (only the user's own) or, without ids, all as read; returns how many changed. */
  markRead(userId: number, ids?: number[]): number {
    const now = new Date().toISOString()
    if (!ids) return this.sql('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(now, userId).changes
    let changed = 0
    const one = this.sql('UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL')
    for (const id of ids) changed += one.run(now, userId, id).changes
    return changed
  }

  /** Per kind: is e-mail on for this user (a stored choice, else the kind's default)? */
  emailSettings(userId: number, defaults: ReadonlySet<NotificationKind>): Record<NotificationKind, boolean> {
    const stored = new Map(
      (this.sql('SELECT kind, email FROM notification_settings WHERE user_id = ?').all(userId) as Array<{ kind: NotificationKind; email: number }>).map((r) => [
        r.kind,
        r.email === 1,
      ]),
    )
    return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored.get(k) ?? defaults.has(k)])) as Record<NotificationKind, boolean>
  }

  setEmailSettings(userId: number, settings: Partial<Record<NotificationKind, boolean>>): void {
    const put = this.sql(
      `INSERT INTO notification_settings (user_id, kind, email) VALUES (?, ?, ?)
       ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email`,
    )
    for (const [kind, on] of Object.entries(settings)) put.run(userId, kind, on ? 1 : 0)
  }
}
