import { useId, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { CoverageView } from '../editor/CoveragePanel.js'
import { acceptedView } from './coverageIfAccepted.js'
import { useSuggestions, type ReviewSession } from './reviewSession.js'

/**
 * [S8] "Visa täckning om alla ändringsförslag godtas": a switch for the coverage panel and
 * the reading of the document it selects (null: the text as it is).
 */
export function useCoverageIfAccepted(ydoc: Y.Doc, review: ReviewSession): { view: CoverageView | null; toggle: React.ReactNode } {
  const open = useSuggestions(review).filter((s) => s.state === 'open').length
  const [on, setOn] = useState(false)
  const id = useId()
  const active = on && open > 0
  const view = useMemo<CoverageView | null>(
    () => (active ? { apply: (state, json) => acceptedView(state, ydoc, review)(json), subscribe: review.subscribe } : null),
    [active, ydoc, review],
  )
  const toggle =
    open === 0 ? null : (
      <div className="coverage__if-accepted">
        <input id={id} type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        <label htmlFor={id}>Visa täckning om alla ändringsförslag godtas</label>
        {active && (
          <p className="muted" role="status">
            Täckningen visas som om {open === 1 ? 'det öppna ändringsförslaget' : `alla ${open} öppna ändringsförslag`} godtas.
          </p>
        )}
      </div>
    )
  return { view, toggle }
}
