import { useEffect, useState, type ReactNode } from 'react'
import type { Editor } from '@tiptap/core'
import type { EditorState } from '@tiptap/pm/state'
import type * as Y from 'yjs'
import { coverageOfDocument } from '@perspektiv/coverage'
import type { CoverageReport, PerspectiveCoverage, Template } from '@perspektiv/model'
import { META_MAP, type PMNode } from '@perspektiv/document'
import { CHECKER_STATUS, checkerStatus, perspectiveSummary, placeholdersLeft, statusProblems } from '../copy.js'

const DEBOUNCE_MS = 150

/**
 * Live coverage: the same pure checker as the server and the CLI, recomputed shortly after
 * typing pauses (debounced, off the keystroke path) from the editor's current document and
 * its header (the Y.Map `meta`, so header left-overs show as they are typed).
 */
export function useLiveCoverage(editor: Editor | null, template: Template, ydoc: Y.Doc, view?: CoverageView | null): CoverageReport | null {
  const [report, setReport] = useState<CoverageReport | null>(null)
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const compute = () => {
      timer = undefined
      if (editor.isDestroyed) return
      const json = editor.getJSON() as PMNode
      setReport(coverageOfDocument(template, view ? view.apply(editor.state, json) : json, meta.toJSON()))
    }
    const schedule = () => {
      if (timer === undefined) timer = setTimeout(compute, DEBOUNCE_MS)
    }
    const meta = ydoc.getMap<unknown>(META_MAP)
    compute()
    editor.on('update', schedule)
    meta.observeDeep(schedule)
    const unsubscribe = view?.subscribe(schedule)
    return () => {
      editor.off('update', schedule)
      meta.unobserveDeep(schedule)
      unsubscribe?.()
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [editor, template, ydoc, view])
  return report
}

/**
 * Another reading of the document to check (the text "if every open suggestion were
 * accepted"): `apply` turns the editor's JSON into it, `subscribe` says when it changes.
 */
export interface CoverageView {
  apply: (state: EditorState, json: PMNode) => PMNode
  subscribe: (listener: () => void) => () => void
}

/**
 * "12 av minst 20 ord": the words that count against the minimum that applies (SPEC C5,
 * C8): the motivation's once judged not relevant, the assessment's otherwise.
 */
export function wordCount(p: PerspectiveCoverage, template: Template): string | null {
  const section = template.sections.find((s) => s.key === p.key)
  if (!section || p.status === 'missing') return null
  const motivation = p.status === 'not-relevant' || p.problems.some((x) => /^Motiveringen|konstaterande|utan motivering/.test(x))
  const min = motivation ? (section.minMotivationWords ?? 15) : (section.minWords ?? 20)
  return `${p.words} av minst ${min} ord${motivation ? ' motivering' : ''}`
}

export function CoveragePanel({
  report,
  template,
  onGoTo,
  renderExtra,
  ifAccepted,
}: {
  report: CoverageReport | null
  template: Template
  onGoTo: (key: string) => void
  /** The "if every suggestion were accepted" switch, when there are open suggestions. */
  ifAccepted?: ReactNode
  /** Shown under a perspective's status (the reviewers' verdict). */
  renderExtra?: (perspective: { key: string; title: string }) => ReactNode
}) {
  const perspectives = report?.perspectives ?? []
  const done = perspectives.filter((p) => p.status === 'covered' || p.status === 'not-relevant').length
  return (
    <aside className="coverage panel" aria-label="Perspektiv">
      <h2 className="panel__title">Perspektiv</h2>
      {ifAccepted}
      {report === null ? (
        <p className="muted">Beräknar…</p>
      ) : (
        <>
          <p className={`coverage__summary ${report.complete ? 'coverage__summary--complete' : ''}`}>{perspectiveSummary(done, template)}</p>
          <ul className="coverage__list">
            {perspectives.map((p) => {
              const status = CHECKER_STATUS[checkerStatus(p)]
              const problems = statusProblems(p)
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
                  {wordCount(p, template) && <p className="coverage__words">{wordCount(p, template)}</p>}
                  {problems.length > 0 && (
                    <ul className="coverage__problems">
                      {problems.map((problem) => (
                        <li key={problem}>{problem}</li>
                      ))}
                    </ul>
                  )}
                  {renderExtra?.(p)}
                </li>
              )
            })}
          </ul>
          <SectionChecklist report={report} onGoTo={onGoTo} />
          <MetaChecklist report={report} />
          {report.placeholders.length > 0 && (
            <p className="coverage__placeholders">
              <span aria-hidden="true">! </span>
              {placeholdersLeft(report.placeholders)}
            </p>
          )}
        </>
      )}
    </aside>
  )
}

/** Required sections that are not written yet (C13), each a link to the section. */
function SectionChecklist({ report, onGoTo }: { report: CoverageReport; onGoTo: (key: string) => void }) {
  const open = report.sections.filter((s) => s.problems.length > 0)
  if (open.length === 0) return null
  return (
    <div className="coverage__more">
      <h3 className="coverage__subtitle">Avsnitt som behöver skrivas</h3>
      <ul className="coverage__problems">
        {open.map((s) => (
          <li key={s.key}>
            <button type="button" className="button button--quiet" onClick={() => onGoTo(s.key)}>
              {s.title}
            </button>
            : {s.problems.join(' ')}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Header fields the gate refuses (C21–C25): named, with what is wrong; the form shows the same at the field. */
function MetaChecklist({ report }: { report: CoverageReport }) {
  const open = report.meta.filter((m) => m.status !== 'ok')
  if (open.length === 0) return null
  return (
    <div className="coverage__more" data-testid="meta-checklist">
      <h3 className="coverage__subtitle">Uppgifter som saknas eller är fel</h3>
      <ul className="coverage__problems">
        {open.map((m) => (
          <li key={m.field}>{m.problems.join(' ')}</li>
        ))}
      </ul>
    </div>
  )
}
