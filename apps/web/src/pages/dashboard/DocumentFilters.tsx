import { useId } from 'react'
import { ROLES, type DocumentStatus, type Role } from '@perspektiv/model'
import { ROLE_LABEL, STATUS_LABEL } from '../../format.js'

export type ListFilter = { status?: DocumentStatus; role?: Role; namnd?: string; query: string }

/** Filters of every section: search (on the server), status, my role and nämnd. */
export function DocumentFilters({
  filter,
  query,
  namnder,
  onQuery,
  onChange,
}: {
  filter: ListFilter
  query: string
  /** The nämnder of my documents, for the nämnd filter. */
  namnder: string[]
  onQuery: (q: string) => void
  onChange: (f: ListFilter) => void
}) {
  const id = useId()
  return (
    <form className="filters" aria-label="Filtrera listan" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field field--inline">
        <label htmlFor={`${id}-query`}>Sök</label>
        <input id={`${id}-query`} type="search" value={query} aria-describedby={`${id}-query-hint`} onChange={(e) => onQuery(e.target.value)} />
        <span id={`${id}-query-hint`} className="hint">
          i titel och Dnr
        </span>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={filter.status ?? ''}
          onChange={(e) => onChange({ ...filter, status: (e.target.value || undefined) as DocumentStatus | undefined })}
        >
          <option value="">Alla</option>
          <option value="utkast">{STATUS_LABEL.utkast}</option>
          <option value="granskning">{STATUS_LABEL.granskning}</option>
          <option value="godkand">{STATUS_LABEL.godkand}</option>
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-role`}>Min roll</label>
        <select id={`${id}-role`} value={filter.role ?? ''} onChange={(e) => onChange({ ...filter, role: (e.target.value || undefined) as Role | undefined })}>
          <option value="">Alla</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-namnd`}>Nämnd</label>
        <select id={`${id}-namnd`} value={filter.namnd ?? ''} onChange={(e) => onChange({ ...filter, namnd: e.target.value || undefined })}>
          <option value="">Alla</option>
          {namnder.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
    </form>
  )
}
