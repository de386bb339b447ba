import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { checkDnr, TITLE_MAX_LENGTH, type Template } from '@perspektiv/model'
import { api, type DocumentFilter, type DocumentSummary } from '../api.js'
import { formatDateTime, ROLE_LABEL, STATUS_LABEL } from '../format.js'
import { hasNavigated, linkHandler, navigate } from '../router.js'
import { CoverageBadges } from './CoverageBadges.js'

export function Dashboard() {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [filter, setFilter] = useState<DocumentFilter>({})
  const filtered = Boolean(filter.status || filter.waiting)

  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus()
  }, [])

  useEffect(() => {
    let live = true
    api
      .documents(filter)
      .then((docs) => live && setDocuments(docs))
      .catch((err: Error) => live && setError(err.message))
    return () => {
      live = false
    }
  }, [filter])

  return (
    <div className="dashboard">
      <div className="page-head">
        <h1 tabIndex={-1} ref={headingRef}>
          Mina tjänsteutlåtanden
        </h1>
        <button type="button" className="button button--primary" aria-expanded={creating} aria-controls="new-document" onClick={() => setCreating((v) => !v)}>
          Nytt tjänsteutlåtande
        </button>
      </div>
      {creating && <NewDocumentForm onCancel={() => setCreating(false)} />}
      <DocumentFilters filter={filter} onChange={setFilter} />
      {error && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {documents === null && !error ? (
        <p className="muted" role="status">
          Läser in dokument…
        </p>
      ) : documents && documents.length === 0 && filtered ? (
        <p className="empty" role="status">
          Inga tjänsteutlåtanden matchar filtret.
        </p>
      ) : documents && documents.length === 0 ? (
        <p className="empty">Du har inga tjänsteutlåtanden ännu. Välj ”Nytt tjänsteutlåtande” för att börja.</p>
      ) : documents ? (
        <table className="doc-table">
          <caption className="visually-hidden">Tjänsteutlåtanden du har en roll i, senast ändrade först</caption>
          <thead>
            <tr>
              <th scope="col">Titel</th>
              <th scope="col">Dnr</th>
              <th scope="col">Status</th>
              <th scope="col">Din roll</th>
              <th scope="col">Senast ändrad</th>
              <th scope="col">Perspektiv</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`/documents/${encodeURIComponent(d.id)}`} onClick={linkHandler(`/documents/${encodeURIComponent(d.id)}`)}>
                    {d.title || 'Namnlöst tjänsteutlåtande'}
                  </a>
                </td>
                <td className="nowrap">{d.dnr || '–'}</td>
                <td>
                  <span className={`pill pill--${d.status}`}>{STATUS_LABEL[d.status] ?? d.status}</span>
                  {d.revision > 1 && <span className="revision-label"> Revision {d.revision}</span>}
                </td>
                <td>{ROLE_LABEL[d.role] ?? d.role}</td>
                <td className="nowrap">
                  <time dateTime={d.updatedAt}>{formatDateTime(d.updatedAt)}</time>
                </td>
                <td>
                  <CoverageBadges coverage={d.coverage} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}

function NewDocumentForm({ onCancel }: { onCancel: () => void }) {
  const id = useId()
  const [templates, setTemplates] = useState<Template[] | null>(null)
  const [templateId, setTemplateId] = useState('')
  const [title, setTitle] = useState('')
  const [dnr, setDnr] = useState('')
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const firstRef = useRef<HTMLSelectElement>(null)

  useEffect(() => {
    api
      .templates()
      .then((t) => {
        setTemplates(t)
        setTemplateId((cur) => cur || t[0]?.id || '')
      })
      .catch((err: Error) => setError(err.message))
  }, [])
  useEffect(() => {
    if (templates) firstRef.current?.focus()
  }, [templates])

  const dnrCheck = checkDnr(dnr)
  const titleMissing = title.trim() === ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (titleMissing || !dnrCheck.ok || !templateId) return
    setBusy(true)
    setError(null)
    try {
      const created = await api.createDocument(templateId, title.trim(), dnr.trim() ? { dnr: dnr.trim() } : undefined)
      navigate(`/documents/${encodeURIComponent(created.id)}`)
    } catch (err) {
      setError((err as Error).message)
      setBusy(false)
    }
  }

  return (
    <form id="new-document" className="card form new-doc" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Nytt tjänsteutlåtande</h2>
      {error && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-template`}>Mall</label>
        <select id={`${id}-template`} ref={firstRef} value={templateId} onChange={(e) => setTemplateId(e.target.value)} disabled={!templates}>
          {(templates ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        {templates && <p className="hint">{templates.find((t) => t.id === templateId)?.description}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>Titel</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={TITLE_MAX_LENGTH}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={touched && titleMissing}
          aria-describedby={touched && titleMissing ? `${id}-title-err` : undefined}
          required
        />
        {touched && titleMissing && (
          <p id={`${id}-title-err`} className="field-error">
            Ange en titel.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-dnr`}>Diarienummer (Dnr)</label>
        <input
          id={`${id}-dnr`}
          value={dnr}
          placeholder="t.ex. EÅV 2025/936"
          onChange={(e) => setDnr(e.target.value)}
          onBlur={() => dnr && setTouched(true)}
          aria-invalid={touched && !dnrCheck.ok}
          aria-describedby={`${id}-dnr-msg`}
        />
        <p id={`${id}-dnr-msg`} className={touched && !dnrCheck.ok ? 'field-error' : 'hint'}>
          {!dnrCheck.ok && touched ? dnrCheck.message : dnrCheck.ok && dnrCheck.warning ? dnrCheck.warning : 'Kan lämnas tomt och fyllas i senare.'}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || !templates}>
          {busy ? 'Skapar…' : 'Skapa och öppna'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Avbryt
        </button>
      </div>
    </form>
  )
}

/** Filters of the list: status, and what waits for me (the server filters). */
function DocumentFilters({ filter, onChange }: { filter: DocumentFilter; onChange: (f: DocumentFilter) => void }) {
  const id = useId()
  return (
    <form className="filters" aria-label="Filtrera listan" onSubmit={(e) => e.preventDefault()}>
      <div className="field field--inline">
        <label htmlFor={`${id}-waiting`}>Visa</label>
        <select
          id={`${id}-waiting`}
          value={filter.waiting ?? ''}
          onChange={(e) => onChange({ ...filter, waiting: (e.target.value || undefined) as DocumentFilter['waiting'] })}
        >
          <option value="">Alla mina tjänsteutlåtanden</option>
          <option value="review">Väntar på min granskning</option>
          <option value="approval">Väntar på mitt godkännande</option>
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={filter.status ?? ''}
          onChange={(e) => onChange({ ...filter, status: (e.target.value || undefined) as DocumentFilter['status'] })}
        >
          <option value="">Alla</option>
          <option value="utkast">{STATUS_LABEL.utkast}</option>
          <option value="granskning">{STATUS_LABEL.granskning}</option>
          <option value="godkand">{STATUS_LABEL.godkand}</option>
        </select>
      </div>
    </form>
  )
}
