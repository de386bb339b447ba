/**
 * Promise 7 (issue #8), hostile content: pasted HTML with scripts, event handlers and
 * `javascript:` links is stripped by the schema (on screen and in the synced Y.Doc); a
 * `javascript:`/`data:` link written straight into the Y.Doc by a remote client never
 * renders as a live link; meta fields with markup are text in the UI and in every export
 * format; export file names cannot traverse paths; the app's responses carry a strict
 * Content-Security-Policy and the usual security headers, and the app runs under it.
 */
import { createRequire } from 'node:module'
import { expect, request, test, type Page } from '@playwright/test'
import * as Y from 'yjs'
import JSZip from 'jszip'
import { WebsocketProvider } from 'y-websocket'
import { assertValidPdf, readPdf } from '@perspektiv/export/testing'
import { createSharedDocument, openDocument, sectionBody, signedInApi, signedInPage } from './session.js'

const NodeWebSocket = createRequire(import.meta.url)('ws') as typeof WebSocket

/** A stock y-websocket client in Node (a "remote client" that may write anything). */
async function remoteClient(baseURL: string, id: string, token: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(baseURL.replace(/^http/, 'ws') + '/sync', id, doc, {
    params: { token },
    WebSocketPolyfill: NodeWebSocket,
    disableBc: true,
  })
  await expect.poll(() => provider.synced, { timeout: 10_000 }).toBe(true)
  return { doc, provider }
}

/** Anything executable left in the editor: script elements, on* handlers, javascript:/data: URLs. */
function executableInEditor(page: Page) {
  return page.evaluate(() => {
    const found: string[] = []
    for (const root of document.querySelectorAll('.ProseMirror')) {
      for (const el of root.querySelectorAll('*')) {
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName)
        for (const a of el.attributes) {
          if (a.name.startsWith('on') || /^\s*(javascript|data|vbscript):/i.test(a.value)) found.push(`${el.tagName}[${a.name}=${a.value}]`)
        }
      }
    }
    return { found, pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null }
  })
}

const HOSTILE_PASTE =
  '<p>Klistrat stycke <a href="javascript:window.__pwned=1">jslänk</a> <a href=" JaVaScRiPt:window.__pwned=2">jslänk2</a> ' +
  '<img src="x" onerror="window.__pwned=3"><script>window.__pwned=4</script><b onclick="window.__pwned=5">fetstil</b> ' +
  '<a href="https://example.org/" onmouseover="window.__pwned=6">säker länk</a> <a href="data:text/html,<script>alert(1)</script>">datalänk</a></p>' +
  '<iframe src="javascript:window.__pwned=7"></iframe><svg onload="window.__pwned=8"></svg><section data-perspektiv-section data-key="falsk">Falsk sektion</section>'

test('pasted HTML: scripts, handlers and javascript:/data: links are stripped, on screen and in the synced Y.Doc', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Klistra in')
  const anna = await signedInPage(browser, 'anna')
  await openDocument(anna.page, id)
  await sectionBody(anna.page, 'Ärendet').click()
  // The editor has taken the caret into Ärendet (it learns of it asynchronously) before the paste.
  await expect(anna.page.getByRole('region', { name: 'I dokumentet' })).toContainText('i Ärendet')
  await anna.page.evaluate((html) => {
    const data = new DataTransfer()
    data.setData('text/html', html)
    data.setData('text/plain', 'Klistrat stycke')
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, HOSTILE_PASTE)
  const body = sectionBody(anna.page, 'Ärendet')
  await expect(body).toContainText('Klistrat stycke')
  await expect(body).toContainText('fetstil')
  // Safe links stay links: the filter is not just "drop everything".
  await expect(body.locator('a[href="https://example.org/"]')).toHaveCount(1)
  await anna.page.mouse.move(0, 0)
  await body.getByText('fetstil').click()
  expect(await executableInEditor(anna.page)).toEqual({ found: [], pwned: null })
  // The skeleton is unchanged: a pasted <section> does not become a template section.
  await expect(anna.page.locator('[data-key="falsk"]')).toHaveCount(0)

  const { api, token } = await signedInApi(baseURL!)
  const remote = await remoteClient(baseURL!, id, token)
  await expect.poll(() => remote.doc.getXmlFragment('default').toString(), { timeout: 10_000 }).toContain('Klistrat stycke')
  const xml = remote.doc.getXmlFragment('default').toString()
  expect(xml).not.toMatch(/javascript:|data:text|onerror|onclick|onmouseover|onload|<script|<iframe|key="falsk"/i)
  remote.provider.destroy()
  await api.dispose()
  await anna.context.close()
})

