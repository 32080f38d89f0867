import { describe, expect, it } from 'vitest';
import { idDigest, ReportedCalls } from '../../src/carriers/reported-calls.js';

describe('ReportedCalls', () => {
  it('remembers every call of a busy hour, past the table growing, and nothing else', () => {
    const reported = new ReportedCalls(60_000);
    const ids = Array.from({ length: 20_000 }, (_, index) => `CA${index.toString(16).padStart(32, '0')}`);
    for (const id of ids) reported.add(idDigest(id), 0);
    expect(ids.every((id) => reported.has(idDigest(id), 0))).toBe(true);
    expect(ids.some((id) => reported.has(idDigest(`${id}x`), 0))).toBe(false);
  });

  it('tells apart digests that share their low 32 bits', () => {
    const reported = new ReportedCalls(60_000);
    for (let high = 1; high <= 3000; high++) reported.add(high * 2 ** 32 + 7, 0);
    expect(reported.has(2 ** 32 + 7, 0)).toBe(true);
    expect(reported.has(3000 * 2 ** 32 + 7, 0)).toBe(true);
    expect(reported.has(3001 * 2 ** 32 + 7, 0)).toBe(false);
    expect(reported.has(7, 0)).toBe(false);
  });

  it('forgets a call after one to two keeps of log time', () => {
    const reported = new ReportedCalls(1000);
    reported.add(42, 0);
    expect(reported.has(42, 1500)).toBe(true);
    expect(reported.has(42, 2500)).toBe(false);
  });

  it('remembers the digest 0 and the largest digest', () => {
    const reported = new ReportedCalls(1000);
    reported.add(0, 0);
    reported.add(2 ** 52 - 1, 0);
    expect(reported.has(0, 0)).toBe(true);
    expect(reported.has(2 ** 52 - 1, 0)).toBe(true);
    expect(reported.has(1, 0)).toBe(false);
  });
});
