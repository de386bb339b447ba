import { api, ApiError } from '../api.js'

/**
 * A sign-out that could not reach the server (offline, "Logga ut ändå") leaves the server
 * session alive, and its HttpOnly cookie in the browser where script cannot delete it: the
 * next person to open the app would be signed in as the previous user. So it is written
 * down, and finished before anything else when the app starts or the network returns.
 */
const PENDING_KEY = 'perspektiv:signout-pending'

let providerLogoutUrl: string | undefined

/** After signing out of a provider session: the provider's logout page (once), to end the session there too. */
export function takeProviderLogoutUrl(): string | undefined {
  const url = providerLogoutUrl
  providerLogoutUrl = undefined
  return url
}

/** Ends the session on the server: true when it has ended (or had already expired). */
export async function endServerSession(): Promise<boolean> {
  try {
    providerLogoutUrl = (await api.signOut())?.logoutUrl
    return true
  } catch (err) {
    return err instanceof ApiError && err.status === 401
  }
}

export function markServerSignOutPending(): void {
  try {
    localStorage.setItem(PENDING_KEY, '1')
  } catch {
    // Storage disabled: nothing more this page can do.
  }
}

/** A new sign-in replaced the cookie: the old session's token is no longer held here. */
export function forgetServerSignOut(): void {
  try {
    localStorage.removeItem(PENDING_KEY)
  } catch {
    // Storage disabled.
  }
}

function pending(): boolean {
  try {
    return localStorage.getItem(PENDING_KEY) === '1'
  } catch {
    return false
  }
}

/** Finishes a sign-out left over from earlier. False while it still cannot reach the server. */
export async function finishPendingServerSignOut(): Promise<boolean> {
  if (!pending()) return true
  if (!(await endServerSession())) return false
  forgetServerSignOut()
  return true
}
