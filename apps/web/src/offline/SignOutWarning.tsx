import { useEffect, useRef } from 'react'
import './signOut.css'

interface Props {
  /** Documents whose edits could not be sent. */
  documentCount: number
  onStay(): void
  onSignOutAnyway(): void
}

/**
 * Asked at sign-out when edits could not reach the server: signing out deletes the local
 * copies, so those edits would be gone. A modal dialog (focus stays inside, Escape = stay);
 * staying is the first and focused choice, because it loses nothing.
 */
export function SignOutWarning({ documentCount, onStay, onSignOutAnyway }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  const which = documentCount === 1 ? 'ett dokument' : `${documentCount} dokument`
  return (
    <dialog
      ref={ref}
      className="signout-dialog"
      role="alertdialog"
      aria-labelledby="signout-title"
      aria-describedby="signout-text"
      onCancel={(event) => {
        event.preventDefault()
        onStay()
      }}
    >
      <h2 id="signout-title">Ändringar har inte skickats</h2>
      <div id="signout-text">
        <p>Ändringar i {which} har inte kunnat skickas till servern. Kontrollera anslutningen.</p>
        <p>Loggar du ut nu raderas de från den här webbläsaren och går förlorade.</p>
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" autoFocus onClick={onStay}>
          Förbli inloggad
        </button>
        <button type="button" className="button" onClick={onSignOutAnyway}>
          Logga ut ändå
        </button>
      </div>
    </dialog>
  )
}
