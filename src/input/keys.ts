/**
 * Reading objects from outside without trusting their keys: a key named `__proto__`,
 * `constructor` or `toString` is plain data, never a member inherited from `Object.prototype`.
 */

/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The object's own value for `key`, or undefined: `field({}, 'constructor')` is undefined, not
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
