import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { checkDnr, ROLES, TITLE_MAX_LENGTH, type DocumentStatus, type Role, type Template } from '@perspektiv/model'
import { api, type DocumentSummary } from '../api.js'
import { useEvents } from '../notifications/events.js'
import { formatDateTime, ROLE_LABEL, STATUS_LABEL } from '../format.js'
import { hasNavigated, linkHandler, navigate } from '../router.js'
import { ImportButton } from '../import/ImportDialog.js'
import { CoverageBadges } from './CoverageBadges.js'
import './dashboard.css'

type SortKey = 'title' | 'dnr' | 'status' | 'role' | 'updatedAt'
type Sort = { key: SortKey; ascending: boolean }

const STATUS_ORDER: Record<string, number> = { utkast: 0, granskning: 1, godkand: 2 }
const ROLE_ORDER: Record<string, number> = { author: 0, reviewer: 1, approver: 2, reader: 3 }
const collator = new Intl.Collator('sv-SE', { sensitivity: 'base', numeric: true })

/** Orders the list by a column (pure; ties keep the newest change first). */
export function sortDocuments(docs: DocumentSummary[], sort: Sort): DocumentSummary[] {
  const value = (d: DocumentSummary): string | number =>
    sort.key === 'status' ? STATUS_ORDER[d.status] ?? 9 : sort.key === 'role' ? ROLE_ORDER[d.role] ?? 9 : sort.key === 'updatedAt' ? d.updatedAt : d[sort.key] || ''
  return [...docs].sort((a, b) => {
    const x = value(a)
    const y = value(b)
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))
    return (sort.ascending ? c : -c) || b.updatedAt.localeCompare(a.updatedAt)
  })
}

/** Waits this long after the last keystroke before searching on the server. */
const SEARCH_DELAY_MS = 300

