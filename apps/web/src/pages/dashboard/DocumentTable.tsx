import { useId, type ReactNode } from 'react'
import type { DashboardDocument } from '@perspektiv/model'
import type { DocumentSummary } from '../../api.js'
import { formatDateTime, ROLE_LABEL, STATUS_LABEL } from '../../format.js'
import { linkHandler } from '../../router.js'
import { CoverageBadges } from '../CoverageBadges.js'
import { DeadlineCell } from './DeadlineCell.js'
import { ScrollRegion } from './ScrollRegion.js'
import { firstDirection, type Sort, type SortKey } from './sort.js'

export function DocumentLink({ d }: { d: DocumentSummary }) {
  const href = `/documents/${encodeURIComponent(d.id)}`
  return (
    <a href={href} onClick={linkHandler(href)}>
      {d.title || 'Namnlöst tjänsteutlåtande'}
    </a>
  )
}

/** A column heading that sorts: a button, with aria-sort saying the current order. */
function SortHeader({ label, column, sort, onSort }: { label: string; column: SortKey; sort: Sort; onSort: (s: Sort) => void }) {
  const active = sort.key === column
  return (
    <th scope="col" aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort({ key: column, ascending: active ? !sort.ascending : firstDirection(column) })}>
        {label}
        <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  )
}

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'title', label: 'Titel' },
  { key: 'dnr', label: 'Dnr' },
  { key: 'namnd', label: 'Nämnd' },
  { key: 'meetingDate', label: 'Sammanträde' },
  { key: 'deadline', label: 'Svar senast' },
  { key: 'status', label: 'Status' },
  { key: 'role', label: 'Din roll' },
]

/**
 * One sortable table of documents (every dashboard section uses it). `note` adds a line
 * under a title (why it waits for me); `showUpdated` the "Senast ändrad" column.
 */
export function DocumentTable({
  rows,
  caption,
  sort,
  onSort,
  note,
  showUpdated = false,
}: {
  rows: DashboardDocument[]
  caption: string
  sort: Sort
  onSort: (s: Sort) => void
  note?: (d: DashboardDocument) => ReactNode
  showUpdated?: boolean
}) {
  const captionId = useId()
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="doc-table">
        <caption id={captionId} className="visually-hidden">
          {caption} Välj en kolumnrubrik för att sortera.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} label={c.label} column={c.key} sort={sort} onSort={onSort} />
            ))}
            {showUpdated && <SortHeader label="Senast ändrad" column="updatedAt" sort={sort} onSort={onSort} />}
            <th scope="col" className="doc-table__plain-head">
              Perspektiv
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td className="doc-table__title">
                <DocumentLink d={d} />
                {note && <div className="doc-table__note">{note(d)}</div>}
              </td>
              <td data-label="Dnr">{d.dnr || '–'}</td>
              <td data-label="Nämnd">{d.namnd || '–'}</td>
              <td data-label="Sammanträde" className="nowrap">
                {d.meetingDate ? <time dateTime={d.meetingDate}>{d.meetingDate}</time> : '–'}
              </td>
              <td data-label="Svar senast">
                <DeadlineCell d={d} />
              </td>
              <td data-label="Status">
                <span className={`pill pill--${d.status}`}>{STATUS_LABEL[d.status] ?? d.status}</span>
                {d.revision > 1 && <span className="revision-label"> Revision {d.revision}</span>}
              </td>
              <td data-label="Din roll">{ROLE_LABEL[d.role] ?? d.role}</td>
              {showUpdated && (
                <td data-label="Senast ändrad">
                  <time dateTime={d.updatedAt}>{formatDateTime(d.updatedAt)}</time>
                </td>
              )}
              <td data-label="Perspektiv">
                <CoverageBadges coverage={d.coverage} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
