import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/simulator/node/progress.js';

describe('ProgressBar', () => {
  it('draws on a terminal and erases itself when done', () => {
    const out: string[] = [];
    const bar = new ProgressBar((text) => out.push(text), true, 1_000);
    bar.update(1_000);
    expect(out.join('')).toBe('\r  simulating [##############################] 100%  1,000 / 1,000 calls');
    bar.done();
    expect(out.join('').endsWith('\r\x1b[2K')).toBe(true);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const out: string[] = [];
    const bar = new ProgressBar((text) => out.push(text), false, 1_000);
    bar.update(500);
    bar.done();
    expect(out).toEqual([]);
  });
});
