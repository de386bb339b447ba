import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { AppNotification } from '@perspektiv/model'
import { api } from '../api.js'
import { formatDateTime } from '../format.js'
import { linkHandler } from '../router.js'
import { EmailSettings } from './EmailSettings.js'
import { events, useEvents } from './events.js'
import '../sharing/sharing.css'

/** Where a notification leads: the document, at the comment thread when it is about one. */
export function notificationHref(n: AppNotification): string {
  if (!n.documentId) return '/'
  const base = `/documents/${encodeURIComponent(n.documentId)}`
  return n.target ? `${base}?kommentar=${encodeURIComponent(n.target)}` : base
}

const unreadText = (n: number) => (n === 0 ? 'inga olästa' : n === 1 ? '1 oläst' : `${n} olästa`)

/**
 * The header's bell: the unread count (pushed live over `/events`), a list of the newest
 * notifications linking into their documents, mark one or all as read. A disclosure, not
 * a modal: Escape closes it and returns focus to the bell.
 */
export function NotificationBell() {
  const [unread, setUnread] = useState(0)
  const [open, setOpen] = useState(false)
  const [items, setItems] = useState<AppNotification[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [settingsOpen, setSettingsOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    events.start()
    return () => events.stop()
  }, [])

  const load = () =>
    api.notifications().then(
      (r) => {
        setItems(r.notifications)
        setUnread(r.unread)
        setError(null)
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    )

  useEvents((m) => {
    if (m.type === 'hello' || m.type === 'read') {
      setUnread(m.unread)
      if (items) void load()
    } else if (m.type === 'notification') {
      setUnread(m.unread)
      setItems((prev) => (prev ? [m.notification, ...prev.filter((n) => n.id !== m.notification.id)] : prev))
      setAnnouncement(`Ny notis: ${m.notification.text}`)
    }
  })

  useEffect(() => {
    if (!open) return
    const onPointer = (e: PointerEvent) => {
      if (!panelRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const toggle = () => {
    if (!open) void load()
    setOpen(!open)
  }
  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      close()
    }
  }
  const markRead = async (ids?: number[]) => {
    try {
      const r = await api.markRead(ids)
      setUnread(r.unread)
      setItems((prev) => prev?.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n)) ?? prev)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <div className="bell" onKeyDown={onKeyDown}>
      <button
        type="button"
        ref={buttonRef}
        className="button button--quiet bell__button"
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={toggle}
      >
        Notiser <span className={`bell__count ${unread > 0 ? 'has-unread' : ''}`}>{unread}</span>
        <span className="visually-hidden">, {unreadText(unread)}</span>
      </button>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div id="notification-panel" ref={panelRef} className="bell__panel" hidden={!open}>
        {open && (
          <section aria-labelledby="notification-title">
            <div className="bell__head">
              <h2 id="notification-title">Notiser</h2>
              <button type="button" className="button" disabled={unread === 0} onClick={() => void markRead()}>
                Markera alla som lästa
              </button>
            </div>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <button type="button" className="button button--quiet" aria-expanded={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)}>
              Inställningar för e-post
            </button>
            {settingsOpen && <EmailSettings />}
            {items === null ? (
              <p className="muted">Läser in…</p>
            ) : items.length === 0 ? (
              <p className="muted">Inga notiser ännu.</p>
            ) : (
              <ul className="bell__list">
                {items.map((n) => (
                  <li key={n.id} className={`bell__item ${n.read ? '' : 'is-unread'}`}>
                    <a
                      href={notificationHref(n)}
                      onClick={(e) => {
                        if (!n.read) void markRead([n.id])
                        setOpen(false)
                        linkHandler(notificationHref(n))(e)
                      }}
                    >
                      {!n.read && <span className="visually-hidden">Oläst: </span>}
                      {n.text}
                    </a>
                    <span className="bell__meta">
                      <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                      {!n.read && (
                        <button type="button" className="button button--quiet" onClick={() => void markRead([n.id])}>
                          Markera som läst<span className="visually-hidden">: {n.text}</span>
                        </button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
    </div>
  )
}
