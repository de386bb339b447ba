import { expect, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'demo'
export const AUTHOR_NAMES = { anna: 'Anna Andersson', erik: 'Erik Ek', linn: 'Linn Lind' } as const

/** The sections of the remissvar template, in order (the demo and test documents use it). */
export const REMISSVAR_TITLES = [
  'Förvaltningens förslag till beslut',
  'Sammanfattning',
  'Bakgrund',
  'Ärendet',
  'Ärendets beredning',
  'Förvaltningens synpunkter och förslag',
  'Jämställdhetsanalys',
  'Barnrättsperspektiv',
  'Tillgänglighet',
  'Äldreperspektiv',
  'Klimat och miljö',
  'Avslutande mening',
  'Bilagor',
]

export interface ApiSession {
  api: APIRequestContext
  token: string
  headers: Record<string, string>
}
export type MemberRole = 'author' | 'reviewer' | 'approver' | 'reader'

/** The REST API signed in as `username` (bearer token), for preparing and reading documents without the UI. */
export async function signedInApi(baseURL: string, username = 'anna', password = DEMO_PASSWORD): Promise<ApiSession> {
  const api = await request.newContext({ baseURL })
  const signIn = await api.post('/api/session', { data: { username, password } })
  expect(signIn.ok()).toBe(true)
  const { token } = (await signIn.json()) as { token: string }
  return { api, token, headers: { Authorization: `Bearer ${token}` } }
}

/** Creates a remissvar as the session's user (with `meta` when given) and gives each member its role; its id. */
export async function createDocument(
  s: ApiSession,
  title: string,
  meta?: Record<string, unknown>,
  members: ReadonlyArray<readonly [string, MemberRole]> = [],
): Promise<string> {
  const created = await s.api.post('/api/documents', { headers: s.headers, data: { templateId: 'remissvar', title, ...(meta ? { meta } : {}) } })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  for (const [username, role] of members) {
    expect((await s.api.put(`/api/documents/${id}/members`, { headers: s.headers, data: { username, role } })).ok()).toBe(true)
  }
  return id
}

/** Creates a fresh remissvar as anna (API, bearer token) with erik as author and linn as reader. */
export async function createSharedDocument(baseURL: string, title: string): Promise<string> {
  const s = await signedInApi(baseURL)
  const id = await createDocument(s, title, { dnr: 'EÅV 2026/1' }, [
    ['erik', 'author'],
    ['linn', 'reader'],
  ])
  await s.api.dispose()
  return id
}

/** The server's own rendering of its stored state (the Markdown export), read by another member. */
export async function storedMarkdown(baseURL: string, id: string, username = 'linn'): Promise<string> {
  const s = await signedInApi(baseURL, username)
  const res = await s.api.get(`/api/documents/${id}/export?format=md`, { headers: s.headers })
  expect(res.status()).toBe(200)
  const text = await res.text()
  await s.api.dispose()
  return text
}

/** A browser context signed in through the sign-in page. */
export async function signedInPage(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible()
  await page.getByLabel('Användarnamn').fill(username)
  await page.getByLabel('Lösenord').fill(password)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page.getByRole('heading', { name: 'Mina tjänsteutlåtanden' })).toBeVisible()
  return { context, page }
}

/** Opens a document and waits until the editor shows its sections and is connected. */
export async function openDocument(page: Page, id: string): Promise<void> {
  await page.goto(`/documents/${id}`)
  await expect(page.getByRole('status').filter({ hasText: 'Ansluten' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Jämställdhetsanalys' })).toBeVisible()
}

/** The editable body of a section. */
export function sectionBody(page: Page, title: string) {
  return page.getByRole('region', { name: title, exact: true }).locator('.doc-section__body')
}

export function coverageItem(page: Page, title: string) {
  return page.getByRole('complementary', { name: 'Perspektiv' }).getByRole('listitem').filter({ hasText: title })
}

/** A returning user: the service worker controls the page, so a reload works without a network. */
export async function waitForOfflineCache(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }))
    }
  })
}

