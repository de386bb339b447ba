import { useEffect } from 'react'
import { usePath } from '../router.js'
import { threadElementId } from './commentAnchors.js'

/** The query parameter a notification's link names its comment thread with. */
const PARAM = 'kommentar'

/**
 * Opened from a notification (`?kommentar=<thread id>`): once that thread is there (the
 * review room may sync a moment later), it is scrolled into view and focused, so a screen
 * reader reads it; then the parameter is dropped, so later changes do not move focus again.
 */
export function useLinkedThread(threadIds: readonly string[]): void {
  const path = usePath()
  const wanted = new URLSearchParams(path.split('?')[1] ?? '').get(PARAM)
  const present = wanted !== null && threadIds.includes(wanted)
  useEffect(() => {
    if (!wanted || !present) return
    const element = document.getElementById(threadElementId(wanted))
    if (!element) return
    element.scrollIntoView({ block: 'center' })
    element.focus({ preventScroll: true })
    element.classList.add('thread--linked')
    const url = new URL(window.location.href)
    url.searchParams.delete(PARAM)
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
  }, [wanted, present])
}
