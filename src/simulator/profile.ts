import type { TimerName } from '../../machines/timers.js';
import { parseCallInput, type VoicemailPolicy } from '../../machines/input.js';
import { describeValue, fail, ok, type Result } from '../../machines/result.js';
import { parseDistribution, type Distribution } from './distribution.js';

/** What the carrier answers to the INVITE (the first branch of every dialed call). */
export const CARRIER_OUTCOMES = ['ringing', 'busy', 'rejected', 'unallocated', 'failed', 'noResponse'] as const;
export type CarrierOutcome = (typeof CARRIER_OUTCOMES)[number];

/** What answering-machine detection can say. */
export const AMD_VERDICTS = ['human', 'machine', 'unknown'] as const;
export type AmdVerdict = (typeof AMD_VERDICTS)[number];

/** Probabilities over a fixed set of branches; they add up to 1. */
export type Shares<K extends string> = Readonly<Record<K, number>>;

/**
 * A campaign profile: the campaign's own settings (`call`) and the probabilities and time
 * distributions of each branch a call can take. docs/simulator.md documents every field;
 * `DEFAULT_PROFILE` says where each number comes from.
 *
 * @example
 * const profile = parseProfile({ ring: { answerRate: 0.5 } }); // the default profile, with one change
 */
export interface Profile {
  readonly name: string;
  /** The campaign's settings, the same for every call (a `CallInput` without `to`). */
  readonly call: {
    readonly messages: readonly { readonly id: string; readonly durationMs: number }[];
    readonly amd: boolean;
    readonly voicemail: VoicemailPolicy;
    readonly timeouts: Readonly<Record<TimerName, number>>;
  };
  /** The share of numbers on the platform's do-not-call list: never dialed (ERROR/BLACKLISTED). */
  readonly blacklistShare: number;
  readonly carrier: {
    /** What the carrier answers first. `noResponse`: nothing, until the carrier timeout. */
    readonly outcomes: Shares<CarrierOutcome>;
    /** From dialing to that answer (post-dial delay). */
    readonly responseMs: Distribution;
  };
  readonly ring: {
    /** The share of ringing calls that someone (a person or a voicemail) picks up. */
    readonly answerRate: number;
    /** Of those, the share picked up by a voicemail. */
    readonly machineShare: number;
    /** Ring time before a person picks up. */
    readonly humanAnswerMs: Distribution;
    /** Ring time before a voicemail picks up. */
    readonly machineAnswerMs: Distribution;
  };
  readonly amd: {
    /** From pickup to the detector's verdict; past the AMD timeout there is no verdict. */
    readonly decisionMs: Distribution;
    /** The verdicts when a person picked up (its accuracy for people). */
    readonly human: Shares<AmdVerdict>;
    /** The verdicts when a voicemail picked up. */
    readonly machine: Shares<AmdVerdict>;
  };
  readonly voicemail: {
    /** The share of voicemails that beep; the others leave the platform waiting until the beep timeout. */
    readonly beepRate: number;
    /** From the machine verdict to the beep. */
    readonly beepMs: Distribution;
  };
  /** Recipient hang-up hazard once connected: the half-life of the line (null: never hangs up). */
  readonly hangup: {
    readonly humanHalfLifeMs: number | null;
    readonly machineHalfLifeMs: number | null;
  };
}

type Parser = (value: unknown, path: string) => Result<unknown>;
type Section = Readonly<Record<string, Parser>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const probability: Parser = (value, path) =>
  typeof value === 'number' && value >= 0 && value <= 1
    ? ok(value)
    : fail(path, `expected a probability from 0 to 1, got ${describeValue(value)}`);

const halfLife: Parser = (value, path) =>
  value === null || (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 365 * 86_400_000)
    ? ok(value)
    : fail(path, `expected a half-life in ms (a positive number) or null for never, got ${describeValue(value)}`);

function shares(keys: readonly string[]): Parser {
  return (value, path) => {
    if (!isObject(value))
      return fail(path, `expected probabilities { ${keys.join(', ')} } that add up to 1, got ${describeValue(value)}`);
    const result: Record<string, number> = {};
    for (const key of keys) result[key] = 0;
    for (const [key, share] of Object.entries(value)) {
      if (!keys.includes(key)) return fail(`${path}.${key}`, `unknown branch (accepted: ${keys.join(', ')})`);
      const checked = probability(share, `${path}.${key}`);
      if (!checked.ok) return checked;
      result[key] = share as number;
    }
    const total = Object.values(result).reduce((sum, share) => sum + share, 0);
    if (Math.abs(total - 1) > 1e-6)
      return fail(
        path,
        `expected probabilities that add up to 1, got ${Number(total.toFixed(6))} (missing branches count as 0)`,
      );
    return ok(result);
  };
}

