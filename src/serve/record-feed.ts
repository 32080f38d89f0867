import type { CallStore, StoredRecord } from './store/types.js';

const PAGE = 500;

/**
 * Records as they are written, for `/records` readers: each reader pages through the store from
 * its cursor, then waits for the next record. It is woken by this process's writes and, as other
 * processes may share the store, by a poll.
 *
 * @example
 * for await (const record of feed.read(0, { follow: false })) console.log(record.body);
 */
export class RecordFeed {
  private waiters = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly store: CallStore,
    private readonly pollMs = 1_000,
  ) {}

  /** Wakes every waiting reader (a record was written). */
  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Ends every reader (the server is closing). */
  close(): void {
    this.closed = true;
    this.notify();
  }

  async *read(after: number, options: { follow: boolean; signal?: AbortSignal }): AsyncGenerator<StoredRecord> {
    let cursor = after;
    while (options.signal?.aborted !== true && !this.closed) {
      const page = await this.store.records(cursor, PAGE);
      for (const record of page) {
        yield record;
        cursor = record.seq;
      }
      if (page.length === PAGE) continue;
      if (!options.follow) return;
      await this.next(options.signal);
    }
  }

  private next(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      signal?.addEventListener('abort', done);
      this.waiters.add(done);
    });
  }
}
