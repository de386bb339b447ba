import type { ServerTaskTable } from '../serverTasks.js'
import type { Promisified, Queryable } from './queryable.js'

/** One-time server jobs (`server_tasks`) in PostgreSQL. */
export class PgServerTasks implements Promisified<ServerTaskTable> {
  constructor(private readonly db: Queryable) {}

  async taskDone(name: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM server_tasks WHERE name = $1', [name])).rows.length > 0
  }

  async markTaskDone(name: string, details?: unknown): Promise<void> {
    await this.db.query(
      'INSERT INTO server_tasks (name, done_at, details) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET done_at = excluded.done_at, details = excluded.details',
      [name, new Date().toISOString(), details === undefined ? null : JSON.stringify(details)],
    )
  }
}
