/**
 * Shares fsyncs between callers: one runs at a time, and whoever asks while one runs waits for the
 * next, which then covers everything written before it started. Under load that is one fsync per
 * batch of batches, taken off the event loop (libuv's thread pool), while the event loop goes on
 * reading requests and committing the next batch.
 */
export class CoalescedSync {
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;

  constructor(private readonly fsync: () => Promise<void>) {}

  /** Resolves once an fsync that started after this call has finished. */
  sync(): Promise<void> {
    if (this.#running === null) return this.#start();
    // The running fsync may have started before the caller's write: wait for it, then one more.
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = null;
        return this.#running ?? this.#start();
      });
    return this.#next;
  }

  /** Resolves once no fsync is running or waiting. */
  async settled(): Promise<void> {
    while (this.#running !== null || this.#next !== null) await (this.#next ?? this.#running)?.catch(() => undefined);
  }

  #start(): Promise<void> {
    const running = this.fsync().finally(() => {
      if (this.#running === running) this.#running = null;
    });
    this.#running = running;
    return running;
  }
}
