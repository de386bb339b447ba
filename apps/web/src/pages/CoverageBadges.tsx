import { PERSPECTIVE_KEYS, type CoverageSummary } from '@perspektiv/model'
import { CHECKER_STATUS } from '../copy.js'
import { PERSPECTIVE_SHORT } from '../format.js'

/** Compact per-perspective indicator: one symbol per perspective, each with text for screen readers. */
export function CoverageBadges({ coverage }: { coverage: CoverageSummary | null | undefined }) {
  if (!coverage) return <span className="muted">–</span>
  const done = PERSPECTIVE_KEYS.filter((k) => coverage.perspectives[k] === 'covered' || coverage.perspectives[k] === 'not-relevant').length
  return (
    <span className="badges">
      <ul className="badges__list" aria-label={`Perspektiv: ${done} av ${PERSPECTIVE_KEYS.length} hanterade`}>
        {PERSPECTIVE_KEYS.map((key) => {
          const status = CHECKER_STATUS[coverage.perspectives[key] ?? 'missing']
          const name = PERSPECTIVE_SHORT[key] ?? key
          return (
            <li key={key} className={`badge ${status.className}`} title={`${name}: ${status.label}`}>
              <span aria-hidden="true">{status.icon}</span>
              <span className="visually-hidden">
                {name}: {status.label}
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
