import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { PMNode } from '@perspektiv/document'
import { api, type AuditEntry, type DocumentDetail, type SectionChange, type VersionInfo } from '../api.js'
import { NOT_RELEVANT, ROLE_LABEL, STATUS_LABEL } from '../copy.js'
import { formatDateTime } from '../format.js'

/** Versions: the list, "Spara version", and one version shown read-only. */
export function VersionsPanel({ detail }: { detail: DocumentDetail }) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null)
  const [label, setLabel] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [shown, setShown] = useState<{ version: VersionInfo; content: PMNode } | null>(null)
  const id = useId()
  // Opening a version moves focus to it; closing it returns focus to its "Visa" button.
  const viewHeading = useRef<HTMLHeadingElement>(null)
  const lastShown = useRef<number | null>(null)
  useEffect(() => {
    if (shown) {
      lastShown.current = shown.version.id
      viewHeading.current?.focus()
    } else if (lastShown.current !== null) {
      document.getElementById(`${id}-show-${lastShown.current}`)?.focus()
      lastShown.current = null
    }
  }, [shown, id])
  const load = useCallback(() => {
    api.versions(detail.id).then(setVersions, (err: Error) => setError(err.message))
  }, [detail.id])
  // Status changes add versions: reload when the status does.
  useEffect(load, [load, detail.status])

  const save = async (e: FormEvent) => {
    e.preventDefault()
    if (!label.trim()) return setError('Ge versionen ett namn.')
    try {
      await api.saveVersion(detail.id, label.trim())
      setLabel('')
      setError(null)
      load()
    } catch (err) {
      setError((err as Error).message)
    }
  }

  return (
    <section className="history panel" aria-labelledby={`${id}-title`}>
      <h2 className="panel__title" id={`${id}-title`}>
        Versioner
      </h2>
      {detail.role !== 'reader' && (
        <form className="inline-form" onSubmit={save}>
          <label htmlFor={`${id}-label`}>Versionens namn</label>
          <input id={`${id}-label`} value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
          <button type="submit" className="button">
            Spara version
          </button>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {versions === null ? (
        <p className="muted">Läser in…</p>
      ) : versions.length === 0 ? (
        <p className="muted">Inga versioner ännu. En version sparas vid varje statusändring.</p>
      ) : (
        <table className="doc-table history__table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Sparad av</th>
              <th scope="col">Tid</th>
              <th scope="col">
                <span className="visually-hidden">Visa</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>
                  {v.label}
                  {detail.revision > 1 && <span className="muted"> (revision {v.revision})</span>}
                </td>
                <td>{STATUS_LABEL[v.status]}</td>
                <td>{v.createdBy?.name ?? '–'}</td>
                <td className="nowrap">
                  <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
                </td>
                <td>
                  <button
                    type="button"
                    id={`${id}-show-${v.id}`}
                    className="button button--quiet"
                    onClick={() => api.version(detail.id, v.id).then((r) => setShown({ version: r.version, content: r.content }), (err: Error) => setError(err.message))}
                  >
                    Visa<span className="visually-hidden"> versionen {v.label}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && (
        <div className="version-view" role="region" aria-label={`Version: ${shown.version.label}`}>
          <div className="version-view__head">
            <h3 tabIndex={-1} ref={viewHeading}>
              Version: {shown.version.label} ({formatDateTime(shown.version.createdAt)}) – skrivskyddad
            </h3>
            <button type="button" className="button" onClick={() => setShown(null)}>
              Stäng versionen
            </button>
          </div>
          <ReadOnlyContent content={shown.content} />
        </div>
      )}
    </section>
  )
}

/** A read-only rendering of stored ProseMirror JSON (sections, paragraphs, lists, tables). */
export function ReadOnlyContent({ content }: { content: PMNode }) {
  return <div className="read-only-content">{(content.content ?? []).map((n, i) => renderNode(n, i))}</div>
}

function renderNode(node: PMNode, key: number): ReactNode {
  const kids = () => (node.content ?? []).map((c, i) => renderNode(c, i))
  switch (node.type) {
    case 'section':
      return (
        // Not a <section> landmark: the live editor's sections already carry these names (axe landmark-unique).
        <div key={key} className="read-only-section">
          <h4>{String(node.attrs?.title ?? '')}</h4>
          {node.attrs?.notRelevant === true && <p className="muted">{NOT_RELEVANT}</p>}
          {kids()}
        </div>
      )
    case 'text': {
      let out: ReactNode = node.text ?? ''
      for (const m of node.marks ?? []) {
        if (m.type === 'bold') out = <strong>{out}</strong>
        else if (m.type === 'italic') out = <em>{out}</em>
      }
      return <span key={key}>{out}</span>
    }
    case 'hardBreak':
      return <br key={key} />
    case 'paragraph':
      return <p key={key}>{kids()}</p>
    case 'heading':
      return <h5 key={key}>{kids()}</h5>
    case 'bulletList':
      return <ul key={key}>{kids()}</ul>
    case 'orderedList':
      return <ol key={key}>{kids()}</ol>
    case 'listItem':
      return <li key={key}>{kids()}</li>
    case 'blockquote':
      return <blockquote key={key}>{kids()}</blockquote>
    case 'table':
      return (
        <table key={key} className="doc-table">
          <tbody>{kids()}</tbody>
        </table>
      )
    case 'tableRow':
      return <tr key={key}>{kids()}</tr>
    case 'tableHeader':
      return <th key={key}>{kids()}</th>
    case 'tableCell':
      return <td key={key}>{kids()}</td>
    default:
      return <div key={key}>{kids()}</div>
  }
}

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
              {changed.map((s) => (
                <div key={s.key} className="changes__section">
                  <h3>{s.title}</h3>
                  <p className="changes__diff">
                    {s.diff.map((d, i) =>
                      d.op === 'insert' ? (
                        <ins key={i}>
                          <span className="visually-hidden">[Tillagt: </span>
                          {d.text}
                          <span className="visually-hidden">]</span>
                        </ins>
                      ) : d.op === 'delete' ? (
                        <del key={i}>
                          <span className="visually-hidden">[Borttaget: </span>
                          {d.text}
                          <span className="visually-hidden">]</span>
                        </del>
                      ) : (
                        <span key={i}>{d.text}</span>
                      ),
                    )}
                  </p>
                </div>
              ))}
            </>
          )}
        </div>
      )}
    </section>
  )
}

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
    case 'template.upgraded':
      return `Mallen har fått nya avsnitt, som lades till i dokumentet: ${Array.isArray(d.titles) ? d.titles.map(String).join(', ') : ''}`
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

const FORMATS = [
  ['docx', 'Word (DOCX)'],
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
] as const

/** "Exportera": plain download links (GET with the session cookie). */
export function ExportLinks({ documentId }: { documentId: string }) {
  return (
    <nav className="export-links" aria-label="Exportera">
      <span className="export-links__label">Exportera:</span>
      {FORMATS.map(([format, label]) => (
        <a key={format} className="button button--quiet" href={api.exportUrl(documentId, format)} download>
          {label}
        </a>
      ))}
    </nav>
  )
}
