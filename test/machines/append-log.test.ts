import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { type AppendOnly, appendTo, toArray } from '../../machines/append-log.js';

/** A script of appends: each step appends a value to the version made `back` steps earlier (0: the newest). */
const scriptArb = fc.array(fc.record({ back: fc.nat({ max: 3 }), value: fc.integer() }), { maxLength: 60 });

describe('appendTo', () => {
  test.prop([scriptArb])('every version reads as the array [...parent, value] would, branches included', (script) => {
    const logs: AppendOnly<number>[] = [[]];
    const arrays: number[][] = [[]];
    for (const { back, value } of script) {
      const parent = Math.max(0, logs.length - 1 - back);
      logs.push(appendTo(logs[parent] as AppendOnly<number>, value));
      arrays.push([...(arrays[parent] as number[]), value]);
    }
    logs.forEach((log, index) => {
      const expected = arrays[index] as number[];
      expect(toArray(log)).toEqual(expected);
      expect(log.length).toBe(expected.length);
      expect([...log]).toEqual(expected);
      expect(log.map((item, i) => `${i}:${item}`)).toEqual(expected.map((item, i) => `${i}:${item}`));
      expect(log.at(-1)).toBe(expected.at(-1));
      expect(log.at(0)).toBe(expected.at(0));
      expect(log.slice(1)).toEqual(expected.slice(1));
      expect(JSON.stringify({ log })).toBe(JSON.stringify({ log: expected }));
    });
  });

  it('continues a plain array (a snapshot restored from JSON) without changing it', () => {
    const restored = JSON.parse(JSON.stringify({ list: appendTo(appendTo([], 'a'), 'b') })).list as string[];
    expect(restored).toEqual(['a', 'b']);
    const next = appendTo(restored, 'c');
    expect(toArray(next)).toEqual(['a', 'b', 'c']);
    expect(restored).toEqual(['a', 'b']);
  });

  it('reads past either end as undefined, as arrays do', () => {
    const log = appendTo(appendTo([], 1), 2);
    expect([log.at(2), log.at(-3)]).toEqual([undefined, undefined]);
  });
});
