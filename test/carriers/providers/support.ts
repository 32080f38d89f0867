import { expect, it } from 'vitest';
import type { CallbackMapping, Provider } from '../../../src/carriers/providers/types.js';

/** What a test expects of one row: the event types before and after pickup. */
export type Expected = Record<string, { readonly before: readonly string[]; readonly after: readonly string[] }>;

export const same = (...types: string[]) => ({ before: types, after: types });

export function mapped(provider: Provider, payload: unknown): CallbackMapping {
  const result = provider.normalize(payload);
  if (!result.ok) throw new Error(`expected a callback, got the error ${result.error.path}: ${result.error.message}`);
  return result.value;
}

export function typesOf(mapping: CallbackMapping) {
  return {
    before: mapping.beforePickup.map((event) => event.type),
    after: mapping.afterPickup.map((event) => event.type),
  };
}

/**
 * Checks a provider's rows against an independently written table: the same rows, the same events,
 * and a payload carrying each value produces them (`behaviour` overrides rows whose events depend
 * on other fields).
 */
export function checkRows(
  provider: Provider,
  expected: Expected,
  payloadFor: (field: string, value: string) => unknown,
  behaviour: Expected = {},
): void {
  it('has an independently written expectation for every row', () => {
    expect(provider.rows.map((row) => `${row.field}=${row.value}`).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(provider.rows.map((row) => [`${row.field}=${row.value}`, row] as const))(
    'row %s has the expected events',
    (key, row) => {
      expect({ before: row.before, after: row.after }).toEqual(expected[key]);
    },
  );

  it.each(provider.rows.map((row) => [`${row.field}=${row.value}`, row] as const))(
    'a callback with %s produces them',
    (key, row) => {
      const mapping = mapped(provider, payloadFor(row.field, row.value));
      expect(typesOf(mapping)).toEqual(behaviour[key] ?? expected[key]);
    },
  );
}
