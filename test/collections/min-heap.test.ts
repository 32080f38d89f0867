import { describe, expect } from 'vitest';
import { MinHeap } from '../../src/collections/min-heap.js';
import { fc, test as property } from '../support/property.js';

// The one heap behind the live timer queue, normalize's grace deadlines and the report's channel
// occupancy. Expected orders are computed by sorting, not by another heap.
const times = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(Number.NEGATIVE_INFINITY)));

/** Pushes `[time, arrival]` pairs, ordered by time then arrival (as the timer queue orders deadlines). */
function heapOf(values: readonly number[]): MinHeap<readonly [number, number]> {
  const heap = new MinHeap<readonly [number, number]>((a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]));
  for (const [arrival, time] of values.entries()) heap.push([time, arrival]);
  return heap;
}

function drain<T>(heap: MinHeap<T>): T[] {
  const out: T[] = [];
  for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item);
  return out;
}

const byTimeThenArrival = (values: readonly number[]) =>
  [...values.entries()].map(([arrival, time]) => [time, arrival] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe('MinHeap', () => {
  property.prop([times])('gives its items back least first, ties in the order its `before` says', (values) => {
    const heap = heapOf(values);
    expect(heap.size).toBe(values.length);
    expect(heap.peek()).toEqual(byTimeThenArrival(values)[0]);
    expect(drain(heap)).toEqual(byTimeThenArrival(values));
    expect(heap.size).toBe(0);
  });

  property.prop([times, fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: 0, max: 3 })])(
    'keeps its order through pops, pushes and retain',
    (first, second, modulus) => {
      const heap = heapOf(first);
      const popped: (readonly [number, number])[] = [];
      for (let i = 0; i < first.length >> 1; i++) popped.push(heap.pop() as readonly [number, number]);
      for (const [index, time] of second.entries()) heap.push([time, first.length + index]);
      const keep = (item: readonly [number, number]) => modulus === 0 || item[1] % (modulus + 1) !== 0;
      heap.retain(keep);
      expect(popped).toEqual(byTimeThenArrival(first).slice(0, popped.length));
      const left = byTimeThenArrival([...first, ...second])
        .filter((item) => !popped.some((out) => out[1] === item[1]))
        .filter(keep);
      expect(drain(heap)).toEqual(left);
    },
  );
});
