import { useSyncExternalStore, type MouseEvent } from 'react'

/** A tiny history-API router: the app has three pages, no dependency needed. */
const NAVIGATE_EVENT = 'perspektiv:navigate'

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback)
  window.addEventListener(NAVIGATE_EVENT, callback)
  const onPop = () => {
    navigated = true
  }
  window.addEventListener('popstate', onPop)
  return () => {
    window.removeEventListener('popstate', onPop)
    window.removeEventListener('popstate', callback)
    window.removeEventListener(NAVIGATE_EVENT, callback)
  }
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search)
}

let navigated = false

/**
 * True after the first in-app navigation: pages then move focus to their heading (as a page
 * load would), but on a real page load focus stays at the top so the skip link comes first.
 */
export function hasNavigated(): boolean {
  return navigated
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return
  navigated = true
  if (opts.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

/** onClick for <a href>: keeps ctrl/middle-click behaviour, otherwise navigates in-app. */
export function linkHandler(to: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
}

export type Route =
  | { page: 'signin'; next: string; failure?: string }
  | { page: 'dashboard' }
  | { page: 'tokens' }
  | { page: 'editor'; id: string }
  | { page: 'notfound' }

export function matchRoute(path: string): Route {
  const url = new URL(path, 'http://x')
  if (url.pathname === '/logga-in') return { page: 'signin', next: url.searchParams.get('next') ?? '/', failure: url.searchParams.get('fel') ?? undefined }
  if (url.pathname === '/api-nycklar') return { page: 'tokens' }
  if (url.pathname === '/') return { page: 'dashboard' }
  const m = /^\/documents\/([^/]+)\/?$/.exec(url.pathname)
  if (m?.[1]) return { page: 'editor', id: decodeURIComponent(m[1]) }
  return { page: 'notfound' }
}
