/**
 * A store's answer now (SQLite, synchronous) or later (PostgreSQL, a promise). Callers
 * always `await` it: on SQLite that costs one microtask and keeps behaviour, on PostgreSQL
 * it waits for the query (issue 19).
 */
export type MaybePromise<T> = T | Promise<T>

/**
 * The store interface the server's Services use: the methods of the SQLite store `T`, each
 * answering its value or a promise of it. Both the SQLite stores and their PostgreSQL
 * counterparts (`Promisified<T>`) are assignable to it.
 */
export type Awaitable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => MaybePromise<Awaited<R>> : T[K]
}

/** Is `value` a promise (an asynchronous store answered) rather than the value itself? */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}

/**
 * A write nobody waits for (an audit entry from the sync path): a store that answers later
 * has its failure reported to `failed` instead of becoming an unhandled rejection.
 */
export function inBackground(value: MaybePromise<unknown>, failed: (err: Error) => void): void {
  if (isPromise(value)) value.catch(failed)
}
