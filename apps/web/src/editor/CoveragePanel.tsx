import { useEffect, useState, type ReactNode } from 'react'
import type { Editor } from '@tiptap/core'
import { coverageOfDocument } from '@perspektiv/coverage'
import type { CoverageReport, Template } from '@perspektiv/model'
import type { PMNode } from '@perspektiv/document'
import { PERSPECTIVE_STATUS } from '../format.js'

const DEBOUNCE_MS = 150

/**
 * Live coverage: the same pure checker as the server and the CLI, recomputed shortly after
 * typing pauses (debounced, off the keystroke path) from the editor's current document.
 */
export function useLiveCoverage(editor: Editor | null, template: Template): CoverageReport | null {
  const [report, setReport] = useState<CoverageReport | null>(null)
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const compute = () => {
      timer = undefined
      if (editor.isDestroyed) return
      setReport(coverageOfDocument(template, editor.getJSON() as PMNode))
    }
    const schedule = () => {
      if (timer === undefined) timer = setTimeout(compute, DEBOUNCE_MS)
    }
    compute()
    editor.on('update', schedule)
    return () => {
      editor.off('update', schedule)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [editor, template])
  return report
}

export function CoveragePanel({
  report,
  onGoTo,
  renderExtra,
}: {
  report: CoverageReport | null
  onGoTo: (key: string) => void
  /** Shown under a perspective's status (the reviewers' verdict). */
  renderExtra?: (perspective: { key: string; title: string }) => ReactNode
}) {
  const perspectives = report?.perspectives ?? []
  const done = perspectives.filter((p) => p.status === 'covered' || p.status === 'not-relevant').length
  return (
    <aside className="coverage panel" aria-label="Perspektiv">
      <h2 className="panel__title">Perspektiv</h2>
      {report === null ? (
        <p className="muted">Beräknar…</p>
      ) : (
        <>
          <p className={`coverage__summary ${report.complete ? 'coverage__summary--complete' : ''}`}>
            {report.complete ? 'Alla fem perspektiv är hanterade.' : `${done} av ${perspectives.length} perspektiv är hanterade.`}
          </p>
          <ul className="coverage__list">
            {perspectives.map((p) => {
              const status = PERSPECTIVE_STATUS[p.status]
              return (
                <li key={p.key} className={`coverage__item ${status.className}`} data-perspective={p.key}>
                  <button type="button" className="coverage__goto" onClick={() => onGoTo(p.key)}>
                    <span className="coverage__icon" aria-hidden="true">
                      {status.icon}
                    </span>
                    <span className="coverage__name">{p.title}</span>
                    <span className="coverage__status">{status.label}</span>
                    <span className="visually-hidden">, gå till avsnittet</span>
                  </button>
                  {p.problems.length > 0 && p.status !== 'covered' && p.status !== 'not-relevant' && (
                    <ul className="coverage__problems">
                      {p.problems.map((problem) => (
                        <li key={problem}>{problem}</li>
                      ))}
                    </ul>
                  )}
                  {renderExtra?.(p)}
                </li>
              )
            })}
          </ul>
          {report.placeholders.length > 0 && (
            <p className="coverage__placeholders">
              <span aria-hidden="true">! </span>Mallens exempeltext finns kvar: {report.placeholders.map((t) => `”${t}”`).join(', ')}
            </p>
          )}
        </>
      )}
    </aside>
  )
}
