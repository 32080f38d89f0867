import { MinHeap } from '../collections/min-heap.js';
import type { HostClock } from './host-clock.js';

/** One deadline in the queue: `due` on the host clock, for `owner`'s timer number `generation`. */
export interface QueuedTimer<T> {
  readonly due: number;
  readonly seq: number;
  readonly owner: T;
  readonly generation: number;
}

/**
 * Every live call's pending deadline in one binary min-heap, ordered by due time then by the order
 * they were set, behind a single host timer armed for the earliest. A call that moves on does not
 * search the heap: its old entry stays and is skipped when it comes up (its generation is stale).
 */
export class TimerQueue<T> {
  private readonly heap = new MinHeap<QueuedTimer<T>>(before);
  private seq = 0;
  private handle: unknown = null;
  private armedFor = Number.POSITIVE_INFINITY;
  private closed = false;
  /** While due timers fire, the host timer is armed once at the end, not on every push. */
  private draining = false;

  constructor(
    private readonly clock: HostClock,
    /** Called with each timer that came due, in due order; it may push more. */
    private readonly fire: (timer: QueuedTimer<T>) => void,
    /** Whether an entry is still its owner's deadline (false: the owner moved on or ended). */
    private readonly isCurrent: (timer: QueuedTimer<T>) => boolean,
  ) {}

  get pending(): number {
    return this.heap.size;
  }

  push(due: number, owner: T, generation: number): void {
    this.heap.push({ due, seq: this.seq++, owner, generation });
    if (due < this.armedFor && !this.draining) this.arm();
  }

  /**
   * Drops the stale entries once they outnumber `current` (the owners' deadlines) well, so the
   * heap stays the size of the live calls and an idle queue leaves no host timer behind.
   */
  compact(current: number): void {
    if (current > 0 ? this.heap.size <= 2 * current + 64 : this.heap.size === 0) return;
    this.heap.retain(this.isCurrent);
    if (!this.draining) this.arm();
  }

  /** Stops the host timer for good: nothing fires any more (a host process can exit). */
  close(): void {
    this.closed = true;
    this.arm();
  }

  private arm(): void {
    const next = this.heap.peek();
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
    this.armedFor = Number.POSITIVE_INFINITY;
    if (next === undefined || this.closed) return;
    this.armedFor = next.due;
    // Rounded up: a host timer that fires a fraction of a ms early finds nothing due and costs a
    // second turn of the event loop (Node keeps whole ms).
    this.handle = this.clock.setTimeout(() => this.drain(), Math.max(0, Math.ceil(next.due - this.clock.now())));
  }

  /** Fires everything due by now, in order, including deadlines the fired timers set in the past. */
  private drain(): void {
    this.handle = null;
    this.armedFor = Number.POSITIVE_INFINITY;
    let now = this.clock.now();
    this.draining = true;
    try {
      for (let next = this.heap.peek(); next !== undefined; next = this.heap.peek()) {
        // What fell due while earlier timers fired goes now too, not a host timer later.
        if (next.due > now) now = this.clock.now();
        if (next.due > now) break;
        this.heap.pop();
        this.fire(next);
      }
    } finally {
      this.draining = false;
      this.arm();
    }
  }
}

function before<T>(a: QueuedTimer<T>, b: QueuedTimer<T>): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
