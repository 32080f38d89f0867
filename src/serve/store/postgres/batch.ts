/**
 * Group commit over a network: items queued while earlier batches are in flight go together into
 * the next transaction, and each caller's promise settles only once that transaction committed
 * (or failed: then every caller of the batch hears it, none is acknowledged). Up to `parallel`
 * batches run at once, so one batch's round trips and fsync overlap the next one's; PostgreSQL
 * merges the concurrent commits' WAL flushes itself.
 */
export class Batcher<I, O> {
  readonly #commit: (items: readonly I[]) => Promise<readonly O[]>;
  readonly #parallel: number;
  readonly #maxBatch: number;
  #queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  #inFlight = 0;
  #idle: (() => void)[] = [];

  constructor(
    commit: (items: readonly I[]) => Promise<readonly O[]>,
    options: { parallel?: number; maxBatch?: number } = {},
  ) {
    this.#commit = commit;
    this.#parallel = options.parallel ?? 2;
    this.#maxBatch = options.maxBatch ?? 500;
  }

  /** Queues an item; resolves with its result once its batch is committed. */
  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      // The first item of a burst waits one turn of the event loop for its siblings.
      if (this.#queue.length === 1) setImmediate(() => this.#pump());
    });
  }

  /** Resolves once nothing is queued or in flight (for close). */
  drain(): Promise<void> {
    if (this.#queue.length === 0 && this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#queue.length > 0 && this.#inFlight < this.#parallel) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#inFlight += 1;
      this.#commit(batch.map((entry) => entry.item))
        .then(
          (results) => {
            for (const [index, entry] of batch.entries()) entry.resolve(results[index] as O);
          },
          (error: unknown) => {
            for (const entry of batch) entry.reject(error);
          },
        )
        .finally(() => {
          this.#inFlight -= 1;
          this.#pump();
          if (this.#queue.length === 0 && this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
        });
    }
  }
}
