// Approvals are stored as UTC instants; the record shows the date in Stockholm, where the
// approver was (an approval at 00:30 local time is still that local day).
const STOCKHOLM_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** YYYY-MM-DD in Europe/Stockholm, as in the city's approval records. */
export function formatApprovalDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = Object.fromEntries(STOCKHOLM_DATE.formatToParts(date).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}
