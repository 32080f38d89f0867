import { fc, test as property } from '../support/property.js';
import { describe, expect } from 'vitest';
import { Deadlines } from '../../src/carriers/deadlines.js';

describe('Deadlines', () => {
  property.prop([fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(Number.NEGATIVE_INFINITY)))])(
    'gives its entries back earliest first, whatever order they went in',
    (times) => {
      const deadlines = new Deadlines<number>();
      for (const [index, at] of times.entries()) deadlines.push({ at, id: String(index), item: index });
      const out: number[] = [];
      for (let entry = deadlines.pop(); entry !== undefined; entry = deadlines.pop()) out.push(entry.at);
      expect(out).toEqual([...times].sort((a, b) => a - b));
      expect(deadlines.size).toBe(0);
    },
  );
});
