import { useId, useState } from 'react'
import type { SectionChange, VersionInfo } from '@perspektiv/model'
import { api, type DocumentDetail } from '../api.js'
import { formatDateTime } from '../format.js'
import { SectionDiff } from './SectionDiff.js'

/** "Ändringar sedan granskning": per section, a word diff marked with <ins>/<del> and text. */
export function ChangesSinceReview({ detail }: { detail: DocumentDetail }) {
  const [data, setData] = useState<{ since: VersionInfo | null; sections: SectionChange[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const load = () => api.changesSinceReview(detail.id).then(setData, (err: Error) => setError(err.message))
  const changed = data?.sections.filter((s) => s.changed) ?? []
  return (
    <section className="history panel" aria-labelledby={`${id}-title`}>
      <h2 className="panel__title" id={`${id}-title`}>
        Ändringar sedan granskning
      </h2>
      <button type="button" className="button" onClick={() => void load()}>
        {data ? 'Uppdatera ändringar' : 'Visa ändringar'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <div role="status" className="changes">
          {!data.since ? (
            <p>Dokumentet har inte skickats till granskning ännu.</p>
          ) : (
            <>
              <p>
                Jämfört med versionen ”{data.since.label}” från {formatDateTime(data.since.createdAt)}.{' '}
                {changed.length === 0 ? 'Inga avsnitt har ändrats.' : `${changed.length} avsnitt har ändrats.`}
              </p>
              <SectionDiff sections={data.sections} />
            </>
          )}
        </div>
      )}
    </section>
  )
}
