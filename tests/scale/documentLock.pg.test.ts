/**
 * The workflow lock across instances (SRV-ST43): two stores on one PostgreSQL, as two
 * server processes have, each with its own pools. A step holding a document's lock on one
 * keeps the other's step of that document waiting until it is done; other documents pass.
 */
import { describe, expect, it } from 'vitest'
import { openPostgresStores } from '@perspektiv/server'
import { missing, useServices } from './services.js'

const services = useServices()

describe.skipIf(missing)('PgDocumentLock', () => {
  it('SRV-ST43: a document’s workflow step on one instance waits for the other instance’s step of it; another document does not wait', async () => {
    const url = services.newDatabase()
    const [one, two] = await Promise.all([openPostgresStores(url), openPostgresStores(url)])
    try {
      const events: string[] = []
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let started!: () => void
      const holding = new Promise<void>((r) => (started = r))
      const first = one.documentLock.run('dok-1', async () => {
        events.push('one start')
        started()
        await held
        events.push('one end')
      })
      await holding
      const second = two.documentLock.run('dok-1', async () => {
        events.push('two start')
      })
      // Another document on the second instance is not held up by dok-1.
      await two.documentLock.run('dok-2', async () => {
        events.push('other')
      })
      // Give the second instance's dok-1 step every chance to start (it must not).
      await new Promise((r) => setTimeout(r, 300))
      expect(events).toEqual(['one start', 'other'])
      release()
      await Promise.all([first, second])
      expect(events).toEqual(['one start', 'other', 'one end', 'two start'])
    } finally {
      await Promise.all([one.close(), two.close()])
    }
  })
})
