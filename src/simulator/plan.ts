import { E164_EXPECTED, isE164 } from '../../machines/input.js';
import type { CallEngine, EngineName } from './engine/engines.js';
import { DEFAULT_PROFILE } from './default-profile.js';
import { seedHash } from './prng.js';
import type { Profile } from './profile.js';
import { generatedNumber } from './simulate-call.js';

/** The calls of a default campaign when neither `calls` nor `numbers` is given. */
export const DEFAULT_CALLS = 10_000;
/** Channels of a default campaign. */
export const DEFAULT_CONCURRENCY = 30;
export const DEFAULT_SEED = 1;

/**
 * What to simulate. Everything is optional: `simulateCampaign({})` runs the default campaign.
 *
 * @example
 * const options: CampaignOptions = { calls: 1000, seed: 'spring-sale', concurrency: 10 };
 */
export interface CampaignOptions {
  /** How many calls, to generated numbers. Ignored when `numbers` is given. @defaultValue 10000 */
  readonly calls?: number;
  /** The numbers to call, in order (E.164, already validated: see `parseNumberList`). */
  readonly numbers?: readonly string[];
  /** Any string or number; the same seed gives the same campaign. @defaultValue 1 */
  readonly seed?: string | number;
  /** @defaultValue DEFAULT_PROFILE */
  readonly profile?: Profile;
  /** Channels: at most this many calls in progress at once. @defaultValue 30 */
  readonly concurrency?: number;
  /** Numbers never to dial (their calls end ERROR/BLACKLISTED). */
  readonly blacklist?: Iterable<string>;
  /** Which engine runs each call. A function only runs in-thread. @defaultValue "fast" */
  readonly engine?: EngineName | CallEngine;
  /** Stops the campaign after the records already produced. */
  readonly signal?: AbortSignal;
}

/** A campaign's options resolved: what every call needs, by index. */
export interface CampaignPlan {
  readonly seed: number;
  readonly seedText: string;
  readonly profile: Profile;
  readonly count: number;
  readonly concurrency: number;
  readonly engine: EngineName | CallEngine;
  readonly numbers: readonly string[] | null;
  readonly blacklist: ReadonlySet<string>;
  readonly signal: AbortSignal | null;
}

function wholeNumber(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name}: expected a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

function checkNumbers(numbers: readonly string[]): readonly string[] {
  const bad = numbers.findIndex((number) => !isE164(number));
  if (bad !== -1)
    throw new RangeError(`numbers[${bad}]: expected ${E164_EXPECTED}, got ${JSON.stringify(numbers[bad])}`);
  return numbers;
}

/**
 * Resolves the options; a value out of range (or a number that is not E.164) throws a RangeError
 * naming the option.
 *
 * @example
 * planCampaign({ calls: 100, seed: 'x' }).count; // → 100
 */
export function planCampaign(options: CampaignOptions): CampaignPlan {
  const seedText = String(options.seed ?? DEFAULT_SEED);
  const numbers = options.numbers === undefined ? null : checkNumbers(options.numbers);
  return {
    seed: seedHash(seedText),
    seedText,
    profile: options.profile ?? DEFAULT_PROFILE,
    count: numbers === null ? wholeNumber(options.calls ?? DEFAULT_CALLS, 'calls', 0, 100_000_000) : numbers.length,
    concurrency: wholeNumber(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency', 1, 1_000_000),
    engine: options.engine ?? 'fast',
    numbers,
    blacklist: new Set(options.blacklist ?? []),
    signal: options.signal ?? null,
  };
}

/** The number call `index` dials. */
export function numberAt(plan: Pick<CampaignPlan, 'numbers' | 'seed'>, index: number): string {
  return plan.numbers === null ? generatedNumber(plan.seed, index) : (plan.numbers[index] as string);
}
