import type { SectionChange } from '@perspektiv/model'
import { keyed } from '../keys.js'

/** The changed sections, each as a word diff marked with <ins>/<del> and, for screen readers, words. */
export function SectionDiff({ sections }: { sections: SectionChange[] }) {
  return (
    <>
      {sections
        .filter((s) => s.changed)
        .map((s) => (
          <div key={s.key} className="changes__section">
            <h3>{s.title}</h3>
            <p className="changes__diff">
              {keyed(s.diff).map(({ key, item: d }) =>
                d.op === 'insert' ? (
                  <ins key={key}>
                    <span className="visually-hidden">[Tillagt: </span>
                    {d.text}
                    <span className="visually-hidden">]</span>
                  </ins>
                ) : d.op === 'delete' ? (
                  <del key={key}>
                    <span className="visually-hidden">[Borttaget: </span>
                    {d.text}
                    <span className="visually-hidden">]</span>
                  </del>
                ) : (
                  <span key={key}>{d.text}</span>
                ),
              )}
            </p>
          </div>
        ))}
    </>
  )
}
