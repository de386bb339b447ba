import { useEffect, useState } from 'react'
import { api, type DocumentSummary } from '../../api.js'
import { useEvents } from '../../notifications/events.js'
import type { ListFilter } from './DocumentFilters.js'
import { sectionsOf, type Sections } from './sections.js'

/** Waits this long after the last keystroke before searching on the server. */
const SEARCH_DELAY_MS = 300

export interface DashboardData {
  /** Every document of mine that matches the filter; null while loading. */
  all: DocumentSummary[] | null
  sections: Sections | null
  /** The nämnder of my documents (for the filter), A–Ö. */
  namnder: string[]
  error: string | null
}

const collator = new Intl.Collator('sv-SE')

/**
 * The dashboard's lists, filtered on the server, read again whenever the events socket says
 * a document of mine changed or a notification arrived (no reloading, no polling).
 */
export function useDashboardData(filter: ListFilter, query: string, setFilter: (f: (old: ListFilter) => ListFilter) => void): DashboardData {
  const [data, setData] = useState<DashboardData>({ all: null, sections: null, namnder: [], error: null })
  const [reload, setReload] = useState(0)

  useEvents((m) => {
    if (m.type === 'document' || m.type === 'notification') setReload((n) => n + 1)
  })

  useEffect(() => {
    const timer = setTimeout(() => setFilter((f) => (f.query === query.trim() ? f : { ...f, query: query.trim() })), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query, setFilter])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` is the trigger: an /events message about a document or notification fetches the lists again.
  useEffect(() => {
    let live = true
    const base = { status: filter.status, role: filter.role, namnd: filter.namnd, query: filter.query || undefined }
    const unfiltered = !filter.status && !filter.role && !filter.namnd && !filter.query
    Promise.all([api.documents(base), api.documents({ ...base, waiting: 'review' }), api.documents({ ...base, waiting: 'approval' }), api.notifications()])
      .then(([all, review, approval, notes]) => {
        if (!live) return
        const mentioned = new Set(
          notes.notifications.filter((n) => !n.read && (n.kind === 'mention' || n.kind === 'comment.reply') && n.documentId).map((n) => n.documentId as string),
        )
        setData((old) => {
          const seen = new Set(unfiltered ? [] : old.namnder)
          for (const d of all) if (d.namnd) seen.add(d.namnd)
          return { all, sections: sectionsOf({ all, review, approval, mentioned }), namnder: [...seen].sort(collator.compare), error: null }
        })
      })
      .catch((err: Error) => live && setData((old) => ({ ...old, error: err.message })))
    return () => {
      live = false
    }
  }, [filter.status, filter.role, filter.namnd, filter.query, reload])

  return data
}
