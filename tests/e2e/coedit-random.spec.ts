/**
 * Issue #12: a seeded randomized co-editing session. Three authors (three browsers) write in one
 * section at the same time: they move the caret between words, type unique tokens, type and
 * delete junk, press Enter and join paragraphs again (Enter, Backspace). At the end every browser and a fresh stock
 * y-websocket client from the server hold identical text, and every typed token is there exactly
 * once and whole: nothing lost, duplicated, split, and no junk left behind (a Backspace that hit
 * someone else's text would show).
 *
 * The run is counted in steps (a token typed, a caret move, junk typed and deleted, an Enter),
 * not seconds: on a loaded machine a seconds budget starves and the session does next to nothing.
 * `pnpm test` runs 40 steps per author. Longer runs, other seeds:
 *   COEDIT_STEPS=200 COEDIT_SEED=7 pnpm test:e2e e2e/coedit-random.spec.ts
 *   COEDIT_SECONDS=120 pnpm test:e2e e2e/coedit-random.spec.ts   (the long run: at least the
 *     steps, then on until 120 s of editing have passed)
 *   COEDIT_STRUCTURE=0 COEDIT_SEED=3 pnpm test:e2e e2e/coedit-random.spec.ts   (without Enter/joins)
 * Enter and joins are in the mix by default (SPEC WEB-E5): since the y-tiptap patch records
 * moved text by Yjs id (apps/web/README.md) the session with them passed 9 of 9 seeds
 * (12, 1–5, 15–17, 40 steps, 2026-12-03); before, about one run in ten tore a token. Not yet
 * always: in a later run (2026-12-03 13:20 UTC) seeds 1–8 and 12 passed, but seed 2 tore a
 * token in one of three runs ("[c2" and its "]" apart; not analysed yet). Timing decides, so a
 * seed does not replay exactly in browsers; the node session below does.
 * COEDIT_STRUCTURE=0 leaves them out (to tell a structure fault from a caret fault). The same
 * session runs without a browser, far faster and replayable step by step, in
 * apps/web/src/editor/yTiptapFuzz.test.ts; the cases fixed are pinned in yTiptapMovedText.test.ts.
 * On failure the final text is attached to the report ("final text"). To explain a torn token,
 * record the session's sync frames and ask who deleted or moved its letters:
 *   COEDIT_TRACE=/tmp/trace.json COEDIT_SEED=12 pnpm test:e2e e2e/coedit-random.spec.ts
 *   npx tsx tests/e2e/explainTrace.ts /tmp/trace.json 'b0]'
 */
import { writeFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { blockTexts, clickAt, closeAll, createCoeditDocument, expectEverywhere, openAs, SECTION, serverBlockTexts, type Author } from './coedit.js'
import { sectionBody } from './session.js'

/** Steps per author (each a few keystrokes); COEDIT_SECONDS: the long run, by time, on top. */
const STEPS = Number(process.env.COEDIT_STEPS ?? 40)
const SECONDS = Number(process.env.COEDIT_SECONDS ?? 0)
const SEED = Number(process.env.COEDIT_SEED ?? 12)
/** Enter and Enter+Backspace (split and join) in the mix unless COEDIT_STRUCTURE=0. */
const STRUCTURE = process.env.COEDIT_STRUCTURE !== '0'

/** mulberry32: a small seeded PRNG, so a failing session can be replayed with its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Puts the caret right after one of this author's own tokens (chosen by `r`), computed and set
 * in one step in the page: with others typing, a position measured first and clicked later could
 * land inside a token. Only own tokens: two authors typing at the very same place at the same
 * moment may interleave their words (concurrent inserts at one position are ordered by the
 * CRDT), which is not a caret fault. Every other interleaving or loss is.
 */
function moveAfterOwnToken(page: Page, letter: string, r: number): Promise<void> {
  return sectionBody(page, SECTION).evaluate(
    async (body, [letter, r]) => {
      const points: Array<[Node, number]> = []
      const own = new RegExp(`\\[${letter}\\d+\\] `, 'g')
      const walk = (n: Node): void => {
        if (n instanceof HTMLElement && n.classList.contains('collaboration-carets__caret')) return
        if (n.nodeType === Node.TEXT_NODE) {
          for (const m of (n as Text).data.matchAll(own)) points.push([n, m.index + m[0].length])
        } else n.childNodes.forEach(walk)
      }
      walk(body)
      const point = points[Math.floor((r as number) * points.length)]
      if (!point) return
      const editor = body.closest('[contenteditable="true"]') as HTMLElement
      editor.focus({ preventScroll: true })
      getSelection()?.collapse(point[0], point[1])
      // As after a user's click: the editor reads the new selection before the next key.
      return new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)))
    },
    [letter, r] as const,
  )
}

