import { useId, useState } from 'react'
import type { AuditEntry } from '@perspektiv/model'
import { api, type DocumentDetail } from '../api.js'
import { ROLE_LABEL, STATUS_LABEL, VERDICT_LABEL } from '../copy.js'
import { formatDateTime } from '../format.js'

const statusWord = (s: unknown) => STATUS_LABEL[s as keyof typeof STATUS_LABEL] ?? String(s)

/** The person a membership entry is about: the name stored with it (older entries have only the username). */
const person = (d: Record<string, unknown>) => String(typeof d.name === 'string' && d.name ? d.name : d.username)

/** The header fields a `meta.upgraded` entry names (`handlaggare.phone`, `signatories.0.name`: by their field). */
const HEADER_FIELD: Record<string, string> = {
  title: 'Titel',
  subtitle: 'Underrubrik',
  dnr: 'Dnr',
  namnd: 'Nämnd',
  forvaltning: 'Förvaltning',
  avdelning: 'Avdelning',
  handlaggare: 'Handläggare',
  signatories: 'Undertecknare',
}
const headerFields = (fields: unknown) =>
  Array.isArray(fields) ? [...new Set(fields.map((f) => String(f).split('.')[0]!).map((f) => HEADER_FIELD[f] ?? f))].join(', ') : ''

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
    case 'approval.cleared':
      return `${person(d)}s godkännande togs bort: texten ändrades efter godkännandet`
    case 'approval.refused':
      return 'Försökte godkänna men nekades: har varit författare i den här revisionen'
    case 'version.created':
      return `Sparade versionen ”${String(d.label)}”`
    case 'template.upgraded':
      return `Mallen har fått nya avsnitt, som lades till i dokumentet: ${Array.isArray(d.titles) ? d.titles.map(String).join(', ') : ''}`
    case 'meta.upgraded':
      return `Uppgifterna gjordes om så att flera kan skriva i samma fält samtidigt: ${headerFields(d.fields)}`
    case 'revision.started':
      return `Startade revision ${String(d.revision)} (revision ${String(d.frozen)} sparades oförändrad med sitt godkännande)`
    case 'review.thread.created':
      return `Kommenterade ”${String(d.quote ?? '')}”`
    case 'review.comment.added':
      return 'Svarade i en kommentarstråd'
    case 'review.comment.edited':
      return 'Ändrade sin kommentar'
    case 'review.thread.resolved':
      return 'Markerade en kommentarstråd som löst'
    case 'review.thread.reopened':
      return 'Öppnade en kommentarstråd igen'
    case 'review.verdict.set':
      return `Gav omdömet ”${VERDICT_LABEL[d.verdict as keyof typeof VERDICT_LABEL] ?? String(d.verdict)}” om ${String(d.perspective)}`
    case 'review.suggestion.created':
      return d.quote ? `Föreslog att ändra ”${String(d.quote)}”` : `Föreslog att infoga ”${String(d.text ?? '')}”`
    case 'review.suggestion.extended':
      return d.quote
        ? `Ändrade sitt förslag om ”${String(d.quote)}” till ”${String(d.text ?? '')}”`
        : `Ändrade sitt förslag att infoga till ”${String(d.text ?? '')}”`
    case 'review.suggestion.accepted':
      return 'Godtog ett ändringsförslag'
    case 'review.suggestion.rejected':
      return 'Avvisade ett ändringsförslag'
    case 'review.suggestion.withdrawn':
      return 'Tog tillbaka sitt ändringsförslag'
    case 'review.verdict.cleared':
      return `Tog tillbaka sitt omdöme om ${String(d.perspective)}`
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
