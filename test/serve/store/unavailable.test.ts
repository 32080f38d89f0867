import { describe, expect, it } from 'vitest';
import { storeUnavailable } from '../../../src/serve/store/unavailable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storeUnavailable', () => {
  it('is true for a store out of reach: refused, reset, PostgreSQL class 08 and 57P01–57P03', () => {
    expect(
      [
        withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
        withCode('read ECONNRESET', 'ECONNRESET'),
        withCode('connection failure', '08006'),
        withCode('terminating connection due to administrator command', '57P01'),
        withCode('the database system is starting up', '57P03'),
        new Error('Connection terminated unexpectedly'),
      ].map(storeUnavailable),
    ).toEqual([true, true, true, true, true, true]);
  });

  it('is false for a fault: a constraint, a syntax error, a bug, a non-error', () => {
    expect(
      [
        withCode('duplicate key value violates unique constraint', '23505'),
        withCode('syntax error at or near "SELEC"', '42601'),
        withCode('database is locked', 'SQLITE_BUSY'),
        new TypeError("Cannot read properties of undefined (reading 'x')"),
        'ECONNREFUSED',
      ].map(storeUnavailable),
    ).toEqual([false, false, false, false, false]);
  });
});
