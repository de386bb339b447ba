const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december']

const pad = (n: number) => String(n).padStart(2, '0')

function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? `${year}-${pad(month)}-${pad(day)}` : undefined
}

/**
 * [L13] The remiss's answer date, as a `deadline` (ISO date): "Remissen ska besvaras senast
 * den 30 januari 2026", "Svar senast 2026-01-30", "…besvarats senast 30 jan. 2026". The
 * first such phrase wins; '' when there is none or its date does not exist. Line breaks
 * and page noise between the words are tolerated (PDF-extracted text wraps anywhere).
 */
export function findDeadline(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  const lead =
    /(?:besvara(?:s|ts)?|svar(?:et)?(?: ska (?:ha )?(?:lämnas|inkomma|komma in))?|yttrande(?:t)?(?: ska (?:ha )?(?:lämnas|inkomma|komma in))?)\s+(?:till [^.]{0,80}?\s)?senast\s+(?:den\s+)?/gi
  for (let m = lead.exec(flat); m; m = lead.exec(flat)) {
    const rest = flat.slice(m.index + m[0].length, m.index + m[0].length + 40)
    const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(rest)
    if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? ''
    const named = /^(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})/i.exec(rest)
    if (named) {
      const word = named[2]!.toLowerCase()
      const month = MONTHS.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word))) + 1
      if (month > 0) return isoDate(Number(named[3]), month, Number(named[1])) ?? ''
    }
  }
  return ''
}
