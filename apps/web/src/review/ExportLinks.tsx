import type { DocumentStatus } from '@perspektiv/model'
import { api } from '../api.js'

const FORMATS = [
  ['docx', 'Word (DOCX)'],
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
] as const

/**
 * "Exportera": plain download links (GET with the session cookie). Before approval also
 * "Word med ändringsförslag": the open suggestions as Word tracked changes (review S8); an
 * approved document never has any, so the link is not offered then.
 */
export function ExportLinks({ documentId, status }: { documentId: string; status: DocumentStatus }) {
  return (
    <nav className="export-links" aria-label="Exportera">
      <span className="export-links__label">Exportera:</span>
      {FORMATS.map(([format, label]) => (
        <a key={format} className="button button--quiet" href={api.exportUrl(documentId, format)} download>
          {label}
        </a>
      ))}
      {status !== 'godkand' && (
        <a className="button button--quiet" href={api.exportUrl(documentId, 'docx', { trackedSuggestions: true })} download>
          Word med ändringsförslag
        </a>
      )}
    </nav>
  )
}
