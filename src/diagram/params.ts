/**
 * Params of a named guard or action, written after its name so that `isAbove` with `{ min: 3 }`
 * and with `{ min: 10 }` do not look alike: `isAbove(min: 3)`. Dynamic params (a function of the
 * context) are `name(…)`: their value exists only at run time.
 */

/** Params are cut to this many characters so that labels stay short. */
const PARAMS_MAX = 40;

function valueText(value: unknown): string {
  if (typeof value === 'function') return '…';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '…';
  }
}

/**
 * `name(key: value, …)` when `params` carries something, else `name`.
 *
 * @example
 * withParams('isAbove', { min: 3 }); // → 'isAbove(min: 3)'
 * withParams('track', () => ({})); // → 'track(…)'
 */
export function withParams(name: string, params: unknown): string {
  if (params === undefined || params === null) return name;
  let text: string;
  if (typeof params === 'function') text = '…';
  else if (typeof params === 'object' && !Array.isArray(params))
    text = Object.entries(params)
      .map(([key, value]) => `${key}: ${valueText(value)}`)
      .join(', ');
  else text = valueText(params);
  if (text === '') return name;
  return `${name}(${text.length > PARAMS_MAX ? `${text.slice(0, PARAMS_MAX - 1)}…` : text})`;
}
