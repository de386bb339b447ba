import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { PublicUser } from '@perspektiv/model'
import type { SignInOptions } from '@perspektiv/model'
import { api, ApiError } from '../api.js'

export function SignIn({ next, failure, onSignedIn }: { next: string; failure?: string; onSignedIn: (user: PublicUser) => void }) {
  // Until the server has answered: the local form (the embedded default), no provider button.
  const [options, setOptions] = useState<SignInOptions>({ local: true, oidc: null })
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const errorRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (error) errorRef.current?.focus()
  }, [error])

  useEffect(() => {
    let live = true
    api
      .signInOptions(failure)
      .then((o) => {
        if (!live) return
        setOptions(o)
        if (o.error) setError(o.error)
      })
      .catch(() => {
        // Offline or an old server: the local form stays.
      })
    return () => {
      live = false
    }
  }, [failure])

  const providerHref = options.oidc ? `${options.oidc.loginUrl}?next=${encodeURIComponent(next.startsWith('/') && !next.startsWith('//') ? next : '/')}` : ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!username.trim() || !password) {
      setError('Fyll i både användarnamn och lösenord.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const { user } = await api.signIn(username.trim(), password)
      onSignedIn(user)
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError('Fel användarnamn eller lösenord.')
      else setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="signin">
      <h1>Logga in</h1>
      <p className="lead">Perspektiv – tjänsteutlåtanden som skrivs tillsammans, med alla perspektiv som mallen kräver.</p>
      {error && (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
        </div>
      )}
      {options.oidc && (
        <div className="card form">
          {/* A real navigation: the provider's pages take over, then the callback lands on the dashboard. */}
          <a className="button button--primary" href={providerHref}>
            {options.oidc.label}
          </a>
        </div>
      )}
      {options.local && (
        <>
          {options.oidc && <p className="muted">Eller logga in med ett lokalt konto:</p>}
          <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
            <div className="field">
              <label htmlFor="signin-username">Användarnamn</label>
              <input id="signin-username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor="signin-password">Lösenord</label>
              <input
                id="signin-password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </div>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Loggar in…' : 'Logga in'}
            </button>
          </form>
        </>
      )}
      {!options.local && !options.oidc && <p className="muted">Ingen inloggning är påslagen på den här servern.</p>}
    </div>
  )
}
