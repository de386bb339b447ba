/**
 * Helpers for the co-editing specs (issue #12): several signed-in authors in one section,
 * reading each browser's text the way a reader sees it and placing carets the way a user does.
 */
import { createRequire } from 'node:module'
import { expect, request, type Browser, type BrowserContext, type Page } from '@playwright/test'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { DEMO_PASSWORD, openDocument, sectionBody, signedInPage } from './session.js'
import { SyncTrace } from './syncTrace.js'

const require = createRequire(import.meta.url)
const NodeWebSocket = require('ws') as typeof globalThis.WebSocket

export interface Author {
  username: string
  context: BrowserContext
  page: Page
  /** Uncaught errors in the page: every co-editing test ends by asserting there were none. */
  errors: string[]
  /** The content room's sync frames, for explaining a failed randomized session. */
  trace: SyncTrace
}

/** The section every co-editing test writes in (empty in a fresh remissvar). */
export const SECTION = 'Jämställdhetsanalys'
export const SECTION_KEY = 'jamstalldhet'

/**
 * A fresh remissvar created by anna, with erik and alva as authors: three people who may write.
 * (Alva is an approver in the demo organisation; roles are per document, so here she writes.)
 */
export async function createCoeditDocument(baseURL: string, title: string): Promise<{ id: string; token: string }> {
  const api = await request.newContext({ baseURL })
  const signIn = await api.post('/api/session', { data: { username: 'anna', password: DEMO_PASSWORD } })
  expect(signIn.ok()).toBe(true)
  const { token } = (await signIn.json()) as { token: string }
  const headers = { Authorization: `Bearer ${token}` }
  const created = await api.post('/api/documents', { headers, data: { templateId: 'remissvar', title, meta: { dnr: 'EÅV 2026/12' } } })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  for (const username of ['erik', 'alva']) {
    const r = await api.put(`/api/documents/${id}/members`, { headers, data: { username, role: 'author' } })
    expect(r.ok()).toBe(true)
  }
  await api.dispose()
  return { id, token }
}

