import { useEffect, useRef, useState } from 'react'

/**
 * A modal `<dialog>` opened by a button: the rest of the page is inert while it is open
 * (focus stays inside), Escape closes it, and focus returns to the button that opened it.
 * `open` says whether to render the content (so it starts fresh each time).
 */
export function useModalDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const openerRef = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const onClose = () => {
      setOpen(false)
      openerRef.current?.focus()
    }
    dialog.addEventListener('close', onClose)
    return () => dialog.removeEventListener('close', onClose)
  }, [])
  const show = () => {
    setOpen(true)
    dialogRef.current?.showModal()
  }
  const close = () => dialogRef.current?.close()
  return { dialogRef, openerRef, open, show, close }
}
