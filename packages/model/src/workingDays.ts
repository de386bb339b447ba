/**
 * Swedish working days (model W1): Monday–Friday except public holidays and the eves that
 * municipal offices treat as holidays (midsommarafton, julafton, nyårsafton). Dates are ISO
 * calendar dates ("2026-01-30") without a time zone: a deadline is a day, not an instant.
 */

const DAY_MS = 86_400_000

/** Days since 1970-01-01 of an ISO date (UTC arithmetic, so no DST surprises). */
function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Easter Sunday (Gregorian; the anonymous algorithm). */
function easterSunday(year: number): number {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return Date.UTC(year, month - 1, day) / DAY_MS
}

const holidayCache = new Map<number, Set<number>>()

/** The year's weekday holidays and holiday eves, as day numbers. */
function holidays(year: number): Set<number> {
  const cached = holidayCache.get(year)
  if (cached) return cached
  const fixed = (month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS
  const easter = easterSunday(year)
  // Midsommarafton: the Friday between 19 and 25 June.
  const june19 = fixed(6, 19)
  const midsummerEve = june19 + ((5 - new Date(june19 * DAY_MS).getUTCDay() + 7) % 7)
  const set = new Set<number>([
    fixed(1, 1), // nyårsdagen
    fixed(1, 6), // trettondedag jul
    easter - 2, // långfredagen
    easter + 1, // annandag påsk
    fixed(5, 1), // första maj
    easter + 39, // Kristi himmelsfärdsdag
    fixed(6, 6), // nationaldagen
    midsummerEve,
    fixed(12, 24), // julafton
    fixed(12, 25), // juldagen
    fixed(12, 26), // annandag jul
    fixed(12, 31), // nyårsafton
  ])
  holidayCache.set(year, set)
  return set
}

/** Is this ISO date a Swedish working day? */
export function isWorkingDay(iso: string): boolean {
  const day = dayNumber(iso)
  const weekday = new Date(day * DAY_MS).getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  return !holidays(Number(iso.slice(0, 4))).has(day)
}

/** The working day `n` working days after `iso` (n ≥ 0; 0 = `iso` itself). */
export function addWorkingDays(iso: string, n: number): string {
  let day = dayNumber(iso)
  for (let left = n; left > 0; ) {
    day += 1
    if (isWorkingDay(isoOf(day))) left -= 1
  }
  return isoOf(day)
}

/** How many working days a deadline counts as "soon" (issue 15: within 3 working days). */
export const DEADLINE_SOON_WORKING_DAYS = 3

export type DeadlineState = 'passed' | 'soon' | 'later' | 'none'

/**
 * Where a deadline stands on `today` (both ISO dates): `passed` after the day, `soon` when
 * it is today or within 3 working days, else `later`; `none` without a valid deadline.
 */
export function deadlineState(deadline: string, today: string): DeadlineState {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || Number.isNaN(dayNumber(deadline))) return 'none'
  if (deadline < today) return 'passed'
  return deadline <= addWorkingDays(today, DEADLINE_SOON_WORKING_DAYS) ? 'soon' : 'later'
}

/** Today's date in Sweden (ISO), from an instant. */
export function swedishToday(now: Date): string {
  // sv-SE formats dates as YYYY-MM-DD.
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' })
}
