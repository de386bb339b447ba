/**
 * Issue #12: seeded randomized co-editing sessions with Enter and joins, without a browser
 * (yTiptapFuzz: three clients with y-tiptap's real binding, a relaying server, each client
 * receiving at its own pace). Every seed is a different interleaving; a failing seed replays
 * exactly. They found the cases pinned in yTiptapMovedText.test.ts (minimised by hand or with
 * the measuring mode below).
 */
import { describe, expect, it } from 'vitest'
import { fuzzProblems, fuzzSession } from './yTiptapFuzz.js'

/**
 * Seeds that still tear a token (issue #12, what is left): expected to fail until fixed. Seeds
 * 8 and 10 tore a token before the moves were recorded by id (the patch's provenance record).
 */
const KNOWN_FAILING = new Set<number>()
/**
 * The same with the server's group commit (several clients' updates merged into one). Seed 1
 * tore a token until a join stopped anchoring its copy behind another author's left-behind letter.
 */
const KNOWN_FAILING_MERGED = new Set<number>()

/**
 * Measuring mode, not part of `pnpm test` (a few seconds per 10 seeds):
 *   FUZZ_SEEDS=1-100 [FUZZ_STEPS=2000] npx vitest run apps/web/src/editor/yTiptapFuzz.test.ts
 * runs those seeds relayed and merged, prints the failing ones per mode and fails if any do.
 */
const measured = process.env.FUZZ_SEEDS?.match(/^(\d+)-(\d+)$/)

describe.runIf(measured)('measuring: failing seeds, relayed and merged (FUZZ_SEEDS=from-to)', () => {
  it('every seed passes', () => {
    const [from, to] = [Number(measured?.[1]), Number(measured?.[2])]
    const steps = Number(process.env.FUZZ_STEPS ?? 2000)
    const report: string[] = []
    for (const batch of [false, true]) {
      const failing: number[] = []
      for (let seed = from; seed <= to; seed++) if (fuzzProblems(fuzzSession(seed, { steps, batch })) !== '') failing.push(seed)
      report.push(`${batch ? 'merged' : 'relayed'}: ${failing.length}/${to - from + 1} failing${failing.length > 0 ? `: ${failing.join(' ')}` : ''}`)
    }
    console.log(`seeds ${from}-${to}, ${steps} steps\n${report.join('\n')}`)
    expect(report.filter((line) => line.includes('failing:'))).toEqual([])
  }, 3_600_000)
})

describe.skipIf(measured)('randomized sessions with Enter and joins: every token once and whole, all clients equal', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const test = KNOWN_FAILING.has(seed) ? it.fails : it
    test(`seed ${seed}`, () => {
      expect(fuzzProblems(fuzzSession(seed))).toBe('')
    })
  }

  for (let seed = 1; seed <= 30; seed++) {
    const test = KNOWN_FAILING_MERGED.has(seed) ? it.fails : it
    test(`seed ${seed}, updates merged by the server`, () => {
      expect(fuzzProblems(fuzzSession(seed, { batch: true }))).toBe('')
    })
  }

  it('without Enter and joins (typing, caret moves, deleting only) every seed passes', () => {
    for (let seed = 1; seed <= 10; seed++) {
      expect(fuzzProblems(fuzzSession(seed, { structure: false })), `seed ${seed}`).toBe('')
      expect(fuzzProblems(fuzzSession(seed, { structure: false, batch: true })), `seed ${seed}, merged`).toBe('')
    }
  })
})