/**
 * A header the remissvar template accepts as ready (issue 13: title, current-form Dnr, nämnd,
 * meeting date, förvaltning, handläggare name and phone, date, a signatory with name and title).
 */
export function readyHeader(dnr: string) {
  return {
    dnr,
    namnd: 'Enskede-Årsta-Vantörs stadsdelsnämnd',
    meetingDate: '2026-03-19',
    forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning',
    handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
    date: '2026-03-01',
    signatories: [{ name: 'Stefan Strand', title: 'Stadsdelsdirektör', forvaltning: '' }],
  }
}

/** The header's notification bell. */
export const bell = (page: Page) => page.getByRole('navigation', { name: 'Konto' }).getByRole('button', { name: /^Notiser/ })
/** What the bell says for `n` unread (other tests on the same server may have left some). */
export const unread = (n: number) => (n === 0 ? /inga olästa/ : n === 1 ? /, 1 oläst$/ : new RegExp(`, ${n} olästa$`))
export async function unreadNow(page: Page): Promise<number> {
  // The bell says "inga olästa" until its first GET /api/notifications has answered: wait for
  // the page's requests to settle, or a count of 0 is read before the real one arrives.
  await page.waitForLoadState('networkidle')
  await expect(bell(page)).toContainText(/oläst/)
  const text = (await bell(page).textContent()) ?? ''
  return /inga olästa/.test(text) ? 0 : Number(/(\d+) oläst/.exec(text)![1])
}

/** Selects `text` inside a section of the page, as a mouse drag would. */
export async function selectText(page: Page, sectionTitle: string, text: string): Promise<void> {
  await placeSelection(page, sectionTitle, text, false)
}

/** Puts the caret right after `text` in a section, as a click there would, once the editor has it. */
export async function caretAfter(page: Page, sectionTitle: string, text: string): Promise<void> {
  await placeSelection(page, sectionTitle, text, true)
}

async function placeSelection(page: Page, sectionTitle: string, text: string, collapse: boolean): Promise<void> {
  // Polled: right after a remote or suggested edit the editor may still be re-rendering the
  // paragraph (decorations split its text nodes for a moment), as a user would wait and look.
  // And polled until the *editor* has the selection, not only the DOM: a range set by script
  // reaches ProseMirror on the next selectionchange, and a remote edit redrawn before that
  // writes the editor's old selection back into the DOM, so the next key would act there
  // (the flaky suggestions.spec: Backspace took back a letter of the suggestion just typed
  // instead of deleting the selected words). A user's mouse selection is read on mouseup.
  await expect
    .poll(
      () =>
        sectionBody(page, sectionTitle).evaluate(
          (root, { wanted, collapse }) => {
            type State = { selection: { from: number; to: number }; doc: { textBetween(from: number, to: number): string } }
            const editor = (root.closest('.ProseMirror') as (HTMLElement & { editor?: { state: State } }) | null)?.editor
            const has = (state: State) => {
              const { from, to } = state.selection
              if (collapse) return from === to && from >= wanted.length && state.doc.textBetween(from - wanted.length, from) === wanted
              return state.doc.textBetween(from, to) === wanted
            }
            if (editor && has(editor.state) && root.contains(window.getSelection()?.anchorNode ?? null)) return true
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              // Suggested insertions are widgets, not text of the document.
              if (n.parentElement?.closest('ins.suggestion-ins')) continue
              const at = n.textContent!.indexOf(wanted)
              if (at < 0) continue
              const range = document.createRange()
              range.setStart(n, collapse ? at + wanted.length : at)
              range.setEnd(n, at + wanted.length)
              const selection = window.getSelection()!
              selection.removeAllRanges()
              selection.addRange(range)
              // Without an editor (a read-only view) the DOM selection is all there is.
              return editor === undefined
            }
            return false
          },
          { wanted: text, collapse },
        ),
      { message: `text to select in ${sectionTitle}: ${text}` },
    )
    .toBe(true)
}
