/**
 * A stock y-websocket client for browser tests that prepare a document without the UI: the
 * provider, and writing a section's text as an editor would (one Yjs edit in its first paragraph).
 */
import { createRequire } from 'node:module'
import { expect } from '@playwright/test'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'

const NodeWebSocket = createRequire(import.meta.url)('ws') as typeof globalThis.WebSocket

/** A stock provider on the document's content room, synced. */
export async function stockProvider(baseURL: string, id: string, doc: Y.Doc, token: string): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(baseURL.replace(/^http/, 'ws') + '/sync', id, doc, {
    params: { token },
    WebSocketPolyfill: NodeWebSocket,
    disableBc: true,
  })
  await new Promise<void>((ok) => provider.once('sync', () => ok()))
  return provider
}

/** Puts `text` at the start of the first paragraph of each keyed section. */
export function writeSections(doc: Y.Doc, texts: Record<string, string>): void {
  for (const [key, text] of Object.entries(texts)) {
    const section = doc
      .getXmlFragment('default')
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.getAttribute('key') === key) as Y.XmlElement
    for (const n of section.createTreeWalker((x) => x instanceof Y.XmlElement && x.nodeName === 'paragraph')) {
      ;(n as Y.XmlElement).insert(0, [new Y.XmlText(text)])
      break
    }
  }
}

/** Waits until a second, fresh client gets `text` from the server (it stored what was written). */
export async function serverHas(baseURL: string, id: string, token: string, text: string): Promise<void> {
  const check = new Y.Doc()
  const reader = await stockProvider(baseURL, id, check, token)
  await expect.poll(() => JSON.stringify(check.getXmlFragment('default').toJSON()).includes(text)).toBe(true)
  reader.destroy()
  check.destroy()
}
