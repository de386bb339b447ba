import { describe, expect, it } from 'vitest'
import { SuggestionAuditBursts } from './suggestionAudit.js'

type Entry = { documentId: string | null; actor: number | null; action: string; details?: unknown }
const typed = (text: string, action = 'review.suggestion.extended', actor = 7, suggestionId = 's1'): Entry => ({
  documentId: 'd1',
  actor,
  action,
  details: { suggestionId, quote: '', text },
})

/** A log and a clock the test moves (the quiet timer is left at an hour: only `now` matters here). */
function setup() {
  const log: Entry[] = []
  let clock = 0
  const bursts = new SuggestionAuditBursts(
    (e) => {
      log.push(e)
    },
    3_600_000,
    60_000,
    undefined,
    () => clock,
  )
  return { log, bursts, at: (ms: number) => (clock = ms) }
}

describe('[S10] one audit entry per suggestion per burst', () => {
  it('[S10] a burst longer than the maximum is written when it reaches it; typing on starts the next one', () => {
    const { log, bursts, at } = setup()
    bursts.audit(typed('t', 'review.suggestion.created'))
    at(30_000)
    bursts.audit(typed('tj'))
    expect(log).toEqual([])
    at(60_000)
    bursts.audit(typed('tju'))
    expect(log.map((e) => [e.action, (e.details as { text: string }).text])).toEqual([['review.suggestion.created', 'tju']])
    bursts.audit(typed('tjug'))
    bursts.flush()
    expect(log.map((e) => [e.action, (e.details as { text: string }).text])).toEqual([
      ['review.suggestion.created', 'tju'],
      ['review.suggestion.extended', 'tjug'],
    ])
  })

  it('[S10] other entries pass straight through; a decision comes after the burst it ends; flush(doc) writes only that document', () => {
    const { log, bursts } = setup()
    bursts.audit(typed('a', 'review.suggestion.created'))
    bursts.audit(typed('x', 'review.suggestion.created', 7, 's2'))
    bursts.audit({ documentId: 'd1', actor: 7, action: 'review.thread.created', details: { threadId: 't1' } })
    bursts.audit({ documentId: 'd1', actor: 8, action: 'review.suggestion.accepted', details: { suggestionId: 's1', by: 'rita' } })
    bursts.audit({ ...typed('y', 'review.suggestion.created', 7, 's3'), documentId: 'd2' })
    expect(log.map((e) => e.action)).toEqual(['review.thread.created', 'review.suggestion.created', 'review.suggestion.accepted'])
    bursts.flush('d2')
    expect(log.at(-1)).toMatchObject({ documentId: 'd2', details: { suggestionId: 's3' } })
    bursts.flush()
    expect(log.at(-1)).toMatchObject({ documentId: 'd1', details: { suggestionId: 's2', text: 'x' } })
    expect(log).toHaveLength(5)
  })
})
