const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short' })

/** "2026-01-22 14:05" in Swedish form; empty for an unreadable date. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : dateTime.format(d)
}

// The glossary lives in copy.ts; these re-exports keep older imports of the labels working.
export { ROLE_LABEL, STATUS_LABEL } from './copy.js'

/** Short perspective names for compact indicators. */
export const PERSPECTIVE_SHORT: Record<string, string> = {
  jamstalldhet: 'Jämställdhet',
  barnratt: 'Barnrätt',
  tillganglighet: 'Tillgänglighet',
  aldre: 'Äldre',
  'klimat-miljo': 'Klimat och miljö',
}

/** A stable, AA-contrast colour per user (white text on it reaches 4.5:1). */
const USER_COLOURS = ['#0b5cad', '#a3152d', '#1d6b36', '#7a3e9d', '#8a4b00', '#005f73', '#b02a5b', '#3d4f9f']
export function userColour(username: string): string {
  let h = 0
  for (const ch of username) h = (h * 31 + ch.codePointAt(0)!) >>> 0
  return USER_COLOURS[h % USER_COLOURS.length]!
}
