// Arbitraries of hostile input for the CLI fuzz suite: random bytes, JSON bent out of shape
// (deep nesting, prototype-named keys, control characters, a BOM, huge and odd numbers), and
// valid documents with one part replaced by something hostile.
import { fc } from '../../support/property.js';
import { expect } from 'vitest';
import type { CliRun } from '../../support/cli.js';

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const HOSTILE_STRINGS = [
  '',
  '\u001b[31mred\u001b[0m',
  'line\nbreak',
  'call-lifecycle: internal error: fake',
  '\r\u0000\u0085\u2028',
  '=cmd|"/C calc"!A0',
  '../../../../etc/passwd',
  '\uFEFF',
  '\uD800',
  'x'.repeat(10_000),
];
const HOSTILE_NUMBERS = [-0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, 1e-300, 86_400_001, 699, 700];

/** A string a user would not type: control characters, escapes, lone surrogates, long runs. */
export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const hostileKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString, fc.string({ maxLength: 10 }));

/** A JSON value of hostile leaves and keys, a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, ...HOSTILE_NUMBERS),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON text nested `depth` levels, of arrays or objects. */
export function nestedJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Puts `hostile` somewhere in `valid`: at a random path, or replacing the whole. */
function spliced(valid: unknown, hostile: unknown, pick: number): unknown {
  if (typeof valid !== 'object' || valid === null || pick % 5 === 0) return hostile;
  const copy: Record<string, unknown> = Array.isArray(valid)
    ? ([...valid] as unknown as Record<string, unknown>)
    : { ...valid };
  const keys = Object.keys(copy);
  if (keys.length === 0) return hostile;
  const key = keys[pick % keys.length] as string;
  copy[key] = spliced(copy[key], hostile, Math.floor(pick / 7));
  return copy;
}

/**
 * Text for an input whose valid form is `valid`: random bytes, hostile JSON, a valid document with
 * a part replaced, a prototype-named key added, deep nesting, or a valid document after a BOM.
 */
export function hostileText(valid: unknown): fc.Arbitrary<string> {
  const text = (value: unknown) => JSON.stringify(value) ?? 'null';
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder().decode(bytes)),
    hostileJson.map(text),
    fc.tuple(hostileJson, fc.nat()).map(([hostile, pick]) => text(spliced(valid, hostile, pick))),
    fc
      .tuple(fc.constantFrom(...PROTOTYPE_KEYS), hostileJson, fc.nat())
      .map(([key, value, pick]) => text(spliced(valid, JSON.parse(`{${JSON.stringify(key)}: ${text(value)}}`), pick))),
    fc
      .tuple(fc.integer({ min: 65, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const))
      .map(([depth, kind]) => nestedJson(depth, kind)),
    fc.constant(`\uFEFF${text(valid)}`),
    fc.string({ maxLength: 200 }).map((junk) => `${text(valid).slice(0, junk.length % 50)}${junk}`),
  );
}

/**
 * What every run of the CLI on bad input must show: a known exit code; on exit 2 exactly one line
 * on stderr and nothing on stdout; never an internal error, a stack trace, or a raw control
 * character on stderr.
 */
export function expectContained(run: CliRun, accepted: readonly number[] = [0, 2]): void {
  expect(accepted).toContain(run.code);
  // The start of a line: an echoed value may itself read "internal error".
  expect(run.stderr).not.toMatch(/(^|\n)call-lifecycle: internal error|\n\s+at \S/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none reach stderr
  expect(run.stderr.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  if (run.code === 2) {
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr.startsWith('call-lifecycle: ')).toBe(true);
  }
}
