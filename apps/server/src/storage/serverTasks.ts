import type { Db } from './db.js'

/** One-time server jobs (the `server_tasks` table): whether each has run, and marking it done. */
export interface ServerTaskTable {
  taskDone(name: string): boolean
  markTaskDone(name: string, details?: unknown): void
}

export class SqliteServerTasks implements ServerTaskTable {
  constructor(private readonly db: Db) {}

  taskDone(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM server_tasks WHERE name = ?').get(name) !== undefined
  }

  markTaskDone(name: string, details?: unknown): void {
    this.db
      .prepare(
        'INSERT INTO server_tasks (name, done_at, details) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET done_at = excluded.done_at, details = excluded.details',
      )
      .run(name, new Date().toISOString(), details === undefined ? null : JSON.stringify(details))
  }
}