test('a javascript: or data: link written straight into the Y.Doc by a remote client never renders as a live link', async ({ browser, baseURL }) => {
  const id = await createSharedDocument(baseURL!, 'Fjärrlänk')
  const { api, token } = await signedInApi(baseURL!)
  const remote = await remoteClient(baseURL!, id, token)
  const section = remote.doc
    .getXmlFragment('default')
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('key') === 'sammanfattning')!
  const paragraph = section.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')!
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  text.insert(0, 'Farlig länk', { link: { href: 'javascript:window.__pwned=11', target: '_self', rel: null, class: null } })
  text.insert(text.length, ' och ')
  text.insert(text.length, 'datalänk', { link: { href: 'data:text/html,<script>window.__pwned=12</script>', target: null, rel: null, class: null } })
  text.insert(text.length, ' och ')
  text.insert(text.length, 'bra länk', { link: { href: 'https://example.org/', target: null, rel: null, class: null } })

  for (const who of ['erik', 'linn']) {
    const { page, context } = await signedInPage(browser, who)
    await openDocument(page, id)
    const body = sectionBody(page, 'Sammanfattning')
    await expect(body).toContainText('Farlig länk och datalänk och bra länk')
    await expect(body.locator('a[href="https://example.org/"]')).toHaveCount(1)
    await body.getByText('Farlig länk').click({ modifiers: ['Control'] })
    await body.getByText('datalänk').click()
    await page.waitForTimeout(200)
    expect(await executableInEditor(page), `${who}'s editor`).toEqual({ found: [], pwned: null })
    await context.close()
  }
  remote.provider.destroy()
  await api.dispose()
})

