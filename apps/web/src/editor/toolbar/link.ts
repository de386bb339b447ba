import { isSafeHref } from '@perspektiv/document'

export type LinkInput = { ok: true; href: string } | { ok: false; error: string }

/**
 * What the user typed as a link address → a safe href. "start.stockholm" gets https://, an
 * e-mail address mailto:; anything else than http, https and mailto is refused (DOC-D6).
 */
export function parseLinkInput(raw: string): LinkInput {
  const text = raw.trim()
  if (!text) return { ok: false, error: 'Skriv en adress, till exempel https://start.stockholm.' }
  if (/\s/.test(text)) return { ok: false, error: 'En adress kan inte innehålla mellanslag.' }
  let href = text
  if (/^[^@/:]+@[^@/:]+\.[a-z]{2,}$/i.test(text)) href = `mailto:${text}`
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) href = `https://${text}`
  if (!isSafeHref(href)) return { ok: false, error: 'Adressen måste börja med https://, http:// eller mailto:.' }
  if (!/^mailto:/i.test(href) && !/^https?:\/\/[^/.\s]+\.[^/\s]+/i.test(href))
    return { ok: false, error: 'Adressen saknar en domän, till exempel start.stockholm.' }
  return { ok: true, href }
}
