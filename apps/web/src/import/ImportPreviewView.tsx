import type { ImportPreview } from '@perspektiv/model'
import { CHECKER_STATUS, checkerStatus } from '../copy.js'
import { keyed } from '../keys.js'

const FORMAT: Record<ImportPreview['format'], string> = { txt: 'text', md: 'Markdown', docx: 'Word' }

function contents(s: ImportPreview['sections'][number]): string {
  const parts = [`${s.words} ord`]
  if (s.lists) parts.push(`${s.lists} ${s.lists === 1 ? 'lista' : 'listor'}`)
  if (s.tables) parts.push(`${s.tables} ${s.tables === 1 ? 'tabell' : 'tabeller'}`)
  return parts.join(', ')
}

/** What the import would create: header fields, sections, coverage, what was left over. */
export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
  const filled = preview.sections.filter((s) => s.words > 0)
  const empty = preview.sections.filter((s) => s.words === 0)
  return (
    <div className="import-preview">
      <p>
        <strong>{preview.fileName}</strong> lästes som {FORMAT[preview.format]}. Så här blir det nya dokumentet:
      </p>
      {preview.warnings.length > 0 && (
        <ul className="notice import-preview__warnings">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <h3 id="import-fields">Uppgifter i dokumenthuvudet</h3>
      <dl className="import-preview__fields" aria-labelledby="import-fields">
        {preview.fields.map((f) => (
          <div key={f.field}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {preview.missingFields.length > 0 && <p className="muted">Hittades inte i filen: {preview.missingFields.join(', ')}.</p>}
      <h3 id="import-sections">Avsnitt</h3>
      <table className="import-preview__sections" aria-labelledby="import-sections">
        <thead>
          <tr>
            <th scope="col">Avsnitt i mallen</th>
            <th scope="col">Rubrik i filen</th>
            <th scope="col">Innehåll</th>
          </tr>
        </thead>
        <tbody>
          {filled.map((s) => (
            <tr key={s.key}>
              <th scope="row">{s.title}</th>
              <td>{s.headings.filter(Boolean).join(', ') || '–'}</td>
              <td>
                {contents(s)}
                <span className="import-preview__excerpt">{s.excerpt} …</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {empty.length > 0 && <p className="muted">Tomma avsnitt: {empty.map((s) => s.title).join(', ')}.</p>}
      <h3 id="import-coverage">Perspektiv</h3>
      <ul className="import-preview__coverage" aria-labelledby="import-coverage">
        {preview.coverage.perspectives.map((p) => (
          <li key={p.key}>
            {p.title}: {CHECKER_STATUS[checkerStatus(p)].label}
          </li>
        ))}
      </ul>
      {preview.leftOver.length > 0 && (
        <>
          <h3>Inte placerat i något avsnitt</h3>
          {keyed(preview.leftOver).map(({ key, item: l }) => (
            <details key={key}>
              <summary>{l.heading || 'Text utan rubrik'}</summary>
              <p className="import-preview__text">{l.text}</p>
            </details>
          ))}
        </>
      )}
      {preview.otherText && (
        <details>
          <summary>Sidhuvuden, brevhuvud och underskrifter som lästes</summary>
          <p className="import-preview__text">{preview.otherText}</p>
        </details>
      )}
    </div>
  )
}
