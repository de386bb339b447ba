import { deadlineState, swedishToday } from '@perspektiv/model'
import type { DocumentSummary } from '../../api.js'

/**
 * "Svar senast": the date, and for a document not yet approved a word when it has passed
 * or is within 3 working days (model W2), so colour is never the only signal.
 */
export function DeadlineCell({ d, today = swedishToday(new Date()) }: { d: DocumentSummary; today?: string }) {
  if (!d.deadline) return <span className="muted">–</span>
  const state = d.status === 'godkand' ? 'later' : deadlineState(d.deadline, today)
  return (
    <span className={`deadline deadline--${state}`}>
      <time dateTime={d.deadline}>{d.deadline}</time>
      {state === 'passed' && <span className="deadline__flag">Passerad</span>}
      {state === 'soon' && (
        <span className="deadline__flag">
          {d.deadline === today ? 'I dag' : 'Snart'}
          <span className="visually-hidden"> (inom 3 arbetsdagar)</span>
        </span>
      )}
    </span>
  )
}
