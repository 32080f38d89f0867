/**
 * Reading values from outside without trusting them, for the machine's own input checks and for
 * every reader in src/ (which takes these through src/input/): keys named `__proto__`,
 * `constructor` or `toString` are plain data, nesting is bounded, control characters are shown,
 * never sent. Browser-safe.
 */

/**
 * The deepest nesting of arrays and objects accepted from outside. Every format this project
 * reads is a few levels deep (a provider's callback is the deepest, under ten); the limit leaves
 * room for that and stops the ~4,000 levels that overflow the stack of recursive readers.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a value (parsed JSON, a callback handed to a library function) nests arrays and objects
 * deeper than `limit`. Iterative, so a hostile value cannot overflow the stack here either.
 *
 * @example
 * isTooDeep([[1]], 1); // → true
 */
export function isTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit < 1) return true;
  // A flat object (most callbacks) needs no stack at all.
  let flat = true;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child: unknown = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null) flat = false;
  }
  if (flat) return false;
  // Two parallel stacks, not a pair per object: every callback read goes through here.
  const items: object[] = [value];
  const depths: number[] = [1];
  for (let item = items.pop(); item !== undefined; item = items.pop()) {
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    for (const key in item) {
      if (!Object.hasOwn(item, key)) continue;
      const child: unknown = (item as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) {
        items.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

// C0 and C1 controls, DEL, and the two Unicode line separators JavaScript treats as line ends.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Control characters (ANSI escapes, newlines, carriage returns) written as `\u001b`-style text, so
 * a value echoed in a message or a terminal table shows as itself: it cannot recolour the
 * terminal, forge a log line, or split one line in two.
 *
 * @example
 * escapeControl('id\u001b[31m\nfake'); // → 'id\\u001b[31m\\u000afake'
 */
export function escapeControl(value: string): string {
  return value.replace(CONTROL_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The object's own value for `key`, or undefined: `ownField({}, 'constructor')` is undefined, not
 * `Object`.
 *
 * @example
 * ownField(JSON.parse('{"__proto__": 1}'), '__proto__'); // → 1
 */
export function ownField(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** The first own key of `record` that is not in `accepted`, or undefined. */
export function unknownKey(record: object, accepted: readonly string[]): string | undefined {
  return Object.keys(record).find((key) => !accepted.includes(key));
}

/**
 * An object without a prototype holding `entries`: setting `__proto__` on it is an ordinary key,
 * and no lookup can reach `Object.prototype`.
 *
 * @example
 * const map = plainRecord<number>([['__proto__', 1]]); // map.__proto__ === 1, Object.getPrototypeOf(map) === null
 */
export function plainRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}
