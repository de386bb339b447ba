import { useId, useState } from 'react'
import { api, type AuditEntry, type DocumentDetail } from '../api.js'
import { ROLE_LABEL, STATUS_LABEL } from '../copy.js'
import { formatDateTime } from '../format.js'

const statusWord = (s: unknown) => STATUS_LABEL[s as keyof typeof STATUS_LABEL] ?? String(s)

/** The person a membership entry is about: the name stored with it (older entries have only the username). */
const person = (d: Record<string, unknown>) => String(typeof d.name === 'string' && d.name ? d.name : d.username)

function describe(e: AuditEntry): string {
  const d = (e.details ?? {}) as Record<string, unknown>
  switch (e.action) {
    case 'document.created':
      return 'Skapade dokumentet'
    case 'member.set':
      return `Gav ${person(d)} rollen ${ROLE_LABEL[d.role as keyof typeof ROLE_LABEL] ?? String(d.role)}`
    case 'member.removed':
      return `Tog bort ${person(d)} från dokumentet`
    case 'status.changed':
      return `Ändrade status från ${statusWord(d.from)} till ${statusWord(d.to)}${
        Array.isArray(d.clearedApprovals) && d.clearedApprovals.length ? ' (godkännanden togs bort)' : ''
      }`
    case 'approval.added':
      return 'Godkände dokumentet digitalt'
    case 'version.created':
      return `Sparade versionen ”${String(d.label)}”`
    case 'revision.started':
      return `Startade revision ${String(d.revision)} (revision ${String(d.frozen)} sparades oförändrad med sitt godkännande)`
    default:
      return e.action
  }
}

/** "Händelselogg": who did what, when (status, approvals, versions, membership). */
export function AuditLog({ detail }: { detail: DocumentDetail }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  return (
    <section className="history panel" aria-labelledby={`${id}-title`}>
      <h2 className="panel__title" id={`${id}-title`}>
        Händelselogg
      </h2>
      <button type="button" className="button" onClick={() => api.audit(detail.id).then(setEntries, (err: Error) => setError(err.message))}>
        {entries ? 'Uppdatera händelseloggen' : 'Visa händelseloggen'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {entries && (
        <table className="doc-table history__table">
          <thead>
            <tr>
              <th scope="col">Tid</th>
              <th scope="col">Vem</th>
              <th scope="col">Händelse</th>
            </tr>
          </thead>
          <tbody>
            {[...entries].reverse().map((e) => (
              <tr key={e.id}>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </td>
                <td>{e.actor?.name ?? 'Systemet'}</td>
                <td>{describe(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
