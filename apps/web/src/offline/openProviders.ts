import type { WebsocketProvider } from 'y-websocket'

/** A sync provider open in this page, and how to tell whether it holds edits not yet sent. */
export interface OpenProvider {
  provider: WebsocketProvider
  documentId: string
  /** Local edits made while not connected and synced (sent on the next sync). */
  hasUnsent(): boolean
}

const open = new Set<OpenProvider>()

/**
 * Registers a provider for sign-out (which sends what it holds before local copies are
 * deleted). Without `hasUnsent`, edits made while it was not connected and synced count,
 * until it syncs again. Returns the unregister function (call it in destroy()).
 */
export function trackProvider(provider: WebsocketProvider, documentId: string, hasUnsent?: () => boolean): () => void {
  let unsent = false
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider && !(provider.wsconnected && provider.synced)) unsent = true
  }
  const onSync = (synced: boolean) => {
    if (synced) unsent = false
  }
  if (!hasUnsent) {
    provider.doc.on('update', onUpdate)
    provider.on('sync', onSync)
  }
  const entry: OpenProvider = { provider, documentId, hasUnsent: hasUnsent ?? (() => unsent) }
  open.add(entry)
  return () => {
    open.delete(entry)
    provider.doc.off('update', onUpdate)
    provider.off('sync', onSync)
  }
}

export function openProviders(): OpenProvider[] {
  return [...open]
}
