import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import './styles/app.css'
import './styles/editor.css'
import './styles/review.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

// The service worker lets the editor open offline; only in the built app (not Vite dev).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // Without it the app still works online; offline reloads just won't open.
  })
  // The first time the worker takes over, this page's API answers went past it: ask again
  // so that an offline reload of this page finds them in the worker's cache.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const paths = ['/api/me', '/api/templates', '/api/documents']
    const doc = /^\/documents\/([^/]+)/.exec(window.location.pathname)
    if (doc?.[1]) paths.push(`/api/documents/${doc[1]}`)
    for (const p of paths) void fetch(p, { credentials: 'same-origin' }).catch(() => {})
  })
}
