import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { ApiToken } from '@perspektiv/model'
import { api } from '../api.js'
import { formatDateTime } from '../format.js'
import { hasNavigated } from '../router.js'

const EXPIRY_CHOICES = [
  { days: 7, label: '7 dagar' },
  { days: 30, label: '30 dagar' },
  { days: 90, label: '90 dagar' },
  { days: 365, label: 'Ett år' },
]

/**
 * Personal API tokens ("API-nycklar") for scripts: someone who signs in with the city's account
 * has no password to give a script, so they create a named key with an expiry here instead.
 */
export function Tokens() {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [days, setDays] = useState(30)
  const [nameError, setNameError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const createdRef = useRef<HTMLDivElement>(null)
  const ids = useId()

  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus()
  }, [])

  const load = useCallback(
    () =>
      api
        .apiTokens()
        .then(setTokens)
        .catch((err: Error) => setError(err.message)),
    [],
  )

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (created) createdRef.current?.focus()
  }, [created])

  const create = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) {
      setNameError('Ge nyckeln ett namn, t.ex. vad skriptet gör.')
      return
    }
    setNameError(null)
    setBusy(true)
    setError(null)
    try {
      const t = await api.createApiToken(name.trim(), days)
      setCreated({ name: t.name, token: t.token })
      setName('')
      await load()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const revoke = async (token: ApiToken) => {
    setError(null)
    try {
      await api.revokeApiToken(token.id)
      if (created?.name === token.name) setCreated(null)
      await load()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <div className="tokens">
      <h1 tabIndex={-1} ref={headingRef}>
        API-nycklar
      </h1>
      <p className="lead">En API-nyckel låter ett skript använda Perspektiv som du, tills den går ut eller du återkallar den.</p>
      {error && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {created && (
        <div className="notice notice--info" tabIndex={-1} ref={createdRef} role="status">
          <p>Nyckeln ”{created.name}” är skapad. Kopiera den nu – den visas bara en gång.</p>
          <p>
            <code className="token-value">{created.token}</code>
          </p>
        </div>
      )}
      <form className="card form" onSubmit={(e) => void create(e)} noValidate>
        <h2>Ny API-nyckel</h2>
        <div className="field">
          <label htmlFor={`${ids}-name`}>Namn</label>
          <input
            id={`${ids}-name`}
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${ids}-name-error` : undefined}
          />
          {nameError && (
            <p className="field-error" id={`${ids}-name-error`}>
              {nameError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-days`}>Giltig i</label>
          <select id={`${ids}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.days} value={c.days}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          Skapa API-nyckel
        </button>
      </form>
      <h2>Dina API-nycklar</h2>
      {tokens === null && !error ? (
        <p className="muted" role="status">
          Läser in…
        </p>
      ) : tokens && tokens.length === 0 ? (
        <p className="empty">Du har inga API-nycklar.</p>
      ) : tokens ? (
        <table className="doc-table">
          <caption className="visually-hidden">Dina API-nycklar, nyaste först</caption>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Skapad</th>
              <th scope="col">Går ut</th>
              <th scope="col">
                <span className="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{formatDateTime(t.expiresAt)}</td>
                <td>
                  <button type="button" className="button" onClick={() => void revoke(t)} aria-label={`Återkalla ${t.name}`}>
                    Återkalla
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
