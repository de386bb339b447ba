/**
 * Issue 22.2, in the browser: an author pastes more than one update may carry (2 MB, the
 * content room's per-update quota, SRV-S14). The server refuses it with close code 4413 and
 * stores nothing of it; the author is told why, in Swedish, in the connection status (a
 * polite live region), and the editor does not reconnect in a loop. Nothing typed before
 * is lost: it is on the server, and after doing what the message says (removing what was
 * added last and reloading) the author is connected again with the text intact. axe on the
 * state.
 */
import { expect, request, test } from '@playwright/test'
import { axeViolations } from './axe.js'
import { createSharedDocument, DEMO_PASSWORD, openDocument, sectionBody, signedInPage } from './session.js'

/** What the server stored, as another member's export reads it. */
async function storedMarkdown(baseURL: string, id: string): Promise<string> {
  const api = await request.newContext({ baseURL })
  const { token } = (await (await api.post('/api/session', { data: { username: 'linn', password: DEMO_PASSWORD } })).json()) as { token: string }
  const res = await api.get(`/api/documents/${id}/export?format=md`, { headers: { Authorization: `Bearer ${token}` } })
  expect(res.status()).toBe(200)
  const text = await res.text()
  await api.dispose()
  return text
}

test('SRV-S14: a paste over the per-update quota is refused with a Swedish message, and nothing typed before is lost', async ({ browser, baseURL }) => {
  test.setTimeout(180_000)
  const id = await createSharedDocument(baseURL!, 'För stor ändring')
  const { context, page } = await signedInPage(browser, 'anna')
  let contentSockets = 0
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).pathname === `/sync/${id}`) contentSockets++
  })
  await openDocument(page, id)
  const body = sectionBody(page, 'Sammanfattning')
  await body.click()
  await page.keyboard.type('Text som redan är sparad.')
  await expect.poll(() => storedMarkdown(baseURL!, id), { timeout: 20_000 }).toContain('Text som redan är sparad.')

  // A paste of 2.2 million characters: one update of more than 2 MB.
  // Into the editor, where the caret is (after the typed text).
  await page.evaluate(() => {
    const data = new DataTransfer()
    data.setData('text/plain', ` ${'ö'.repeat(1_100_000)}`)
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  })
  const status = page.getByRole('status').filter({ hasText: 'Frånkopplad' })
  await expect(status).toBeVisible({ timeout: 60_000 })
  await expect(status).toContainText('Ändringen är för stor eller så har du skickat för mycket på kort tid, så servern sparade den inte.')
  await expect(status).toContainText('Det finns en storleksgräns för texten.')
  expect(await axeViolations(page)).toEqual([])
  // Stored: what was typed before; not stored: the paste.
  const stored = await storedMarkdown(baseURL!, id)
  expect(stored).toContain('Text som redan är sparad.')
  expect(stored).not.toContain('öööö')
  // Not reconnecting in a loop: a stock provider would have retried within this long (backoff from 100 ms).
  const socketsBefore = contentSockets
  await page.waitForTimeout(3_000)
  await expect(status).toBeVisible()
  expect(contentSockets).toBe(socketsBefore)

  // What the message says: remove what was added last, reload.
  await page.keyboard.press('Control+z')
  await expect(body).not.toContainText('öööö')
  await expect(body).toContainText('Text som redan är sparad.')
  await page.reload()
  await expect(page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible({ timeout: 30_000 })
  await expect(sectionBody(page, 'Sammanfattning')).toContainText('Text som redan är sparad.')
  await expect(sectionBody(page, 'Sammanfattning')).not.toContainText('öööö')
  expect(await storedMarkdown(baseURL!, id)).toContain('Text som redan är sparad.')
  await context.close()
})
