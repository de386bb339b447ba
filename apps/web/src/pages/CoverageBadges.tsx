import { PERSPECTIVE_KEYS, type CheckerStatus, type CoverageSummary } from '@perspektiv/model'
import { CHECKER_STATUS } from '../copy.js'
import { PERSPECTIVE_SHORT } from '../format.js'

/**
 * The checker's status of a perspective from a stored summary: `checker` says it (Ej påbörjad
 * apart from Ofullständig); a summary stored before it existed only has the report's status.
 */
export function summaryStatus(coverage: CoverageSummary, key: string): CheckerStatus {
  return coverage.checker?.[key] ?? coverage.perspectives[key] ?? 'missing'
}

/**
 * The five perspectives as a row of chips: a symbol each, and the status in words as each
 * chip's accessible name and tooltip, so colour is never the only signal.
 */
export function CoverageBadges({ coverage }: { coverage: CoverageSummary | null | undefined }) {
  if (!coverage) return <span className="muted">–</span>
  const done = PERSPECTIVE_KEYS.filter((k) => coverage.perspectives[k] === 'covered' || coverage.perspectives[k] === 'not-relevant').length
  return (
    <span className="badges">
      <ul className="badges__list" aria-label={`Perspektiv: ${done} av ${PERSPECTIVE_KEYS.length} hanterade`}>
        {PERSPECTIVE_KEYS.map((key) => {
          const status = CHECKER_STATUS[summaryStatus(coverage, key)]
          const label = `${PERSPECTIVE_SHORT[key] ?? key}: ${status.label}`
          return (
            <li key={key} className={`badge ${status.className}`} title={label}>
              {/* An image named by its words: read alike in browse mode and by list navigation. */}
              <span role="img" aria-label={label}>
                {status.icon}
              </span>
            </li>
          )
        })}
      </ul>
      <span className="badges__count" aria-hidden="true">
        {done}/{PERSPECTIVE_KEYS.length}
      </span>
    </span>
  )
}
