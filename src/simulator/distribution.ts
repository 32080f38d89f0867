import { describeValue, fail, ok, type Result } from '../../machines/result.js';
import type { CallRandom } from './prng.js';

/**
 * A time distribution in a profile, in whole ms. Written in JSON as one of
 * `{ "dist": "fixed", "ms": 800 }`, `{ "dist": "uniform", "minMs": 1000, "maxMs": 4000 }`,
 * `{ "dist": "lognormal", "medianMs": 2500, "sigma": 0.4 }` or `{ "dist": "exponential", "meanMs": 9000 }`.
 *
 * @example
 * const ringTime: Distribution = { dist: 'lognormal', medianMs: 8000, sigma: 0.5 };
 */
export type Distribution =
  | { readonly dist: 'fixed'; readonly ms: number }
  | { readonly dist: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly dist: 'lognormal'; readonly medianMs: number; readonly sigma: number }
  | { readonly dist: 'exponential'; readonly meanMs: number };

/** The longest time a distribution may give: one day, like the machine's timers. */
export const MAX_SAMPLE_MS = 24 * 60 * 60 * 1000;

const FIELDS: Record<Distribution['dist'], readonly string[]> = {
  fixed: ['ms'],
  uniform: ['minMs', 'maxMs'],
  lognormal: ['medianMs', 'sigma'],
  exponential: ['meanMs'],
};
const KINDS = Object.keys(FIELDS) as Distribution['dist'][];
const SHAPE = '{ "dist": "fixed" | "uniform" | "lognormal" | "exponential", ... }';

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_SAMPLE_MS;
}

/** Validates a distribution from a profile; `path` names it in the error. */
export function parseDistribution(value: unknown, path: string): Result<Distribution> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path, `expected a distribution ${SHAPE}, got ${describeValue(value)}`);
  const raw = value as Record<string, unknown>;
  const kind = raw.dist;
  if (typeof kind !== 'string' || !(KINDS as string[]).includes(kind)) {
    return fail(
      `${path}.dist`,
      `expected "fixed", "uniform", "lognormal" or "exponential", got ${describeValue(kind)}`,
    );
  }
  const fields = FIELDS[kind as Distribution['dist']];
  const extra = Object.keys(raw).find((key) => key !== 'dist' && !fields.includes(key));
  if (extra !== undefined)
    return fail(`${path}.${extra}`, `unknown field for a ${kind} distribution (accepted: dist, ${fields.join(', ')})`);
  for (const field of fields) {
    const number = raw[field];
    if (field === 'sigma') {
      if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > 3) {
        return fail(`${path}.sigma`, `expected a spread from 0 to 3, got ${describeValue(number)}`);
      }
    } else if (!isMs(number)) {
      return fail(`${path}.${field}`, `expected ms from 0 to ${MAX_SAMPLE_MS}, got ${describeValue(number)}`);
    }
  }
  if (kind === 'uniform' && (raw.minMs as number) > (raw.maxMs as number)) {
    return fail(`${path}.maxMs`, `expected at least minMs (${raw.minMs as number}), got ${raw.maxMs as number}`);
  }
  return ok(raw as unknown as Distribution);
}

/** A standard normal draw (Box–Muller): two uniform draws, always two, so draw counts stay fixed. */
function normal(random: CallRandom): number {
  const u = 1 - random.next(); // (0, 1]: log is finite
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Draws a duration: whole ms, clamped to [0, MAX_SAMPLE_MS].
 *
 * @example
 * sampleMs({ dist: 'uniform', minMs: 1000, maxMs: 2000 }, random); // → e.g. 1437
 */
export function sampleMs(distribution: Distribution, random: CallRandom): number {
  let ms: number;
  switch (distribution.dist) {
    case 'fixed':
      ms = distribution.ms;
      break;
    case 'uniform':
      ms = distribution.minMs + random.next() * (distribution.maxMs - distribution.minMs);
      break;
    case 'lognormal':
      ms = distribution.medianMs * Math.exp(distribution.sigma * normal(random));
      break;
    case 'exponential':
      ms = -distribution.meanMs * Math.log(1 - random.next());
      break;
  }
  return Math.min(MAX_SAMPLE_MS, Math.max(0, Math.round(ms)));
}
