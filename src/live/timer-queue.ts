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
  private readonly heap: QueuedTimer<T>[] = [];
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
    return this.heap.length;
  }

  push(due: number, owner: T, generation: number): void {
    const heap = this.heap;
    const timer: QueuedTimer<T> = { due, seq: this.seq++, owner, generation };
    // Sift up by moving parents down into the hole, then place the timer once: no swap allocates.
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as QueuedTimer<T>;
      if (!before(timer, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = timer;
    if (due < this.armedFor && !this.draining) this.arm();
  }

  /**
   * Drops the stale entries once they outnumber `current` (the owners' deadlines) well, so the
   * heap stays the size of the live calls and an idle queue leaves no host timer behind.
   */
  compact(current: number): void {
    if (current > 0 ? this.heap.length <= 2 * current + 64 : this.heap.length === 0) return;
    const kept = this.heap.filter(this.isCurrent).sort((a, b) => (before(a, b) ? -1 : 1));
    this.heap.length = 0;
    for (const timer of kept) this.heap.push(timer);
    if (!this.draining) this.arm();
  }

  /** Stops the host timer for good: nothing fires any more (a host process can exit). */
  close(): void {
    this.closed = true;
    this.arm();
  }

  private arm(): void {
    const next = this.heap[0];
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
      for (let next = this.heap[0]; next !== undefined; next = this.heap[0]) {
        // What fell due while earlier timers fired goes now too, not a host timer later.
        if (next.due > now) now = this.clock.now();
        if (next.due > now) break;
        this.pop();
        this.fire(next);
      }
    } finally {
      this.draining = false;
      this.arm();
    }
  }

  /**
   * Removes the earliest timer. Sifts the last one down through a hole, placing it once: a
   * destructuring swap per level (`[a, b] = [b, a]`) allocated an array each, about 200 bytes per
   * fired timer at 10,000 calls, and that garbage is what brought collections into the firing.
   */
  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as QueuedTimer<T>;
    const size = heap.length;
    if (size === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && before(heap[right] as QueuedTimer<T>, heap[left] as QueuedTimer<T>)) child = right;
      const below = heap[child] as QueuedTimer<T>;
      if (!before(below, last)) break;
      heap[i] = below;
      i = child;
    }
    heap[i] = last;
  }
}

function before<T>(a: QueuedTimer<T>, b: QueuedTimer<T>): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
