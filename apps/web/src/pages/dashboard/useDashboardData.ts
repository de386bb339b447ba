import { useCallback, useEffect, useRef, useState } from 'react'
import { DASHBOARD_PAGE_SIZE, DASHBOARD_SECTIONS, type DashboardDocument, type DashboardSection } from '@perspektiv/model'
import { api } from '../../api.js'
import { useEvents } from '../../notifications/events.js'
import type { ListFilter } from './DocumentFilters.js'
import type { Sort } from './sort.js'

/** Waits this long after the last keystroke before searching on the server. */
const SEARCH_DELAY_MS = 300
/** A reload asks for what is shown at most (the server's page limit). */
const MAX_RELOAD = 200

export interface SectionRows {
  rows: DashboardDocument[]
  /** How many the section has under the filter (more than `rows` when not all are loaded). */
  total: number
}

export interface DashboardData {
  /** Each section's loaded rows; null while the first pages load. */
  sections: Record<DashboardSection, SectionRows> | null
  /** The nämnder of my documents (for the filter), A–Ö. */
  namnder: string[]
  error: string | null
  /** Loads the section's next page below the rows shown. */
  more: (section: DashboardSection) => Promise<void>
}

/**
 * The dashboard's sections, each paged, sorted and filtered on the server (GET /api/dashboard),
 * read again whenever the events socket says a document of mine changed or a notification
 * arrived (no reloading, no polling), keeping as many rows as were shown.
 */
export function useDashboardData(filter: ListFilter, query: string, setFilter: (f: (old: ListFilter) => ListFilter) => void, sort: Sort): DashboardData {
  const [data, setData] = useState<Omit<DashboardData, 'more'>>({ sections: null, namnder: [], error: null })
  const [reload, setReload] = useState(0)
  const shown = useRef<Partial<Record<DashboardSection, number>>>({})
  const generation = useRef(0)

  useEvents((m) => {
    if (m.type === 'document' || m.type === 'notification') setReload((n) => n + 1)
  })

  useEffect(() => {
    const timer = setTimeout(() => setFilter((f) => (f.query === query.trim() ? f : { ...f, query: query.trim() })), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query, setFilter])

  const base = {
    status: filter.status,
    role: filter.role,
    namnd: filter.namnd,
    query: filter.query || undefined,
    sort: sort.key,
    dir: sort.ascending ? 'asc' : 'desc',
  } as const
  const key = JSON.stringify(base)
  const lastKey = useRef(key)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` is the trigger: an /events message about a document or notification fetches the pages again.
  useEffect(() => {
    const own = ++generation.current
    // A new filter or order starts at the first page; a reload keeps what was shown.
    if (lastKey.current !== key) shown.current = {}
    lastKey.current = key
    const pageSize = (s: DashboardSection) => Math.min(MAX_RELOAD, Math.max(DASHBOARD_PAGE_SIZE, shown.current[s] ?? 0))
    const query = JSON.parse(key) as typeof base
    Promise.all(DASHBOARD_SECTIONS.map((section) => api.dashboard({ ...query, section, pageSize: pageSize(section) })))
      .then((pages) => {
        if (own !== generation.current) return
        const sections = Object.fromEntries(pages.map((p) => [p.section, { rows: p.documents, total: p.total }])) as Record<DashboardSection, SectionRows>
        for (const p of pages) shown.current[p.section] = p.documents.length
        setData({ sections, namnder: pages[0]?.namnder ?? [], error: null })
      })
      .catch((err: Error) => own === generation.current && setData((old) => ({ ...old, error: err.message })))
  }, [key, reload])

  const more = useCallback(
    async (section: DashboardSection) => {
      const own = generation.current
      const loaded = shown.current[section] ?? 0
      // The next page after what is shown (pages of the standard size, so they line up).
      const page = Math.floor(loaded / DASHBOARD_PAGE_SIZE) + 1
      try {
        const next = await api.dashboard({ ...(JSON.parse(key) as typeof base), section, page, pageSize: DASHBOARD_PAGE_SIZE })
        if (own !== generation.current) return
        setData((old) => {
          if (!old.sections) return old
          const have = old.sections[section].rows.slice(0, (page - 1) * DASHBOARD_PAGE_SIZE)
          const rows = [...have, ...next.documents]
          shown.current[section] = rows.length
          return { ...old, sections: { ...old.sections, [section]: { rows, total: next.total } } }
        })
      } catch (err) {
        setData((old) => ({ ...old, error: (err as Error).message }))
      }
    },
    [key],
  )

  return { ...data, more }
}
