import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import type { PublicUser } from '@perspektiv/model'
import { api, ApiError, setUnauthenticatedHandler } from './api.js'
import { linkHandler, matchRoute, navigate, usePath } from './router.js'
import { SignIn } from './pages/SignIn.js'
import { Dashboard } from './pages/Dashboard.js'
import { clearLocalData } from './offline/clearLocal.js'
import { flushUnsent } from './offline/flush.js'
import { SignOutWarning } from './offline/SignOutWarning.js'
import { NotificationBell } from './notifications/NotificationBell.js'
import { endServerSession, finishPendingServerSignOut, forgetServerSignOut, markServerSignOutPending, takeProviderLogoutUrl } from './offline/serverSignOut.js'
import { Tokens } from './pages/Tokens.js'

// The editor (TipTap, Yjs) is most of the code: load it only when a document is opened.
const Editor = lazy(() => import('./pages/Editor.js').then((m) => ({ default: m.Editor })))

type Session =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; user: PublicUser }
  // Editors are unmounted (their sockets and local databases closed) while local copies are deleted.
  | { state: 'signing-out' }
  | { state: 'error'; message: string }

/** Sign-out step: sending unsent edits first, or asking because some could not be sent. */
type SignOutStep = { step: 'idle' } | { step: 'sending' } | { step: 'unsent'; documentIds: string[] }

/** Tells this browser's other tabs that the user signed out, so they leave the documents too. */
const SESSION_CHANNEL = 'perspektiv-session'

export function App() {
  const path = usePath()
  const route = matchRoute(path)
  const [session, setSession] = useState<Session>({ state: 'loading' })
  const [signOutStep, setSignOutStep] = useState<SignOutStep>({ step: 'idle' })

  const loadMe = useCallback(async () => {
    // A sign-out that did not reach the server must not leave the previous user signed in.
    if (!(await finishPendingServerSignOut())) {
      setSession({ state: 'signed-out' })
      return
    }
    api
      .me()
      .then((user) => setSession({ state: 'signed-in', user }))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401) setSession({ state: 'signed-out' })
        else setSession({ state: 'error', message: err instanceof Error ? err.message : String(err) })
      })
  }, [])

  useEffect(() => {
    void loadMe()
    const online = () => void finishPendingServerSignOut()
    window.addEventListener('online', online)
    setUnauthenticatedHandler(() => setSession({ state: 'signed-out' }))
    return () => window.removeEventListener('online', online)
  }, [loadMe])

  // Signed out anywhere → the sign-in page, remembering where the user was going.
  useEffect(() => {
    if (session.state === 'signed-out' && route.page !== 'signin') {
      navigate(`/logga-in?next=${encodeURIComponent(path)}`, { replace: true })
    }
  }, [session.state, route.page, path])

  useEffect(() => {
    document.title =
      route.page === 'signin'
        ? 'Logga in – Perspektiv'
        : route.page === 'dashboard'
          ? 'Mina tjänsteutlåtanden – Perspektiv'
          : route.page === 'tokens'
            ? 'API-nycklar – Perspektiv'
            : 'Perspektiv'
  }, [route.page])

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return
    const channel = new BroadcastChannel(SESSION_CHANNEL)
    channel.onmessage = (event) => {
      if (event.data === 'signed-out') setSession({ state: 'signed-out' })
    }
    return () => channel.close()
  }, [])

  /** Ends the session here and on the server, then deletes this browser's copies of the user's work. */
  const finishSignOut = async () => {
    setSignOutStep({ step: 'idle' })
    setSession({ state: 'signing-out' })
    const ended = await endServerSession()
    await clearLocalData()
    // Signed out here anyway; the server is told as soon as it can be reached.
    if (!ended) markServerSignOutPending()
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(SESSION_CHANNEL)
      channel.postMessage('signed-out')
      channel.close()
    }
    setSession({ state: 'signed-out' })
    // Signed in through the identity provider: sign out there too (it returns to the sign-in page).
    const providerLogout = takeProviderLogoutUrl()
    if (providerLogout) window.location.assign(providerLogout)
  }

  // Local copies are deleted at sign-out, so what they hold is sent first; if it cannot be, the user decides.
  const signOut = async () => {
    setSignOutStep({ step: 'sending' })
    const unsent = await flushUnsent()
    if (unsent.length > 0) setSignOutStep({ step: 'unsent', documentIds: unsent })
    else await finishSignOut()
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Hoppa till huvudinnehållet
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <a className="brand" href="/" onClick={linkHandler('/')}>
            <span className="brand__mark" aria-hidden="true">
              P
            </span>
            Perspektiv
          </a>
          {session.state === 'signed-in' && (
            <nav aria-label="Konto" className="account">
              <NotificationBell />
              <span className="account__name">
                {session.user.name}
                {session.user.title ? <span className="account__title">, {session.user.title}</span> : null}
              </span>
              <a className="button button--quiet" href="/api-nycklar" onClick={linkHandler('/api-nycklar')}>
                API-nycklar
              </a>
              <button type="button" className="button button--quiet" disabled={signOutStep.step !== 'idle'} onClick={() => void signOut()}>
                Logga ut
              </button>
              {signOutStep.step === 'sending' && (
                <span role="status" className="account__title">
                  Skickar ändringar till servern…
                </span>
              )}
            </nav>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className={route.page === 'editor' ? 'main main--wide' : 'main'}>
        {route.page === 'signin' ? (
          <SignIn
            next={route.next}
            failure={route.failure}
            onSignedIn={(user) => {
              forgetServerSignOut()
              setSession({ state: 'signed-in', user })
              navigate(route.next.startsWith('/') && !route.next.startsWith('//') ? route.next : '/', { replace: true })
            }}
          />
        ) : session.state === 'loading' ? (
          <p className="muted" role="status">
            Läser in…
          </p>
        ) : session.state === 'error' ? (
          <div className="notice notice--error" role="alert">
            <p>{session.message}</p>
            <button type="button" className="button" onClick={() => void loadMe()}>
              Försök igen
            </button>
          </div>
        ) : session.state === 'signing-out' ? (
          <p className="muted" role="status">
            Loggar ut…
          </p>
        ) : session.state === 'signed-out' ? null : route.page === 'dashboard' ? (
          <Dashboard />
        ) : route.page === 'tokens' ? (
          <Tokens />
        ) : route.page === 'editor' ? (
          <Suspense
            fallback={
              <p className="muted" role="status">
                Öppnar dokumentet…
              </p>
            }
          >
            <Editor key={route.id} id={route.id} user={session.user} />
          </Suspense>
        ) : (
          <>
            <h1>Sidan finns inte</h1>
            <p>
              <a href="/" onClick={linkHandler('/')}>
                Till mina tjänsteutlåtanden
              </a>
            </p>
          </>
        )}
      </main>
      {signOutStep.step === 'unsent' && (
        <SignOutWarning
          documentCount={signOutStep.documentIds.length}
          onStay={() => setSignOutStep({ step: 'idle' })}
          onSignOutAnyway={() => void finishSignOut()}
        />
      )}
    </>
  )
}