/** Signs in, opens the document and records page errors. */
export async function openAs(browser: Browser, username: string, id: string): Promise<Author> {
  const { context, page } = await signedInPage(browser, username)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`))
  const trace = new SyncTrace(page, id)
  await openDocument(page, id)
  return { username, context, page, errors, trace }
}

export async function closeAll(authors: Author[]): Promise<void> {
  const errors = authors.flatMap((a) => a.errors)
  for (const a of authors) await a.context.close()
  expect(errors, 'no uncaught error in any browser').toEqual([])
}

/**
 * The section's text blocks as a reader sees them: remote carets and their name labels left
 * out, a hard break as "\n", list items prefixed "• " and sub-headings "### ".
 */
export function blockTexts(page: Page, title = SECTION): Promise<string[]> {
  return sectionBody(page, title).evaluate((body) => {
    const out: string[] = []
    for (const block of body.querySelectorAll('p, h3, h4')) {
      let text = ''
      const walk = (n: Node): void => {
        if (n instanceof HTMLElement && n.classList.contains('collaboration-carets__caret')) return
        if (n.nodeType === Node.TEXT_NODE) text += n.nodeValue ?? ''
        else if (n.nodeName === 'BR') text += (n as HTMLElement).classList.contains('ProseMirror-trailingBreak') ? '' : '\n'
        else n.childNodes.forEach(walk)
      }
      walk(block)
      const prefix = block.nodeName === 'H3' ? '### ' : block.nodeName === 'H4' ? '#### ' : block.parentElement?.nodeName === 'LI' ? '• ' : ''
      out.push(prefix + text)
    }
    return out
  })
}

/** Waits until every browser shows exactly `expected` in the section. */
export async function expectEverywhere(authors: Author[], expected: string[], title = SECTION): Promise<void> {
  for (const a of authors) {
    await expect.poll(() => blockTexts(a.page, title), { message: `${a.username} sees the agreed text` }).toEqual(expected)
  }
}

/**
 * Clicks at a character offset of the block-th text block of the section (block counted as in
 * blockTexts; offset in that block's text, a hard break counting one), as a user clicks
 * between two letters. `'end'` clicks behind the last character.
 */
export async function clickAt(page: Page, block: number, offset: number | 'end', title = SECTION): Promise<void> {
  // A click was lost when a remote update redraws the paragraph before the editor has read the
  // new DOM selection (ProseMirror then restored its previous one; fixed by WEB-E7, tested on
  // its own in coedit.spec.ts): click again until the caret is where it was clicked, so the
  // other tests do not depend on it.
  await expect(async () => {
    await clickOnce(page, block, offset, title)
    const length = (await blockTexts(page, title))[block]?.replace(/^(#+ |• )/, '').length ?? 0
    expect(await caretOffset(page, block, title)).toBe(offset === 'end' ? length : offset)
  }).toPass()
}

/** The caret's character offset in the block-th text block, as the page shows it (-1: not there). */
function caretOffset(page: Page, block: number, title: string): Promise<number> {
  return sectionBody(page, title).evaluate(async (body, blockIndex) => {
    // Let the editor handle the click's selection change first.
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)))
    const el = body.querySelectorAll('p, h3, h4')[blockIndex]
    const sel = getSelection()
    if (!el || !sel?.focusNode || !el.contains(sel.focusNode)) return -1
    let offset = 0
    let found = -1
    const walk = (n: Node): void => {
      if (found >= 0) return
      if (n instanceof HTMLElement && n.classList.contains('collaboration-carets__caret')) return
      if (n === sel.focusNode) {
        if (n.nodeType === Node.TEXT_NODE) found = offset + sel.focusOffset
        else {
          // An element focus: count the text in its children before the focus offset.
          let before = 0
          n.childNodes.forEach((c, i) => {
            if (i < sel.focusOffset && !(c instanceof HTMLElement && c.classList.contains('collaboration-carets__caret'))) {
              before += c.nodeName === 'BR' && !(c as HTMLElement).classList.contains('ProseMirror-trailingBreak') ? 1 : (c.textContent ?? '').length
            }
          })
          found = offset + before
        }
        return
      }
      if (n.nodeType === Node.TEXT_NODE) offset += (n as Text).data.length
      else if (n.nodeName === 'BR' && !(n as HTMLElement).classList.contains('ProseMirror-trailingBreak')) offset += 1
      else n.childNodes.forEach(walk)
    }
    walk(el)
    return found
  }, block)
}

async function clickOnce(page: Page, block: number, offset: number | 'end', title: string): Promise<void> {
  const point = await sectionBody(page, title).evaluate(
    (body, [blockIndex, at]) => {
      const el = body.querySelectorAll('p, h3, h4')[blockIndex as number]
      if (!el) throw new Error(`no text block ${blockIndex}`)
      // Mouse coordinates are the viewport's: bring the block into view first.
      el.scrollIntoView({ block: 'center' })
      const nodes: Text[] = []
      const walk = (n: Node): void => {
        if (n instanceof HTMLElement && n.classList.contains('collaboration-carets__caret')) return
        if (n.nodeType === Node.TEXT_NODE) nodes.push(n as Text)
        else n.childNodes.forEach(walk)
      }
      walk(el)
      const range = document.createRange()
      let left = at === 'end' ? Number.POSITIVE_INFINITY : (at as number)
      let placed = false
      for (const [i, node] of nodes.entries()) {
        const length = node.data.length
        if (left <= length || i === nodes.length - 1) {
          range.setStart(node, Math.min(left, length))
          placed = true
          break
        }
        left -= length
        // A hard break between two text nodes counts as one character.
        if (node.nextSibling?.nodeName === 'BR') left -= 1
      }
      if (!placed) {
        range.selectNodeContents(el)
        range.collapse(true)
      }
      const rect = range.getClientRects()[0]
      return rect ? { x: rect.left, y: rect.top + rect.height / 2 } : null
    },
    [block, offset] as const,
  )
  // An empty block has no text to measure: a plain click into it.
  if (point) await page.mouse.click(point.x, point.y)
  else await sectionBody(page, title).locator('p, h3, h4').nth(block).click()
}

/** The section's text blocks as stored on the server, read by a fresh stock y-websocket client. */
export async function serverBlockTexts(baseURL: string, id: string, token: string, key = SECTION_KEY): Promise<string[]> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(baseURL.replace(/^http/, 'ws') + '/sync', id, doc, {
    params: { token },
    WebSocketPolyfill: NodeWebSocket,
    disableBc: true,
  })
  try {
    await new Promise<void>((ok) => provider.once('sync', () => ok()))
    const section = doc
      .getXmlFragment('default')
      .toArray()
      .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('key') === key)
    if (!section) throw new Error(`no section ${key} on the server`)
    const out: string[] = []
    const text = (el: Y.XmlElement): string =>
      el
        .toArray()
        .map((c) => (c instanceof Y.XmlText ? c.toString() : c instanceof Y.XmlElement && c.nodeName === 'hardBreak' ? '\n' : ''))
        .join('')
    const visit = (el: Y.XmlElement, inList: boolean): void => {
      for (const c of el.toArray()) {
        if (!(c instanceof Y.XmlElement)) continue
        if (c.nodeName === 'paragraph') out.push((inList ? '• ' : '') + text(c))
        else if (c.nodeName === 'heading') out.push(`${'#'.repeat(Number(c.getAttribute('level')))} ${text(c)}`)
        else visit(c, inList || c.nodeName === 'listItem')
      }
    }
    visit(section, false)
    return out
  } finally {
    provider.destroy()
    doc.destroy()
  }
}
