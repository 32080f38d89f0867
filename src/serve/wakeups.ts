/** setTimeout's longest delay (2^31 - 1 ms); a later wake is re-armed when this one fires. */
const LONGEST_DELAY_MS = 2_147_483_647;

/**
 * One real timer per call: when a call next needs attention (its record is due, or its machine's
 * timer fires). Wall-clock ms; a time already past fires at once.
 */
export class Wakeups {
  private readonly timers = new Map<string, { at: number; handle: ReturnType<typeof setTimeout> }>();
  private cleared = false;

  constructor(
    private readonly now: () => number,
    private readonly fire: (key: string) => void,
  ) {}

  /** Arms the call's wake at `at`, or keeps an earlier one when `earliest`. Null clears it. */
  set(key: string, at: number | null, earliest = false): void {
    const current = this.timers.get(key);
    if (current !== undefined) {
      if (earliest && at !== null && current.at <= at) return;
      clearTimeout(current.handle);
      this.timers.delete(key);
    }
    if (at === null || this.cleared) return;
    const delay = Math.min(LONGEST_DELAY_MS, Math.max(0, at - this.now()));
    const handle = setTimeout(() => {
      this.timers.delete(key);
      if (this.now() < at) this.set(key, at);
      else this.fire(key);
    }, delay);
    // A wake never keeps the process alive by itself (every live call has one, a day away at
    // most): what keeps `serve` running is its server; once that is closed, the process may end.
    if (typeof handle === 'object') handle.unref?.();
    this.timers.set(key, { at, handle });
  }

  /** The keys of the armed wakes. */
  keys(): string[] {
    return [...this.timers.keys()];
  }

  get size(): number {
    return this.timers.size;
  }

  /** Clears every wake, for good: a wake armed later (by work still in flight at a stop) is ignored. */
  clear(): void {
    this.cleared = true;
    for (const { handle } of this.timers.values()) clearTimeout(handle);
    this.timers.clear();
  }
}