test('meta fields with markup are text in the UI and in every export format; export names cannot traverse paths', async ({ browser, baseURL }) => {
  const { api, headers } = await signedInApi(baseURL!)
  const title = '<img src=x onerror="window.__pwned=21">Rubrik</h1><script>window.__pwned=22</script>'
  const created = await api.post('/api/documents', {
    headers,
    data: { templateId: 'remissvar', title, meta: { subtitle: '"><svg onload="window.__pwned=23">', namnd: '<b onclick="window.__pwned=24">Nämnd</b>' } },
  })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }

  const anna = await signedInPage(browser, 'anna')
  await openDocument(anna.page, id)
  await expect(anna.page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror=')
  await expect(anna.page.getByLabel('Underrubrik')).toHaveValue('"><svg onload="window.__pwned=23">')
  await anna.page.goto('/')
  await expect(anna.page.getByText('Rubrik</h1><script>', { exact: false }).first()).toBeVisible()
  const injected = await anna.page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    elements: document.querySelectorAll('img[src="x"], svg[onload], [onclick], script:not([src])').length,
  }))
  expect(injected).toEqual({ pwned: null, elements: 0 })
  await anna.context.close()

  const exported = async (format: string) => {
    const res = await api.get(`/api/documents/${id}/export?format=${format}`, { headers })
    expect(res.status(), format).toBe(200)
    return { body: await res.body(), disposition: res.headers()['content-disposition'] ?? '' }
  }
  const html = (await exported('html')).body.toString('utf8')
  expect(html).toContain('&lt;img src=x onerror=')
  expect(html).not.toMatch(/<img src=x|<script>window|<svg onload|<b onclick/)
  const md = (await exported('md')).body.toString('utf8')
  // Every < in meta text is backslash-escaped, so no Markdown renderer makes it a tag.
  expect(md).toContain('Rubrik')
  expect(md).not.toMatch(/(^|[^\\])<(img|script|svg|b )/m)
  // Read in-process (JSZip), so a fresh machine needs no unzip binary.
  const documentXml = (await (await JSZip.loadAsync((await exported('docx')).body)).file('word/document.xml')?.async('string')) ?? ''
  expect(documentXml).toContain('&lt;img src=x onerror=')
  expect(documentXml).not.toMatch(/<img src=x|<script>|<svg onload/)
  // Read with pdf-lib/PDF.js (no poppler); the hostile title must not break the XMP either.
  const pdfBytes = new Uint8Array((await exported('pdf')).body)
  await assertValidPdf(pdfBytes, "the hostile document's PDF")
  const pdfText = (await readPdf(pdfBytes)).pages.map((p) => p.text).join('\n')
  expect(pdfText.replace(/\s+/g, ' ')).toContain('<img src=x onerror=')

  // File names: a title and Dnr built to climb out of the download folder.
  const traversal = await api.post('/api/documents', { headers, data: { templateId: 'remissvar', title: '../../../etc/passwd\\..\\..\\boot.ini\u0000.exe' } })
  const traversalId = ((await traversal.json()) as { id: string }).id
  for (const format of ['docx', 'pdf', 'html', 'md']) {
    const res = await api.get(`/api/documents/${traversalId}/export?format=${format}`, { headers })
    const disposition = res.headers()['content-disposition'] ?? ''
    expect(disposition, format).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"/)
    const names = [/filename="([^"]*)"/.exec(disposition)?.[1] ?? '', decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '')]
    for (const name of names) {
      expect(name, `${format}: ${disposition}`).not.toMatch(/[/\\\u0000]|\.\./)
      expect(name.endsWith(`.${format}`), `${format}: ${name}`).toBe(true)
    }
  }
  await api.dispose()
})

test('a strict Content-Security-Policy and the usual headers on the page, an asset and the API; the app runs under it', async ({ browser, baseURL }) => {
  const api = await request.newContext({ baseURL })
  const page = await api.get('/')
  const html = await page.text()
  const asset = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
  expect(asset, 'the built page loads a script from /assets').toBeTruthy()
  const responses = {
    '/': page,
    [asset!]: await api.get(asset!),
    '/api/health': await api.get('/api/health'),
    '/api/documents (401)': await api.get('/api/documents'),
  }
  for (const [what, res] of Object.entries(responses)) {
    const h = res.headers()
    const csp = h['content-security-policy'] ?? ''
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(name + ' ')) ?? ''
    expect(directive('default-src'), what).toBe("default-src 'self'")
    expect(directive('script-src'), what).toBe("script-src 'self'")
    expect(directive('object-src'), what).toBe("object-src 'none'")
    expect(directive('frame-ancestors'), what).toBe("frame-ancestors 'none'")
    expect(directive('base-uri'), what).toBe("base-uri 'self'")
    expect(directive('form-action'), what).toBe("form-action 'self'")
    expect(csp, what).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/)
    expect(h['x-content-type-options'], what).toBe('nosniff')
    expect(h['x-frame-options'], what).toBe('DENY')
    expect(h['referrer-policy'], what).toBe('no-referrer')
    expect(h['cross-origin-opener-policy'], what).toBe('same-origin')
  }
  await api.dispose()

  // The real app signs in and edits with no policy violation (the policy is not just on paper).
  const id = await createSharedDocument(baseURL!, 'Policy')
  const { page: app, context: appContext } = await signedInPage(browser, 'anna')
  await appContext.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = [])
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  const violations: string[] = []
  app.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
  })
  await openDocument(app, id)
  await sectionBody(app, 'Ärendet').click()
  await app.keyboard.type('Under policyn.')
  await expect(sectionBody(app, 'Ärendet')).toContainText('Under policyn.')
  expect(violations).toEqual([])
  expect(await app.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([])
  await appContext.close()
})
