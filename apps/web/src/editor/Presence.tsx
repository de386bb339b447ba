import { useSyncExternalStore } from 'react'
import type { Template } from '@perspektiv/model'
import type { PresenceStore } from './presenceStore.js'

/** "I dokumentet": who is here, in their caret colour, and which section they are in. */
export function Presence({ store, template }: { store: PresenceStore; template: Template }) {
  const people = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const titles = new Map(template.sections.map((s) => [s.key, s.title]))
  return (
    <section className="presence panel" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="panel__title">
        I dokumentet
      </h2>
      <ul className="presence__list">
        {people.map((p) => (
          <li key={p.username} className="presence__item">
            <span className="presence__dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
            <span className="presence__name">
              {p.name}
              {p.isLocal && <span className="muted"> (du)</span>}
            </span>
            {p.section && titles.has(p.section) && <span className="presence__section">i {titles.get(p.section)}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
