/** S9: the dashboard list for a user with a role in thousands of documents; ours only (list.ts does the work). */
import { documentList, listRows } from '../list.js'
import { keep, SIZES } from '../options.js'
import { child, log, type BenchScenario } from '../harness.js'

export const s9: BenchScenario = {
  id: 'S9',
  oursOnly: true,
  run: async () => {
    log(`S9: ours (${SIZES.s9.docs} documents, ${SIZES.s9.requests} list requests of each kind)`)
    const r = await documentList(SIZES.s9, (script, arg, timeoutMs) => child(script, arg, {}, timeoutMs), keep).catch((e: Error) => ({
      error: e.message,
    }))
    return {
      id: 'S9',
      title: `dashboard list: GET /api/documents for a user with a role in ${SIZES.s9.docs.toLocaleString('en-US')} documents`,
      results: { ours: r },
      rows: listRows(r),
    }
  },
}
