import { useEffect, useId, useState } from 'react'
import type { FrozenRevision } from '@perspektiv/model'
import { api, type DocumentDetail } from '../api.js'
import { formatDateTime } from '../format.js'

const FORMATS = [
  ['pdf', 'PDF'],
  ['docx', 'Word'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
] as const

/**
 * "Godkända revisioner": each approved revision as it was approved, with its approval
 * record and its exports (frozen when the next revision was started; issue 13.5).
 */
export function RevisionsPanel({ detail }: { detail: DocumentDetail }) {
  const id = useId()
  const [revisions, setRevisions] = useState<FrozenRevision[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (detail.revision <= 1) return
    let live = true
    api.revisions(detail.id).then(
      (r) => live && setRevisions(r.revisions),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    )
    return () => {
      live = false
    }
  }, [detail.id, detail.revision])
  if (detail.revision <= 1) return null
  return (
    <section className="history panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        Godkända revisioner
      </h2>
      <p className="muted">Det här är revision {detail.revision}. Tidigare revisioner finns kvar oförändrade, som de godkändes.</p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {revisions && (
        <ul className="revisions">
          {revisions.map((r) => (
            <li key={r.revision}>
              <strong>Revision {r.revision}</strong>, godkänd av {r.approvals.map((a) => `${a.name} (${formatDateTime(a.approvedAt)})`).join(', ') || '–'}.
              <nav className="export-links" aria-label={`Exportera revision ${r.revision}`}>
                {FORMATS.map(([format, label]) => (
                  <a key={format} className="button button--quiet" href={api.revisionExportUrl(detail.id, r.revision, format)} download>
                    {label}
                  </a>
                ))}
              </nav>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
