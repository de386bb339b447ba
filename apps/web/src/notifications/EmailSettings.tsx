import { useEffect, useId, useState, type FormEvent } from 'react'
import type { NotificationKind } from '@perspektiv/model'
import { api, ApiError } from '../api.js'

/** Swedish names of the notification kinds, as the settings list them. */
const KIND_LABEL: Record<NotificationKind, string> = {
  'review.requested': 'Ett dokument skickas till mig för granskning eller godkännande',
  mention: 'Någon nämner mig i en kommentar',
  'comment.reply': 'Någon svarar i en kommentarstråd jag deltar i',
  'member.added': 'Jag får en roll i ett dokument',
  'verdict.given': 'En granskare bedömer ett perspektiv i mitt dokument',
  'approval.given': 'Mitt dokument får ett godkännande',
  'document.approved': 'Ett dokument jag är med i blir godkänt',
  'document.reopened': 'Ett dokument jag är med i återöppnas',
  'deadline.soon': 'Svarstiden går snart ut',
  'deadline.passed': 'Svarstiden har gått ut',
}

type Settings = { email: string; delivery: boolean; kinds: Record<NotificationKind, boolean> }

/** "E-post": my address and which notifications are also mailed (the server stores them). */
export function EmailSettings() {
  const id = useId()
  const [settings, setSettings] = useState<Settings | null>(null)
  const [email, setEmail] = useState('')
  const [kinds, setKinds] = useState<Partial<Record<NotificationKind, boolean>>>({})
  const [message, setMessage] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api.notificationSettings().then(
      (s) => {
        setSettings(s)
        setEmail(s.email)
        setKinds(s.kinds)
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    )
  }, [])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setMessage('')
    try {
      const s = await api.saveNotificationSettings({ email: email.trim(), kinds })
      setSettings(s)
      setMessage('Inställningarna är sparade.')
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 400
          ? 'Ange en giltig e-postadress, eller lämna fältet tomt.'
          : err instanceof Error
            ? err.message
            : String(err),
      )
    }
  }

  if (!settings) return error ? <p className="field-error">{error}</p> : <p className="muted">Läser in…</p>
  return (
    <form className="email-settings" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-h`} noValidate>
      <h3 id={`${id}-h`}>E-post</h3>
      {!settings.delivery && <p className="hint">Servern skickar ingen e-post just nu; notiserna visas bara här.</p>}
      <div className="field">
        <label htmlFor={`${id}-email`}>Min e-postadress</label>
        <input id={`${id}-email`} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <fieldset>
        <legend>Skicka e-post när</legend>
        {(Object.keys(KIND_LABEL) as NotificationKind[])
          .filter((k) => !k.startsWith('deadline.'))
          .map((k) => (
            <div key={k} className="checkbox">
              <input id={`${id}-${k}`} type="checkbox" checked={kinds[k] ?? false} onChange={(e) => setKinds({ ...kinds, [k]: e.target.checked })} />
              <label htmlFor={`${id}-${k}`}>{KIND_LABEL[k]}</label>
            </div>
          ))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="hint">
        {message}
      </p>
      <button type="submit" className="button">
        Spara e-postinställningar
      </button>
    </form>
  )
}
