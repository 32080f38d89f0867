import type { CallRecord } from '../../machines/record.js';

/**
 * The records of calls that end from now on, as an async iterator. Records wait in a buffer while
 * the reader is busy; the iterator finishes once `end()` was called and the buffer is empty.
 */
export class RecordStream implements AsyncIterableIterator<CallRecord> {
  private buffer: CallRecord[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<CallRecord>) => void) | null = null;
  private ended = false;

  constructor(private readonly detach: () => void) {}

  push(record: CallRecord): void {
    const waiting = this.waiting;
    if (waiting === null) this.buffer.push(record);
    else {
      this.waiting = null;
      waiting({ value: record, done: false });
    }
  }

  end(): void {
    this.ended = true;
    this.detach();
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<CallRecord>> {
    const record = this.buffer[this.head];
    if (record !== undefined) {
      // A moving head instead of shift(): shifting a long buffer copies it each time.
      this.head++;
      if (this.head === this.buffer.length) [this.buffer, this.head] = [[], 0];
      return Promise.resolve({ value: record, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** `break` in a `for await` loop lands here: stop listening and drop what was buffered. */
  return(): Promise<IteratorResult<CallRecord>> {
    [this.buffer, this.head] = [[], 0];
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
