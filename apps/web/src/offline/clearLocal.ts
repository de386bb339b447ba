/**
 * What this browser keeps of a signed-in user's work, and its removal at sign-out (issue 22
 * item 8): the next person using the same browser profile must not find draft text.
 */

/** y-indexeddb's database per document (offline copy of its Y.Doc). */
export const LOCAL_DB_PREFIX = 'perspektiv-'
export const localDatabaseName = (documentId: string) => `${LOCAL_DB_PREFIX}${documentId}`
/** localStorage flag: the document has local edits the server may not have yet. */
export const PENDING_PREFIX = 'perspektiv:pending:'
const STORAGE_PREFIX = 'perspektiv:'
/** The service worker's cache of API answers (names, titles, meta); see sw/service-worker.js. */
export const API_CACHE = 'perspektiv-api'

const DELETE_TIMEOUT_MS = 5_000

function deleteDatabase(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve(true)
    request.onerror = () => resolve(false)
    // `blocked`: another connection is open; y-indexeddb (lib0) closes on versionchange,
    // so the deletion goes on by itself. The timeout below keeps sign-out from hanging.
    setTimeout(() => resolve(false), DELETE_TIMEOUT_MS)
  })
}

async function localDatabases(known: string[]): Promise<string[]> {
  const names = new Set(known.map(localDatabaseName))
  try {
    for (const db of await indexedDB.databases()) if (db.name?.startsWith(LOCAL_DB_PREFIX)) names.add(db.name)
  } catch {
    // Browsers without databases(): only the ones we know of.
  }
  return [...names]
}

function clearStorage(): string[] {
  const ids: string[] = []
  try {
    const keys: string[] = []
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (key?.startsWith(STORAGE_PREFIX)) keys.push(key)
    }
    for (const key of keys) {
      if (key.startsWith(PENDING_PREFIX)) ids.push(key.slice(PENDING_PREFIX.length))
      localStorage.removeItem(key)
    }
  } catch {
    // Storage disabled: nothing there.
  }
  return ids
}

/**
 * Deletes every local copy of the user's documents: each `perspektiv-*` IndexedDB database,
 * Perspektiv's localStorage entries and the service worker's API cache. `knownIds` covers
 * browsers without `indexedDB.databases()`. Resolves false if something could not be deleted.
 */
export async function clearLocalData(knownIds: string[] = []): Promise<boolean> {
  const ids = [...knownIds, ...clearStorage()]
  const deleted = await Promise.all((await localDatabases(ids)).map(deleteDatabase))
  let cacheCleared = true
  try {
    if ('caches' in window) await caches.delete(API_CACHE)
  } catch {
    cacheCleared = false
  }
  // The worker also drops it, for pages it controls that were not this one.
  navigator.serviceWorker?.controller?.postMessage('sign-out')
  return cacheCleared && deleted.every(Boolean)
}
