import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { DashboardSection, WaitingReason } from '@perspektiv/model'
import { hasNavigated } from '../router.js'
import { DocumentFilters, type ListFilter } from './dashboard/DocumentFilters.js'
import { DocumentTable } from './dashboard/DocumentTable.js'
import { NewDocumentForm } from './dashboard/NewDocumentForm.js'
import type { Sort } from './dashboard/sort.js'
import { useDashboardData, type SectionRows } from './dashboard/useDashboardData.js'
import { ImportButton } from '../import/ImportDialog.js'
import './dashboard.css'

/** Why a document waits for me, shown as text in "Väntar på mig". */
const WHY: Record<WaitingReason, string> = { review: 'Granska', approval: 'Godkänn', mention: 'Kommentar till dig' }

/**
 * "Vad väntar på mig?": what to do next, my drafts, what others shared with me, then
 * everything of mine; one set of filters and one sort order for all of them. Each section
 * is paged by the server ("Visa fler"), its heading says how many it holds.
 */
export function Dashboard() {
  const [creating, setCreating] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [filter, setFilter] = useState<ListFilter>({ query: '' })
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<Sort>({ key: 'updatedAt', ascending: false })
  const { sections, namnder, error, more } = useDashboardData(filter, query, setFilter, sort)
  const filtered = Boolean(filter.status || filter.role || filter.namnd || filter.query)

  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus()
  }, [])

  const section = (id: DashboardSection, props: { htmlId: string; title: string; empty: string; caption: string; showUpdated?: boolean; why?: boolean }) => {
    const rows = sections![id]
    return (
      <Section id={props.htmlId} title={props.title} rows={rows} empty={props.empty} onMore={() => more(id)}>
        {rows.rows.length > 0 && (
          <DocumentTable
            rows={rows.rows}
            caption={props.caption}
            sort={sort}
            onSort={setSort}
            showUpdated={props.showUpdated}
            note={props.why ? (d) => d.waiting && <span className="needs-me__why">{WHY[d.waiting]}</span> : undefined}
          />
        )}
      </Section>
    )
  }
  return (
    <div className="dashboard">
      <div className="page-head">
        <h1 tabIndex={-1} ref={headingRef}>
          Mina tjänsteutlåtanden
        </h1>
        {/* Actions on my documents. */}
        <div className="page-head__actions">
          <button type="button" className="button button--primary" aria-expanded={creating} aria-controls="new-document" onClick={() => setCreating((v) => !v)}>
            Nytt tjänsteutlåtande
          </button>
          <ImportButton />
        </div>
      </div>
      {creating && <NewDocumentForm onCancel={() => setCreating(false)} />}
      <DocumentFilters filter={filter} query={query} namnder={namnder} onQuery={setQuery} onChange={setFilter} />
      {error && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {sections === null && !error ? (
        <p className="muted" role="status">
          Läser in dokument…
        </p>
      ) : sections ? (
        <>
          {section('waiting', {
            htmlId: 'needs-me-waiting',
            title: 'Väntar på mig',
            empty: filtered ? 'Inget som väntar på dig matchar filtret.' : 'Inget väntar på dig just nu.',
            caption: 'Tjänsteutlåtanden som väntar på dig.',
            why: true,
          })}
          {section('drafts', { htmlId: 'needs-me-drafts', title: 'Mina utkast', empty: 'Inga utkast.', caption: 'Dina utkast.' })}
          {section('shared', {
            htmlId: 'needs-me-shared',
            title: 'Delade med mig',
            empty: filtered ? 'Inget delat med dig matchar filtret.' : 'Ingen har delat något med dig ännu.',
            caption: 'Tjänsteutlåtanden andra har delat med dig.',
          })}
          {section('all', {
            htmlId: 'dashboard-all',
            title: 'Hela listan',
            empty: filtered ? 'Inga tjänsteutlåtanden matchar filtret.' : 'Du har inga tjänsteutlåtanden ännu. Välj ”Nytt tjänsteutlåtande” för att börja.',
            caption: 'Tjänsteutlåtanden du har en roll i.',
            showUpdated: true,
          })}
        </>
      ) : null}
    </div>
  )
}

/**
 * A dashboard section (a region named by its heading, which carries the count); `empty`
 * when it has no table; "Visa fler" while the server holds more than is shown.
 */
function Section({
  id,
  title,
  rows,
  empty,
  onMore,
  children,
}: {
  id: string
  title: string
  rows: SectionRows
  empty: string
  onMore: () => Promise<void>
  children: ReactNode
}) {
  const [loading, setLoading] = useState(false)
  const left = rows.total - rows.rows.length
  return (
    <section aria-labelledby={id} className="dashboard__section">
      <h2 id={id}>
        {title} <span className="dashboard__count">({rows.total})</span>
      </h2>
      {children || (
        <p className="empty" role="status">
          {empty}
        </p>
      )}
      {left > 0 && (
        <div className="dashboard__more">
          <p className="muted" role="status">
            Visar {rows.rows.length} av {rows.total}.
          </p>
          <button
            type="button"
            className="button"
            aria-label={`Visa fler i ${title}`}
            disabled={loading}
            onClick={() => {
              setLoading(true)
              void onMore().finally(() => setLoading(false))
            }}
          >
            Visa fler
          </button>
        </div>
      )}
    </section>
  )
}
