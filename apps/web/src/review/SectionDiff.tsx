import type { SectionChange } from '@perspektiv/model'

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
  )
}
