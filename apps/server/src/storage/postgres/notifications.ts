import { NOTIFICATION_KINDS, type NotificationKind } from '@perspektiv/model'
import { NOTIFICATION_PAGE, type Notification, type NotificationStore } from '../notifications.js'
import { toNotification as toNotificationRecord, type NotificationRow as Row } from '../rows.js'
import { num, type Promisified, type Queryable } from './queryable.js'

/** A `notifications` row as `pg` returns it: BIGINT `id` as text. */
type NotificationRow = Omit<Row, 'id'> & { id: string }
const toNotification = (r: NotificationRow): Notification => toNotificationRecord({ ...r, id: num(r.id) })

/** Notifications per user and their e-mail settings, in PostgreSQL. */
export class PgNotifications implements Promisified<NotificationStore> {
  constructor(private readonly db: Queryable) {}

  /** Undefined when `dedupeKey` was already used for this user: the same event notifies once, whichever instance saw it. */
  async add(n: {
    userId: number
    kind: NotificationKind
    documentId: string | null
    target?: string | null
    text: string
    dedupeKey?: string
  }): Promise<Notification | undefined> {
    const { rows } = await this.db.query<NotificationRow>(
      `INSERT INTO notifications (user_id, kind, document_id, target, text, created_at, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING RETURNING *`,
      [n.userId, n.kind, n.documentId, n.target ?? null, n.text, new Date().toISOString(), n.dedupeKey ?? null],
    )
    return rows[0] && toNotification(rows[0])
  }

  async list(userId: number, limit = NOTIFICATION_PAGE): Promise<Notification[]> {
    const { rows } = await this.db.query<NotificationRow>('SELECT * FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT $2', [userId, limit])
    return rows.map(toNotification)
  }

  async unreadCount(userId: number): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId])
    return num(rows[0]!.n)
  }

  async markRead(userId: number, ids?: number[]): Promise<number> {
    const now = new Date().toISOString()
    const result = ids
      ? await this.db.query('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = ANY($3::bigint[]) AND read_at IS NULL', [now, userId, ids])
      : await this.db.query('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL', [now, userId])
    return result.rowCount ?? 0
  }

  async emailSettings(userId: number, defaults: ReadonlySet<NotificationKind>): Promise<Record<NotificationKind, boolean>> {
    const { rows } = await this.db.query<{ kind: NotificationKind; email: boolean }>('SELECT kind, email FROM notification_settings WHERE user_id = $1', [
      userId,
    ])
    const stored = new Map(rows.map((r) => [r.kind, r.email]))
    return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored.get(k) ?? defaults.has(k)])) as Record<NotificationKind, boolean>
  }

  async setEmailSettings(userId: number, settings: Partial<Record<NotificationKind, boolean>>): Promise<void> {
    const entries = Object.entries(settings)
    if (entries.length === 0) return
    // One statement: all the choices are stored, or none.
    await this.db.query(
      `INSERT INTO notification_settings (user_id, kind, email) SELECT $1, * FROM unnest($2::text[], $3::boolean[])
       ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email`,
      [userId, entries.map(([k]) => k), entries.map(([, on]) => on === true)],
    )
  }
}
