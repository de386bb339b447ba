/** A member who can be @mentioned in a comment. */
export interface Mentionable {
  username: string
  name: string
  title: string
}

/** At most this many suggestions are listed. */
const MAX_SUGGESTIONS = 8

/**
 * The "@que" being typed just before the caret (pure): where it starts and what follows
 * the @, or null when the caret is not in a mention. An @ inside a word (an e-mail
 * address) is not a mention, as on the server (`mentionedUsernames`).
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret)
  const m = /(?:^|[^\p{L}\p{N}._@-])@([\p{L}\p{N}._-]{0,64})$/u.exec(before)
  if (!m) return null
  return { start: caret - m[1]!.length - 1, query: m[1]! }
}

/** Members whose username or name contains the query (case-insensitive), the signed-in user left out. */
export function suggestions(members: readonly Mentionable[], query: string, me: string): Mentionable[] {
  const q = query.toLocaleLowerCase('sv-SE')
  return members
    .filter((m) => m.username !== me && (m.username.toLocaleLowerCase('sv-SE').includes(q) || m.name.toLocaleLowerCase('sv-SE').includes(q)))
    .slice(0, MAX_SUGGESTIONS)
}

/** The text with the mention at `start` (up to the caret) replaced by "@username ", and the new caret. */
export function insertMention(text: string, start: number, caret: number, username: string): { text: string; caret: number } {
  const inserted = `@${username} `
  const rest = text.slice(caret).replace(/^\s/, '')
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length }
}
