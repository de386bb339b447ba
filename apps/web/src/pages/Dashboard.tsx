import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { DocumentSummary } from '../api.js'
import { hasNavigated } from '../router.js'
import { DocumentFilters, type ListFilter } from './dashboard/DocumentFilters.js'
import { DocumentTable } from './dashboard/DocumentTable.js'
import { NewDocumentForm } from './dashboard/NewDocumentForm.js'
import { sortDocuments, type Sort } from './dashboard/sortDocuments.js'
import { useDashboardData } from './dashboard/useDashboardData.js'
import { ImportButton } from '../import/ImportDialog.js'
import './dashboard.css'

/**
 * "Vad väntar på mig?": what to do next, my drafts, what others shared with me, then
 * everything of mine; one set of filters and one sort order for all of them.
 */
export function Dashboard() {
  const [creating, setCreating] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [filter, setFilter] = useState<ListFilter>({ query: '' })
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<Sort>({ key: 'updatedAt', ascending: false })
  const { all, sections, namnder, error } = useDashboardData(filter, query, setFilter)
  const filtered = Boolean(filter.status || filter.role || filter.namnd || filter.query)

  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus()
  }, [])

  const sorted = (rows: DocumentSummary[]) => sortDocuments(rows, sort)
  const why = new Map(sections?.waiting.map((w) => [w.d.id, w.why]) ?? [])
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
      {all === null && !error ? (
        <p className="muted" role="status">
          Läser in dokument…
        </p>
      ) : all && sections ? (
        <>
          <Section id="needs-me-waiting" title="Väntar på mig" empty={filtered ? 'Inget som väntar på dig matchar filtret.' : 'Inget väntar på dig just nu.'}>
            {sections.waiting.length > 0 && (
              <DocumentTable
                rows={sorted(sections.waiting.map((w) => w.d))}
                caption="Tjänsteutlåtanden som väntar på dig."
                sort={sort}
                onSort={setSort}
                note={(d) => <span className="needs-me__why">{why.get(d.id)}</span>}
              />
            )}
          </Section>
          <Section id="needs-me-drafts" title="Mina utkast" empty="Inga utkast.">
            {sections.drafts.length > 0 && <DocumentTable rows={sorted(sections.drafts)} caption="Dina utkast." sort={sort} onSort={setSort} />}
          </Section>
          <Section
            id="needs-me-shared"
            title="Delade med mig"
            empty={filtered ? 'Inget delat med dig matchar filtret.' : 'Ingen har delat något med dig ännu.'}
          >
            {sections.shared.length > 0 && (
              <DocumentTable rows={sorted(sections.shared)} caption="Tjänsteutlåtanden andra har delat med dig." sort={sort} onSort={setSort} />
            )}
          </Section>
          <Section
            id="dashboard-all"
            title="Hela listan"
            empty={filtered ? 'Inga tjänsteutlåtanden matchar filtret.' : 'Du har inga tjänsteutlåtanden ännu. Välj ”Nytt tjänsteutlåtande” för att börja.'}
          >
            {all.length > 0 && <DocumentTable rows={sorted(all)} caption="Tjänsteutlåtanden du har en roll i." sort={sort} onSort={setSort} showUpdated />}
          </Section>
        </>
      ) : null}
    </div>
  )
}

/** A dashboard section (a region named by its heading); `empty` when it has no table. */
function Section({ id, title, empty, children }: { id: string; title: string; empty: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="dashboard__section">
      <h2 id={id}>{title}</h2>
      {children || (
        <p className="empty" role="status">
          {empty}
        </p>
      )}
    </section>
  )
}
