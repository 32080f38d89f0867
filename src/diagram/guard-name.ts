import { withParams } from './params.js';

/**
 * Readable names for XState v5 guards, so diagrams show conditions people can read: a named guard
 * stays its name, `and`/`or`/`not` become `a && b`, `a || b`, `!a`, `stateIn` becomes `in(…)`, and
 * an inline function shows its body (short) rather than an anonymous `guard`.
 */

/** An inline guard's body is cut to this many characters so labels stay on a line or two. */
const INLINE_MAX = 40;

type GuardLike = string | { type?: unknown } | ((...args: never[]) => unknown) | undefined | null;

interface HigherOrderGuard {
  (...args: never[]): unknown;
  readonly guards?: readonly GuardLike[];
  readonly stateValue?: unknown;
  readonly check?: unknown;
}

function inlineName(fn: (...args: never[]) => unknown): string {
  // An arrow written in a config object is named after the property (`guard`): not informative.
  if (fn.name !== '' && fn.name !== 'guard' && fn.name !== 'anonymous') return fn.name;
  const source = Function.prototype.toString.call(fn);
  const arrow = /=>\s*([\s\S]*)$/.exec(source);
  let body = arrow?.[1]?.trim() ?? '';
  if (body.startsWith('{')) {
    const single = /^\{\s*return\s+([\s\S]*?);?\s*\}$/.exec(body);
    body = single?.[1] ?? '';
  }
  body = body.replace(/\s+/g, ' ').trim();
  if (body === '') return 'inline guard';
  return body.length > INLINE_MAX ? `${body.slice(0, INLINE_MAX - 1)}…` : body;
}

function combined(parts: readonly GuardLike[], operator: '&&' | '||', nested: boolean): string {
  const text = parts.map((part) => describe(part, true)).join(` ${operator} `);
  return nested && parts.length > 1 ? `(${text})` : text;
}

function describe(guard: GuardLike, nested: boolean): string {
  if (guard === undefined || guard === null) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const higher = guard as HigherOrderGuard;
    if (higher.check !== undefined && Array.isArray(higher.guards)) {
      if (guard.name === 'not') return `!${describe(higher.guards[0], true)}`;
      if (guard.name === 'and') return combined(higher.guards, '&&', nested);
      if (guard.name === 'or') return combined(higher.guards, '||', nested);
    }
    if (higher.check !== undefined && 'stateValue' in higher) {
      const value = higher.stateValue;
      return `in(${typeof value === 'string' ? value : JSON.stringify(value)})`;
    }
    return inlineName(guard);
  }
  return typeof guard.type === 'string'
    ? withParams(guard.type, (guard as { params?: unknown }).params)
    : 'inline guard';
}

/**
 * The readable name of a transition's guard, or null when it has none.
 *
 * @example
 * guardName('isBlacklisted'); // → 'isBlacklisted'
 * guardName({ type: 'isAbove', params: { min: 3 } }); // → 'isAbove(min: 3)'
 * guardName(and(['a', not('b')])); // → 'a && !b'
 * guardName(({ context }) => context.retries < 3); // → 'context.retries < 3'
 */
export function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  return describe(guard as GuardLike, false);
}
