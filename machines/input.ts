import { TIMER_DEFAULTS, TIMER_NAMES, type TimerName } from './timers.js';
import { describeValue, fail, ok, type Result } from './result.js';

/** One message of the broadcast. Without `durationMs` it plays until a `playback.ended` event. */
export interface MessageSpec {
  readonly id: string;
  readonly durationMs?: number;
}

/** What to do when answering-machine detection says a voicemail picked up. */
export type VoicemailPolicy = 'leave' | 'hangup';

/**
 * The input of one call, as users write it. Everything but `to` and `messages` has a default.
 *
 * @example
 * const input: CallInput = { to: '+33612345678', messages: [{ id: 'promo', durationMs: 12_000 }] };
 */
export interface CallInput {
  /** @defaultValue `"call"` */
  readonly callId?: string;
  /** E.164: `+` then 2 to 15 digits, the first not 0. */
  readonly to: string;
  /** At least one. */
  readonly messages: readonly MessageSpec[];
  /** @defaultValue false */
  readonly blacklisted?: boolean;
  /** Answering-machine detection. @defaultValue true */
  readonly amd?: boolean;
  /** @defaultValue `"leave"` */
  readonly voicemail?: VoicemailPolicy;
  /** Milliseconds; each a positive whole number. Defaults in `TIMER_DEFAULTS`. */
  readonly timeouts?: Partial<Record<TimerName, number>>;
}

/** A validated input with every default filled in: what the machine's context starts from. */
export interface CallConfig {
  readonly callId: string;
  readonly to: string;
  readonly messages: readonly MessageSpec[];
  readonly blacklisted: boolean;
  readonly amd: boolean;
  readonly voicemail: VoicemailPolicy;
  readonly timeouts: Readonly<Record<TimerName, number>>;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const INPUT_KEYS = ['callId', 'to', 'messages', 'blacklisted', 'amd', 'voicemail', 'timeouts'];
const MAX_MS = 24 * 60 * 60 * 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A duration in ms: a positive whole number up to one day. */
export function isDurationMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_MS;
}

const DURATION_RULE = 'a whole number of ms from 1 to 86400000';

function parseMessages(value: unknown, path: string): Result<MessageSpec[]> {
  if (!Array.isArray(value) || value.length === 0) {
    return fail(path, `expected a non-empty array of { id, durationMs? }, got ${describeValue(value)}`);
  }
  const messages: MessageSpec[] = [];
  for (const [index, item] of value.entries()) {
    const at = `${path}[${index}]`;
    if (!isRecord(item)) return fail(at, `expected { id, durationMs? }, got ${describeValue(item)}`);
    if (typeof item.id !== 'string' || item.id === '')
      return fail(`${at}.id`, `expected a non-empty string, got ${describeValue(item.id)}`);
    if (item.durationMs === undefined) {
      messages.push({ id: item.id });
    } else if (isDurationMs(item.durationMs)) {
      messages.push({ id: item.id, durationMs: item.durationMs });
    } else {
      return fail(`${at}.durationMs`, `expected ${DURATION_RULE}, got ${describeValue(item.durationMs)}`);
    }
  }
  return ok(messages);
}

function parseTimeouts(value: unknown, path: string): Result<Record<TimerName, number>> {
  const timeouts: Record<TimerName, number> = { ...TIMER_DEFAULTS };
  if (value === undefined) return ok(timeouts);
  if (!isRecord(value))
    return fail(path, `expected an object with ${TIMER_NAMES.join(', ')}, got ${describeValue(value)}`);
  for (const [key, ms] of Object.entries(value)) {
    if (!(TIMER_NAMES as string[]).includes(key)) {
      return fail(`${path}.${key}`, `unknown timer (accepted: ${TIMER_NAMES.join(', ')})`);
    }
    if (!isDurationMs(ms)) return fail(`${path}.${key}`, `expected ${DURATION_RULE}, got ${describeValue(ms)}`);
    timeouts[key as TimerName] = ms;
  }
  return ok(timeouts);
}

function parseFlag(value: unknown, path: string, fallback: boolean): Result<boolean> {
  if (value === undefined) return ok(fallback);
  return typeof value === 'boolean' ? ok(value) : fail(path, `expected true or false, got ${describeValue(value)}`);
}

/**
 * Validates a call's input and fills in the defaults.
 *
 * @example
 * parseCallInput({ to: '+33612345678', messages: [{ id: 'm1', durationMs: 5000 }] });
 * // → { ok: true, value: { callId: 'call', amd: true, voicemail: 'leave', timeouts: { carrierMs: 32000, … }, … } }
 */
export function parseCallInput(input: unknown, path = 'call'): Result<CallConfig> {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (!isRecord(input)) return fail(path, `expected an object with to and messages, got ${describeValue(input)}`);
  const unknownKey = Object.keys(input).find((key) => !INPUT_KEYS.includes(key));
  if (unknownKey !== undefined) return fail(at(unknownKey), `unknown field (accepted: ${INPUT_KEYS.join(', ')})`);
  const callId = input.callId ?? 'call';
  if (typeof callId !== 'string' || callId === '')
    return fail(at('callId'), `expected a non-empty string, got ${describeValue(callId)}`);
  if (typeof input.to !== 'string' || !E164.test(input.to)) {
    return fail(at('to'), `expected an E.164 number such as "+33612345678", got ${describeValue(input.to)}`);
  }
  const messages = parseMessages(input.messages, at('messages'));
  if (!messages.ok) return messages;
  const blacklisted = parseFlag(input.blacklisted, at('blacklisted'), false);
  if (!blacklisted.ok) return blacklisted;
  const amd = parseFlag(input.amd, at('amd'), true);
  if (!amd.ok) return amd;
  const voicemail = input.voicemail ?? 'leave';
  if (voicemail !== 'leave' && voicemail !== 'hangup') {
    return fail(at('voicemail'), `expected "leave" or "hangup", got ${describeValue(voicemail)}`);
  }
  const timeouts = parseTimeouts(input.timeouts, at('timeouts'));
  if (!timeouts.ok) return timeouts;
  return ok({
    callId,
    to: input.to,
    messages: messages.value,
    blacklisted: blacklisted.value,
    amd: amd.value,
    voicemail,
    timeouts: timeouts.value,
  });
}
