import type { DocumentSummary } from '../../api.js'

export type SortKey = 'title' | 'dnr' | 'namnd' | 'meetingDate' | 'deadline' | 'status' | 'role' | 'updatedAt'
export type Sort = { key: SortKey; ascending: boolean }

const STATUS_ORDER: Record<string, number> = { utkast: 0, granskning: 1, godkand: 2 }
const ROLE_ORDER: Record<string, number> = { author: 0, reviewer: 1, approver: 2, reader: 3 }
const collator = new Intl.Collator('sv-SE', { sensitivity: 'base', numeric: true })

function value(d: DocumentSummary, key: SortKey): string | number {
  if (key === 'status') return STATUS_ORDER[d.status] ?? 9
  if (key === 'role') return ROLE_ORDER[d.role] ?? 9
  return d[key] ?? ''
}

/**
 * Orders the list by a column (pure). Documents without a value (no Dnr, no deadline) come
 * last in either direction; ties keep the newest change first.
 */
export function sortDocuments(docs: DocumentSummary[], sort: Sort): DocumentSummary[] {
  return [...docs].sort((a, b) => {
    const x = value(a, sort.key)
    const y = value(b, sort.key)
    if (x === '' || y === '') {
      if (x !== y) return x === '' ? 1 : -1
    } else {
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))
      if (c) return sort.ascending ? c : -c
    }
    return b.updatedAt.localeCompare(a.updatedAt)
  })
}

/** The first click on a column: A–Ö and the earliest date first; newest change first. */
export const firstDirection = (key: SortKey): boolean => key !== 'updatedAt'