async function session(author: Author, letter: string, random: () => number, until: number, typed: string[]): Promise<void> {
  const { page } = author
  const keys = page.keyboard
  const delay = () => 5 + Math.floor(random() * 25)
  for (let step = 0; step < STEPS || Date.now() < until; step++) {
    const op = random()
    if (op < 0.45) {
      const token = `[${letter}${typed.length}] `
      typed.push(token.trim())
      await keys.type(token, { delay: delay() })
    } else if (op < 0.7) {
      await moveAfterOwnToken(page, letter, random())
    } else if (op < 0.84 || !STRUCTURE) {
      // Junk deleted again at once: only this author's own characters may go. Not '~~': two
      // authors' '~~' in one paragraph make TipTap's strikethrough input rule fire.
      await keys.type('%%', { delay: delay() })
      await keys.press('Backspace')
      await keys.press('Backspace')
    } else if (op < 0.94) {
      await keys.press('Enter')
    } else {
      // Split and join again at once.
      await keys.press('Enter')
      await keys.press('Backspace')
    }
  }
}

/** The running session's authors, for the trace written after it (also when it failed). */
let traced: Author[] = []
test.afterEach(() => {
  if (process.env.COEDIT_TRACE && traced.length > 0)
    writeFileSync(process.env.COEDIT_TRACE, JSON.stringify({ seed: SEED, authors: traced.map((a) => ({ username: a.username, frames: a.trace.frames })) }))
  traced = []
})

const budget = `${STEPS} steps each${SECONDS > 0 ? `, at least ${SECONDS} s` : ''}`
test(`randomized session: three authors, one section, ${budget} (seed ${SEED}${STRUCTURE ? ', with Enter and joins' : ''})`, async ({ browser, baseURL }) => {
  // Generous per step: under load one step can take seconds; the budget is steps, not time.
  test.setTimeout(120_000 + STEPS * 3_000 + SECONDS * 3_000)
  const { id, token } = await createCoeditDocument(baseURL!, `Slumpad samskrivning ${SEED}`)
  const authors: Author[] = []
  traced = authors
  for (const username of ['anna', 'erik', 'alva']) authors.push(await openAs(browser, username, id))
  // Each author starts after a first token of their own, one after the other.
  const letters = ['a', 'b', 'c']
  const typed: string[][] = letters.map((l) => [`[${l}0]`])
  for (const [i, a] of authors.entries()) {
    await clickAt(a.page, 0, 'end')
    await a.page.keyboard.type(`[${letters[i]}0] `)
    await expectEverywhere(authors, [
      letters
        .slice(0, i + 1)
        .map((l) => `[${l}0] `)
        .join(''),
    ])
  }
  const until = Date.now() + SECONDS * 1000
  await Promise.all(authors.map((a, i) => session(a, letters[i]!, rng(SEED * 101 + i), until, typed[i]!)))

  // Converged: every browser shows what the first one settled on, and the server holds the same.
  const final = await settled(authors)
  await expectEverywhere(authors, final)
  await expect.poll(() => serverBlockTexts(baseURL!, id, token)).toEqual(final)

  const all = final.join('\n')
  const found = all.match(/\[[abc]\d+\]/g) ?? []
  const expected = typed.flat()
  test.info().annotations.push({ type: 'session', description: `${expected.length} tokens in ${final.length} paragraphs` })
  await test.info().attach('final text', { body: all, contentType: 'text/plain' })
  for (const [i, t] of typed.entries()) expect(t.length, `${authors[i]!.username} typed tokens`).toBeGreaterThan(1)
  // No junk and no broken token: removing the whole tokens leaves only spaces and line ends.
  expect(all.replace(/\[[abc]\d+\]/g, '').replace(/[ \n]/g, ''), 'text outside whole tokens').toBe('')
  expect([...found].sort(), 'every token exactly once').toEqual([...expected].sort())
  await closeAll(authors)
})

/** Waits until the first browser's text stops changing and returns it. */
async function settled(authors: Author[]): Promise<string[]> {
  let last = ''
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await blockTexts(authors[0]!.page))
        const same = now === last
        last = now
        return same
      },
      { intervals: [500] },
    )
    .toBe(true)
  return JSON.parse(last) as string[]
}
