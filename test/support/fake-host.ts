import type { HostClock } from '../../src/live/host-clock.js';

interface Task {
  readonly due: number;
  readonly seq: number;
  readonly run: () => void;
}

/**
 * A host clock on fake time with a busy event loop: every task (a timer of the code under test,
 * or an action of the test) runs when its time has come *and* the loop is free, `lag()` ms after
 * it was due at the earliest. Tasks run in due order, ties in the order they were set.
 */
export class FakeHost implements HostClock {
  private time: number;
  private tasks: Task[] = [];
  private seq = 0;

  constructor(
    start = 1_700_000_000_000,
    private readonly lag: () => number = () => 0,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fire: () => void, ms: number): unknown {
    return this.at(this.time + Math.max(0, ms), fire);
  }

  clearTimeout(handle: unknown): void {
    this.tasks = this.tasks.filter((task) => task !== handle);
  }

  /** Schedules a test action at host time `due`; it runs like a timer (late by the loop's lag). */
  at(due: number, run: () => void): Task {
    const task = { due, seq: this.seq++, run };
    this.tasks.push(task);
    this.tasks.sort((a, b) => a.due - b.due || a.seq - b.seq);
    return task;
  }

  /** Runs tasks until none is due by `until` (tasks may add more), then moves the clock there. */
  runUntil(until: number): void {
    for (let task = this.tasks[0]; task !== undefined && task.due <= until; task = this.tasks[0]) {
      this.tasks.shift();
      this.time = Math.max(this.time, task.due + this.lag());
      task.run();
    }
    this.time = Math.max(this.time, until);
  }

  /** The event loop is blocked for `ms`: time passes, nothing runs. */
  block(ms: number): void {
    this.time += ms;
  }

  /** Runs every task, however far in the future (a guard stops a task loop). */
  runAll(limit = 1_000_000): void {
    for (let ran = 0; this.tasks.length > 0; ran++) {
      if (ran >= limit) throw new Error(`still busy after ${limit} tasks`);
      this.runUntil((this.tasks[0] as Task).due);
    }
  }

  get pending(): number {
    return this.tasks.length;
  }
}
