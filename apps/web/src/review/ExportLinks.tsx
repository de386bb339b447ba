import { api } from '../api.js'

const FORMATS = [
  ['docx', 'Word (DOCX)'],
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
] as const

/** "Exportera": plain download links (GET with the session cookie). */
export function ExportLinks({ documentId }: { documentId: string }) {
  return (
    <nav className="export-links" aria-label="Exportera">
      <span className="export-links__label">Exportera:</span>
      {FORMATS.map(([format, label]) => (
        <a key={format} className="button button--quiet" href={api.exportUrl(documentId, format)} download>
          {label}
        </a>
      ))}
    </nav>
  )
}
