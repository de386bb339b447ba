import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { CHECKPOINT_INTERVAL_MS } from './checkpointer.js'
import { openDatabase } from './db.js'

describe('background checkpoints', () => {
  // CI failed with ENOTEMPTY removing a data folder right after closing its database: the
  // checkpoint thread, still starting, opened (and so created) the database after the folder
  // had been listed for removal.
  it('SRV-ST31: once close() returns, the checkpoint thread has let go and never touches the folder again', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'perspektiv-checkpointer-'))
      try {
        const db = openDatabase(dir)
        db.prepare('CREATE TABLE IF NOT EXISTS t (x)').run()
        db.close()
        for (const file of readdirSync(dir)) rmSync(join(dir, file))
        // Longer than a worker takes to start and than one checkpoint interval.
        await sleep(CHECKPOINT_INTERVAL_MS + 500)
        expect(readdirSync(dir), `round ${round}: files appeared after close`).toEqual([])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  })
})
