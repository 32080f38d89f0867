/**
 * Group commit: writes asked for in the same turn of the event loop run in one transaction, and
 * each caller's promise settles only after that transaction committed and `durable` (an fsync of
 * the log) finished. One fsync then covers a whole batch, or several, which is what lets a durable
 * store acknowledge thousands of callbacks per second (the technique of PostgreSQL's commit_delay
 * and of every write-ahead log).
 */
export class GroupCommit {
  private queue: { run: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private syncing: Promise<void> = Promise.resolve();
  private batches = 0;
  private written = 0;

  /**
   * `commit` runs the batch's writes inside one transaction and returns their results; `durable`
   * resolves once everything committed before it was called is on disk.
   */
  constructor(
    private readonly commit: (writes: readonly (() => unknown)[]) => unknown[],
    private readonly durable: () => Promise<void>,
  ) {}

  /** Queues a write; resolves with its result once its batch is committed. */
  write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      this.idle = new Promise((done) =>
        setImmediate(() => {
          this.flush();
          done();
        }),
      );
    });
  }

  /** Commits what is queued now and waits until it is on disk (used on close). */
  async drain(): Promise<void> {
    await this.idle;
    if (this.queue.length > 0) this.flush();
    await this.syncing;
  }

  /** Batches committed and writes in them, for `/metrics`. */
  stats(): { batches: number; writes: number } {
    return { batches: this.batches, writes: this.written };
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let results: unknown[];
    try {
      results = this.commit(batch.map((item) => item.run));
    } catch (error) {
      // Nothing of the batch is committed: every caller hears it, none is acknowledged.
      for (const item of batch) item.reject(error);
      return;
    }
    this.batches += 1;
    this.written += batch.length;
    // Committed, not yet acknowledged: nobody hears of a write before it is on disk.
    const synced = this.durable().then(
      () => {
        for (const [index, item] of batch.entries()) item.resolve(results[index]);
      },
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
    );
    this.syncing = Promise.all([this.syncing, synced]).then(() => undefined);
  }
}
