// Perspektiv service worker: lets the app open without a network so that local edits
// (kept in IndexedDB by y-indexeddb) survive a reload while offline.
const PRECACHE = __PRECACHE__
const VERSION = __VERSION__
const SHELL_CACHE = `perspektiv-shell-${VERSION}`
const API_CACHE = 'perspektiv-api'

// GET requests the editor needs to open a document offline; network first, cache as fallback.
const CACHED_API = [/^\/api\/me$/, /^\/api\/templates$/, /^\/api\/documents$/, /^\/api\/documents\/[^/]+$/]

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('perspektiv-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('message', (event) => {
  // Signing out removes cached API answers (names, titles) from this browser.
  if (event.data === 'sign-out') event.waitUntil(caches.delete(API_CACHE))
})

async function networkFirst(request, cacheName, fallbackKey) {
  try {
    const response = await fetch(request)
    if (response.ok) {
      const cache = await caches.open(cacheName)
      await cache.put(fallbackKey ?? request, response.clone())
    } else if (response.status === 401 && cacheName === API_CACHE) {
      await caches.delete(API_CACHE)
    }
    return response
  } catch (err) {
    const cached = await caches.match(fallbackKey ?? request)
    if (cached) return cached
    throw err
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    // Every page is the same single-page app.
    event.respondWith(networkFirst(request, SHELL_CACHE, '/'))
    return
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names: a cached copy is always the right one.
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)))
    return
  }
  if (CACHED_API.some((re) => re.test(url.pathname))) {
    event.respondWith(networkFirst(request, API_CACHE))
  }
})
