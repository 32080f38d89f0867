import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import type { HostClock } from '../../src/live/host-clock.js';
import { TimerQueue } from '../../src/live/timer-queue.js';

interface ArmedTimer {
  readonly ms: number;
  readonly fire: () => void;
}

/** A host clock whose time the test sets, recording each host timer armed. */
class ManualClock implements HostClock {
  time = 0;
  readonly armed: ArmedTimer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(fire: () => void, ms: number): unknown {
    const timer = { ms, fire };
    this.armed.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.armed.splice(this.armed.indexOf(handle as ArmedTimer), 1);
  }
}

describe('TimerQueue on the host clock', () => {
  it('arms the host timer for the whole ms, so a fractional deadline does not wake the loop early', () => {
    const clock = new ManualClock();
    clock.time = 0.3;
    const queue = new TimerQueue<string>(
      clock,
      () => {},
      () => true,
    );
    queue.push(5, 'a', 0);
    expect(clock.armed.map((timer) => timer.ms)).toEqual([5]);
  });

  it('fires in the same turn what fell due while earlier timers fired', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    // Each timer takes 1 ms of host time to handle.
    const queue = new TimerQueue<string>(
      clock,
      (timer) => {
        fired.push(`${timer.owner}@${clock.time}`);
        clock.time += 1;
      },
      () => true,
    );
    queue.push(1, 'a', 0);
    queue.push(2, 'b', 0);
    queue.push(10, 'c', 0);
    clock.time = 1;
    const [host] = clock.armed.splice(0);
    host?.fire();
    expect(fired).toEqual(['a@1', 'b@2']);
    expect(clock.armed.map((timer) => timer.ms)).toEqual([7]);
  });
});

describe('TimerQueue order', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 })])(
    'fires every timer once, by due time, and in the order set among equal due times',
    (dues) => {
      const clock = new ManualClock();
      const fired: number[] = [];
      const queue = new TimerQueue<number>(
        clock,
        (timer) => fired.push(timer.owner),
        () => true,
      );
      for (const [index, due] of dues.entries()) queue.push(due, index, 0);
      clock.time = 50;
      for (let host = clock.armed.pop(); host !== undefined; host = clock.armed.pop()) host.fire();
      const expected = dues.map((due, index) => ({ due, index })).sort((a, b) => a.due - b.due || a.index - b.index);
      expect(fired).toEqual(expected.map(({ index }) => index));
    },
  );
});
