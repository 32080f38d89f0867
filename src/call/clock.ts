import type { ActorOptions, AnyActorLogic } from 'xstate';

// XState does not export its Clock interface by name; this is it.
type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

interface Timer {
  readonly id: number;
  readonly due: number;
  readonly fire: () => void;
}

/**
 * A clock for XState that moves only when told, firing each timer at its exact due time, in due
 * order (ties in the order they were set).
 *
 * XState's own `SimulatedClock` jumps straight to the target time and fires every due timer from
 * there, so a timer set by another timer's transition starts late. Calls chain timers (one message
 * ends, the next begins), so this clock steps from deadline to deadline instead.
 *
 * @example
 * const clock = new VirtualClock();
 * const actor = createActor(callMachine, { input, clock }).start();
 * clock.advanceTo(30_000); // every timer due by then has fired, each at its own time
 */
export class VirtualClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;
  private current: number;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const timer = { id: this.nextId++, due: this.current + Math.max(0, timeout), fire: fn };
    // Keep the list sorted by due time, after any timer due at the same time.
    const index = this.timers.findIndex((other) => other.due > timer.due);
    if (index === -1) this.timers.push(timer);
    else this.timers.splice(index, 0, timer);
    return timer.id;
  }

  clearTimeout(id: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  /** When the next timer is due, or null when none is pending. */
  nextDue(): number | null {
    return this.timers[0]?.due ?? null;
  }

  /** Moves to `time`, firing every timer due at or before it, each at its own due time. */
  advanceTo(time: number): void {
    if (time < this.current) throw new Error(`bug: the clock cannot go back from ${this.current} to ${time}`);
    for (let next = this.timers[0]; next !== undefined && next.due <= time; next = this.timers[0]) {
      this.timers.shift();
      this.current = next.due;
      next.fire();
    }
    this.current = time;
  }

  /** Fires timers until none is pending (or `limit` fired, a guard against a timer loop). */
  runUntilIdle(limit = 10_000): void {
    for (let fired = 0; fired < limit; fired++) {
      const due = this.nextDue();
      if (due === null) return;
      this.advanceTo(due);
    }
    throw new Error(`bug: still busy after ${limit} timers`);
  }
}
