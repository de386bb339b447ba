import type { ReactNode } from 'react'

/**
 * A confirmation step in the status bar: what will happen (the group's label), anything the
 * decision rests on, then the action (focused, so Enter confirms) and "Avbryt".
 */
export function Confirm({
  id,
  text,
  children,
  action,
  disabled,
  describedBy,
  onConfirm,
  onCancel,
}: {
  id: string
  text: ReactNode
  children?: ReactNode
  action: ReactNode
  disabled: boolean
  describedBy?: string
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <div className="confirm" role="group" aria-labelledby={id}>
      <p id={id}>{text}</p>
      {children}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={disabled} aria-describedby={describedBy} onClick={onConfirm} autoFocus>
          {action}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Avbryt
        </button>
      </div>
    </div>
  )
}
