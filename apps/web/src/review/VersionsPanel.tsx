import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { PMNode } from '@perspektiv/document'
import type { VersionInfo } from '@perspektiv/model'
import { api, type DocumentDetail } from '../api.js'
import { NOT_RELEVANT, STATUS_LABEL } from '../copy.js'
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: status changes add versions: reload when the status does.
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
                    onClick={() =>
                      api.version(detail.id, v.id).then(
                        (r) => setShown({ version: r.version, content: r.content }),
                        (err: Error) => setError(err.message),
                      )
                    }
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
