import nodemailer from 'nodemailer'
import type { NotificationKind, NotificationStore } from '../storage/notifications.js'
import type { Awaitable } from '../storage/awaitable.js'
import type { NotificationInput, NotificationListener } from './notifier.js'
import type { UserRecord } from '../storage/users.js'

/** E-mail is on by default for these kinds (each user may change any kind). */
export const EMAIL_DEFAULT_KINDS: ReadonlySet<NotificationKind> = new Set(['review.requested', 'mention', 'approval.given', 'document.approved'])

/** Swedish subject lines per kind (the body is the notification's own text and a link). */
const SUBJECT: Record<NotificationKind, string> = {
  'member.added': 'Du har fått en roll i ett tjänsteutlåtande',
  'review.requested': 'Ett tjänsteutlåtande väntar på dig',
  'comment.reply': 'Nytt svar i en kommentarstråd',
  mention: 'Du har nämnts i en kommentar',
  'verdict.given': 'En granskare har bedömt ett perspektiv',
  'approval.given': 'Ett tjänsteutlåtande har fått ett godkännande',
  'document.approved': 'Ett tjänsteutlåtande är godkänt',
  'document.reopened': 'Ett tjänsteutlåtande har återöppnats',
  'deadline.soon': 'Svarstiden går snart ut',
  'deadline.passed': 'Svarstiden har gått ut',
}

export interface MailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's URL form). */
  smtpUrl: string
  /** The web app's address, for the link in each mail. */
  publicUrl: string
  from?: string
  notifications: Awaitable<NotificationStore>
  log?: (event: string, details: Record<string, unknown>) => void
}

/** The mail for one notification (pure: subject, text with a link into the document). */
export function notificationMail(input: NotificationInput, publicUrl: string): { subject: string; text: string } {
  const base = publicUrl.replace(/\/+$/, '')
  const link = `${base}/documents/${encodeURIComponent(input.documentId)}${input.target ? `?kommentar=${encodeURIComponent(input.target)}` : ''}`
  return {
    subject: `Perspektiv: ${SUBJECT[input.kind]}`,
    text: `${input.text}\n\nÖppna dokumentet: ${link}\n\nDu får det här meddelandet från Perspektiv. Under Notiser i Perspektiv väljer du vilka händelser som skickas med e-post.\n`,
  }
}

/**
 * Sends a notification by e-mail when the recipient has an address and e-mail on for
 * that kind. Sending happens in the background: a mail server that is down or refuses
 * is logged and never fails the action that caused the notification.
 */
export function createMailer(options: MailerOptions): { listener: NotificationListener; close(): void } {
  const transport = nodemailer.createTransport(options.smtpUrl)
  const from = options.from ?? 'Perspektiv <perspektiv@localhost>'
  const listener: NotificationListener = async (user: UserRecord, input: NotificationInput) => {
    if (!user.email) return
    try {
      if (!(await options.notifications.emailSettings(user.id, EMAIL_DEFAULT_KINDS))[input.kind]) return
      const mail = notificationMail(input, options.publicUrl)
      await transport.sendMail({ from, to: `${user.name} <${user.email}>`, subject: mail.subject, text: mail.text })
      options.log?.('mail sent', { kind: input.kind, to: user.username })
    } catch (err) {
      options.log?.('mail failed', { kind: input.kind, to: user.username, reason: (err as Error).message })
    }
  }
  return { listener, close: () => transport.close() }
}