function section(fields: Section): Parser {
  return (value, path) => {
    if (!isObject(value))
      return fail(path, `expected an object with ${Object.keys(fields).join(', ')}, got ${describeValue(value)}`);
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const parse = fields[key];
      if (parse === undefined)
        return fail(`${path}.${key}`, `unknown field (accepted: ${Object.keys(fields).join(', ')})`);
      const parsed = parse(field, `${path}.${key}`);
      if (!parsed.ok) return parsed;
      result[key] = parsed.value;
    }
    const missing = Object.keys(fields).find((key) => !(key in result));
    if (missing !== undefined) return fail(`${path}.${missing}`, 'missing');
    return ok(result);
  };
}

const callSettings: Parser = (value, path) => {
  if (!isObject(value))
    return fail(path, `expected an object with messages, amd, voicemail, timeouts, got ${describeValue(value)}`);
  const extra = Object.keys(value).find((key) => !['messages', 'amd', 'voicemail', 'timeouts'].includes(key));
  if (extra !== undefined)
    return fail(
      `${path}.${extra}`,
      'unknown field (accepted: messages, amd, voicemail, timeouts; the simulator sets to, callId and blacklisted)',
    );
  const parsed = parseCallInput({ ...value, to: '+10000000000' }, path);
  if (!parsed.ok) return parsed;
  const untimed = parsed.value.messages.findIndex((message) => message.durationMs === undefined);
  if (untimed !== -1)
    return fail(`${path}.messages[${untimed}].durationMs`, 'missing: a simulated message needs its duration');
  const { messages, amd, voicemail, timeouts } = parsed.value;
  return ok({ messages, amd, voicemail, timeouts });
};

const PROFILE: Section = {
  name: (value, path) =>
    typeof value === 'string' && value !== '' && value.length <= 80
      ? ok(value)
      : fail(path, `expected a name of 1 to 80 characters, got ${describeValue(value)}`),
  call: callSettings,
  blacklistShare: probability,
  carrier: section({ outcomes: shares(CARRIER_OUTCOMES), responseMs: parseDistribution }),
  ring: section({
    answerRate: probability,
    machineShare: probability,
    humanAnswerMs: parseDistribution,
    machineAnswerMs: parseDistribution,
  }),
  amd: section({ decisionMs: parseDistribution, human: shares(AMD_VERDICTS), machine: shares(AMD_VERDICTS) }),
  voicemail: section({ beepRate: probability, beepMs: parseDistribution }),
  hangup: section({ humanHalfLifeMs: halfLife, machineHalfLifeMs: halfLife }),
};

/** Sections merged field by field with the base profile (the others, and distributions, are replaced whole). */
const MERGED = new Set(['carrier', 'ring', 'amd', 'voicemail', 'hangup', 'call']);

function overlay(base: Profile, input: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    const under = (base as unknown as Record<string, unknown>)[key];
    merged[key] = MERGED.has(key) && isObject(value) && isObject(under) ? { ...under, ...value } : value;
  }
  return merged;
}

/**
 * Validates a profile from a JSON file. Every field is optional: a missing one keeps `base`'s
 * (the default profile). The error names the field, e.g.
 * `profile.ring.answerRate: expected a probability from 0 to 1, got 1.4`.
 *
 * @example
 * parseProfile({ name: 'low answer', ring: { answerRate: 0.3 } }, DEFAULT_PROFILE);
 */
export function parseProfile(input: unknown, base: Profile): Result<Profile> {
  if (!isObject(input))
    return fail('profile', `expected a JSON object (see docs/simulator.md), got ${describeValue(input)}`);
  const unknownKey = Object.keys(input).find((key) => !(key in PROFILE));
  if (unknownKey !== undefined)
    return fail(`profile.${unknownKey}`, `unknown field (accepted: ${Object.keys(PROFILE).join(', ')})`);
  const timeouts = isObject(input.call) ? input.call.timeouts : undefined;
  const merged = overlay(base, input);
  if (isObject(merged.call) && isObject(timeouts))
    merged.call = { ...merged.call, timeouts: { ...base.call.timeouts, ...timeouts } };
  const parsed = section(PROFILE)(merged, 'profile');
  return parsed as Result<Profile>;
}