export function Dashboard() {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null)
  const [waiting, setWaiting] = useState<Waiting | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [filter, setFilter] = useState<ListFilter>({ query: '' })
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<Sort>({ key: 'updatedAt', ascending: false })
  const [reload, setReload] = useState(0)
  const filtered = Boolean(filter.status || filter.role || filter.query)

  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus()
  }, [])

  // Status or membership changes elsewhere (sent to review, added to a document) show at once.
  useEvents((m) => {
    if (m.type === 'document' || m.type === 'notification') setReload((n) => n + 1)
  })

  useEffect(() => {
    const timer = setTimeout(() => setFilter((f) => (f.query === query.trim() ? f : { ...f, query: query.trim() })), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query])

  useEffect(() => {
    let live = true
    api
      .documents({ status: filter.status, query: filter.query || undefined })
      .then((docs) => live && setDocuments(docs))
      .catch((err: Error) => live && setError(err.message))
    return () => {
      live = false
    }
  }, [filter.status, filter.query, reload])

  useEffect(() => {
    let live = true
    Promise.all([api.documents({ waiting: 'review' }), api.documents({ waiting: 'approval' }), api.documents(), api.notifications()])
      .then(([review, approval, all, notes]) => {
        if (!live) return
        const mentioned = new Set(notes.notifications.filter((n) => !n.read && (n.kind === 'mention' || n.kind === 'comment.reply')).map((n) => n.documentId))
        setWaiting({
          review,
          approval,
          comments: all.filter((d) => mentioned.has(d.id)),
          drafts: all.filter((d) => d.role === 'author' && d.status === 'utkast'),
          shared: all.filter((d) => d.role !== 'author'),
        })
      })
      .catch(() => live && setWaiting(null))
    return () => {
      live = false
    }
  }, [reload])

  const shown = documents ? sortDocuments(documents.filter((d) => !filter.role || d.role === filter.role), sort) : null
  return (
    <div className="dashboard">
      <div className="page-head">
        <h1 tabIndex={-1} ref={headingRef}>
          Mina tjänsteutlåtanden
        </h1>
        <button type="button" className="button button--primary" aria-expanded={creating} aria-controls="new-document" onClick={() => setCreating((v) => !v)}>
          Nytt tjänsteutlåtande
        </button>
        <ImportButton />
      </div>
      {creating && <NewDocumentForm onCancel={() => setCreating(false)} />}
      {waiting && <WhatNeedsMe waiting={waiting} />}
      <h2 className="dashboard__all">Hela listan</h2>
      <DocumentFilters filter={filter} query={query} onQuery={setQuery} onChange={setFilter} />
      {error && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {shown === null && !error ? (
        <p className="muted" role="status">
          Läser in dokument…
        </p>
      ) : shown && shown.length === 0 && filtered ? (
        <p className="empty" role="status">
          Inga tjänsteutlåtanden matchar filtret.
        </p>
      ) : shown && shown.length === 0 ? (
        <p className="empty">Du har inga tjänsteutlåtanden ännu. Välj ”Nytt tjänsteutlåtande” för att börja.</p>
      ) : shown ? (
        <table className="doc-table">
          <caption className="visually-hidden">Tjänsteutlåtanden du har en roll i. Välj en kolumnrubrik för att sortera.</caption>
          <thead>
            <tr>
              <SortHeader label="Titel" column="title" sort={sort} onSort={setSort} />
              <SortHeader label="Dnr" column="dnr" sort={sort} onSort={setSort} />
              <SortHeader label="Status" column="status" sort={sort} onSort={setSort} />
              <SortHeader label="Din roll" column="role" sort={sort} onSort={setSort} />
              <SortHeader label="Senast ändrad" column="updatedAt" sort={sort} onSort={setSort} />
              <th scope="col">Perspektiv</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id}>
                <td>
                  <DocumentLink d={d} />
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

type ListFilter = { status?: DocumentStatus; role?: Role; query: string }

interface Waiting {
  review: DocumentSummary[]
  approval: DocumentSummary[]
  comments: DocumentSummary[]
  drafts: DocumentSummary[]
  shared: DocumentSummary[]
}

function DocumentLink({ d }: { d: DocumentSummary }) {
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
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort({ key: column, ascending: active ? !sort.ascending : column !== 'updatedAt' })}
      >
        {label}
        <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  )
}

/** "Vad väntar på mig?": what to do next, then my drafts and what others shared with me. */
function WhatNeedsMe({ waiting }: { waiting: Waiting }) {
  const mine = [
    ...waiting.review.map((d) => ({ d, why: 'Granska' })),
    ...waiting.approval.map((d) => ({ d, why: 'Godkänn' })),
    ...waiting.comments.map((d) => ({ d, why: 'Kommentar till dig' })),
  ]
  return (
    <div className="needs-me">
      <section aria-labelledby="needs-me-waiting" className="needs-me__section">
        <h2 id="needs-me-waiting">Väntar på mig</h2>
        {mine.length === 0 ? (
          <p className="muted">Inget väntar på dig just nu.</p>
        ) : (
          <ul>
            {mine.map(({ d, why }) => (
              <li key={`${why}-${d.id}`}>
                <span className="needs-me__why">{why}:</span> <DocumentLink d={d} />
                {d.dnr ? <span className="muted"> ({d.dnr})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="needs-me-drafts" className="needs-me__section">
        <h2 id="needs-me-drafts">Mina utkast</h2>
        {waiting.drafts.length === 0 ? (
          <p className="muted">Inga utkast.</p>
        ) : (
          <ul>
            {waiting.drafts.slice(0, 10).map((d) => (
              <li key={d.id}>
                <DocumentLink d={d} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="needs-me-shared" className="needs-me__section">
        <h2 id="needs-me-shared">Delade med mig</h2>
        {waiting.shared.length === 0 ? (
          <p className="muted">Ingen har delat något med dig ännu.</p>
        ) : (
          <ul>
            {waiting.shared.slice(0, 10).map((d) => (
              <li key={d.id}>
                <DocumentLink d={d} /> <span className="muted">– {ROLE_LABEL[d.role]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
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

/** Filters of the list: search (on the server), status and my role. */
function DocumentFilters({
  filter,
  query,
  onQuery,
  onChange,
}: {
  filter: ListFilter
  query: string
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
    </form>
  )
}
