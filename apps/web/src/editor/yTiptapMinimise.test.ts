/**
 * Dev tool, not part of `pnpm test` (skipped unless FUZZ_MINIMISE is set): minimises a failing
 * fuzz seed (yTiptapMinimise) and prints it as a test for yTiptapMovedText.test.ts.
 *   FUZZ_MINIMISE=31:merged [FUZZ_STEPS=2000] npx vitest run apps/web/src/editor/yTiptapMinimise.test.ts --maxWorkers=1
 */
import { describe, expect, it } from 'vitest'
import { minimise } from './yTiptapMinimise.js'

const wanted = process.env.FUZZ_MINIMISE?.match(/^(\d+)(:merged)?$/)

describe.runIf(wanted)('minimising a failing fuzz seed (FUZZ_MINIMISE=<seed>[:merged])', () => {
  it('prints the minimised session', () => {
    const code = minimise(Number(wanted?.[1]), wanted?.[2] !== undefined, Number(process.env.FUZZ_STEPS ?? 2000))
    console.log(code)
    expect(code).toContain('server.settle()')
  }, 3_600_000)
})
