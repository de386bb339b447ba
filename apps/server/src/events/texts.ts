import type { Role } from '@perspektiv/model'

/** Swedish role names, the same words as the web app's (one word per concept). */
export const ROLE_WORD: Record<Role, string> = {
  author: 'Författare',
  reviewer: 'Granskare',
  approver: 'Godkännare',
  reader: 'Läsare',
}

const longDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
/** "30 januari 2026" of an ISO date. */
const dayText = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`))

const quoted = (title: string) => `”${title || 'Namnlöst tjänsteutlåtande'}”`

/** Notification texts (pure; Swedish, shown as they are). `actor` is a person's name. */
export const texts = {
  memberAdded: (actor: string, role: Role, title: string) => `${actor} gav dig rollen ${ROLE_WORD[role]} i ${quoted(title)}.`,
  reviewRequested: (actor: string, role: Role, title: string) => `${actor} skickade ${quoted(title)} till granskning. Du är ${ROLE_WORD[role].toLowerCase()}.`,
  commentReply: (actor: string, title: string) => `${actor} svarade i en kommentarstråd du deltar i, i ${quoted(title)}.`,
  mention: (actor: string, title: string) => `${actor} nämnde dig i en kommentar i ${quoted(title)}.`,
  verdictGiven: (actor: string, verdict: string, perspective: string, title: string) =>
    `${actor} gav omdömet ”${verdict}” om ${perspective} i ${quoted(title)}.`,
  approvalGiven: (actor: string, title: string) => `${actor} godkände ${quoted(title)}.`,
  documentApproved: (title: string) => `${quoted(title)} är godkänt av alla godkännare och låst.`,
  deadlineSoon: (title: string, deadline: string, today: string) =>
    `${quoted(title)} ska besvaras senast ${deadline === today ? 'i dag, ' : ''}den ${dayText(deadline)}.`,
  deadlinePassed: (title: string, deadline: string) => `Svarstiden för ${quoted(title)} gick ut den ${dayText(deadline)}.`,
  documentReopened: (actor: string, title: string) => `${actor} återöppnade ${quoted(title)} för ändringar; tidigare godkännanden gäller inte längre.`,
}

/** "@erik.ek" mentions in a comment's text (usernames as usernameSchema allows them). */
export function mentionedUsernames(text: string): string[] {
  const out = new Set<string>()
  for (const m of text.matchAll(/(?:^|[^\w.@-])@([a-z0-9._-]{2,64})/gi)) out.add(m[1]!.replace(/[.-]+$/, '').toLowerCase())
  return [...out]
}
