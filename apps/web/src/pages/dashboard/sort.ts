import type { DashboardSortKey } from '@perspektiv/model'

export type SortKey = DashboardSortKey
/** The dashboard's order, applied by the server (GET /api/dashboard: Swedish order, SRV-ST32). */
export type Sort = { key: SortKey; ascending: boolean }

/** The first click on a column: A–Ö and the earliest date first; newest change first. */
export const firstDirection = (key: SortKey): boolean => key !== 'updatedAt'
