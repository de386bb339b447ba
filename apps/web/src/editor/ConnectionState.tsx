import type { ConnectionStatus } from './collabSession.js'

const LABEL: Record<ConnectionStatus, { text: string; icon: string }> = {
  connected: { text: 'Ansluten', icon: '●' },
  reconnecting: { text: 'Återansluter…', icon: '○' },
  'offline-with-changes': { text: 'Offline med lokala ändringar', icon: '!' },
  closed: { text: 'Frånkopplad', icon: '✗' },
}

/** The connection state, visible and announced politely when it changes. */
export function ConnectionState({ status, closedReason }: { status: ConnectionStatus; closedReason: string | null }) {
  const label = LABEL[status]
  return (
    <div className={`connection connection--${status}`} role="status" aria-live="polite">
      <span className="connection__icon" aria-hidden="true">
        {label.icon}
      </span>
      <span className="connection__text">{label.text}</span>
      {status === 'offline-with-changes' && <span className="connection__detail"> – sparas i webbläsaren och skickas när anslutningen är tillbaka</span>}
      {closedReason && <span className="connection__detail"> – {closedReason}</span>}
    </div>
  )
}
