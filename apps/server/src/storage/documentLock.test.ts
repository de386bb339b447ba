import { expect, it } from 'vitest'
import { LocalDocumentLock } from './documentLock.js'

const turn = () => new Promise((r) => setImmediate(r))

it('SRV-ST43: steps of one document run one after another, other documents are not held up, and a failed step releases the lock', async () => {
  const lock = new LocalDocumentLock()
  const events: string[] = []
  const step =
    (name: string, fail = false) =>
    async () => {
      events.push(`${name} start`)
      await turn()
      await turn()
      events.push(`${name} end`)
      if (fail) throw new Error(`${name} failed`)
      return name
    }
  const a = lock.run('d1', step('a', true))
  const b = lock.run('d1', step('b'))
  const other = lock.run('d2', step('other'))
  await expect(a).rejects.toThrow('a failed')
  await expect(b).resolves.toBe('b')
  await expect(other).resolves.toBe('other')
  expect(events.indexOf('b start')).toBeGreaterThan(events.indexOf('a end'))
  expect(events.indexOf('other start')).toBeLessThan(events.indexOf('a end'))
})
