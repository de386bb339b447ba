/**
 * Swedish sort keys (SRV-ST32): a text whose plain code-point order (SQLite's BINARY,
 * PostgreSQL's COLLATE "C") is the order `Intl.Collator('sv-SE', { sensitivity: 'base',
 * numeric: true })` gives — the web app's order before the list was paged. Stored beside the
 * text so both databases sort in SQL, identically, whatever collations they have: better-
 * sqlite3 cannot register a collation, and a PostgreSQL database's ICU may differ by version.
 *
 * Case and accents are ignored (é = e), å < ä < ö come after z (æ, ę = ä; ø, ô, œ = ö;
 * ü = y), runs of digits compare as numbers (2026/9 before 2026/10), spaces before
 * punctuation before digits before letters.
 */

/** After z: å, ä, ö in code-point order ({, |, }); other punctuation is mapped below them. */
const SWEDISH: Record<string, string> = { å: '{', ä: '|', æ: '|', ę: '|', ö: '}', ø: '}', ô: '}', œ: '}', ő: '}' }
const SPELLED: Record<string, string> = { ü: 'y', ű: 'y', ß: 'ss', þ: 'th', ð: 'd', đ: 'd' }

export function svSortKey(text: string): string {
  let out = ''
  for (const ch of text.toLocaleLowerCase('sv-SE')) {
    const swedish = SWEDISH[ch]
    if (swedish) {
      out += swedish
      continue
    }
    const spelled = SPELLED[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '')
    for (const c of spelled) out += classify(c)
  }
  // Digits: each run as its length (two digits) and the digits without leading zeros.
  return out.replace(/[0-9]+/g, (run) => {
    const digits = run.replace(/^0+(?=.)/, '')
    return String(digits.length).padStart(2, '0') + digits
  })
}

function classify(c: string): string {
  if (/[a-z0-9]/.test(c)) return c
  if (/\s/u.test(c)) return ' '
  // Letters of other scripts (and digits) after the Latin ones, by code point.
  if (/[\p{L}\p{N}]/u.test(c) && c.charCodeAt(0) > 0x7f) return c
  // Punctuation and symbols: after spaces, before digits, as one.
  return '!'
}
