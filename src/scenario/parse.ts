import { CALL_EVENT_TYPES, isCallEventType, isCarrierEventType } from '../../machines/events.js';
import { parseCallInput, type CallConfig } from '../../machines/input.js';
import type { TimedCallEvent } from '../call/session.js';
import { carrierEventFromCodes, isCodedEvent } from '../carriers/scenario-codes.js';
import { describeValue, fail, listAccepted, ok, type Result } from '../../machines/result.js';

/**
 * A call to replay: its input and the events that happened to it, in time order.
 *
 * @example
 * const scenario: Scenario = {
 *   call: { to: '+33612345678', messages: [{ id: 'promo', durationMs: 12000 }] },
 *   events: [{ at: 1500, type: 'carrier.ringing' }, { at: 9000, type: 'carrier.noAnswer' }],
 * };
 */
export interface Scenario {
  readonly call: unknown;
  readonly events: readonly unknown[];
}

/** A scenario whose input and events were checked. */
export interface ParsedScenario {
  readonly call: CallConfig;
  readonly events: readonly TimedCallEvent[];
}

/** The payload fields each event may carry besides `at` and `type`. */
const PAYLOAD_FIELDS: Record<string, readonly string[]> = {
  carrier: ['sipCode', 'q850'],
  'playback.ended': ['messageId'],
};

function payloadFieldsOf(type: string): readonly string[] {
  return (isCarrierEventType(type) ? PAYLOAD_FIELDS.carrier : PAYLOAD_FIELDS[type]) ?? [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The longest call a scenario may describe: one day, in ms. */
export const MAX_SCENARIO_MS = 24 * 60 * 60 * 1000;

/**
 * Checks one timed event from outside: its type, `at` (from 0 to one day, not before
 * `previousAt`) and payload. `path` names it in errors, e.g. `events[3]`.
 */
export function parseTimedEvent(input: unknown, path: string, previousAt: number): Result<TimedCallEvent> {
  if (!isRecord(input))
    return fail(path, `expected an object such as { "at": 0, "type": "carrier.ringing" }, got ${describeValue(input)}`);
  // `{ "at": 0, "sip": 486 }` and `{ "at": 0, "q850": 17 }` become carrier events first (docs/carriers.md).
  const converted = isCodedEvent(input) ? carrierEventFromCodes(input, path) : ok(input);
  if (!converted.ok) return converted;
  const raw = converted.value;
  const { at, type } = raw;
  if (typeof type !== 'string' || !isCallEventType(type)) {
    return fail(`${path}.type`, `unknown event ${describeValue(type)} (accepted: ${listAccepted(CALL_EVENT_TYPES)})`);
  }
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > MAX_SCENARIO_MS) {
    return fail(
      `${path}.at`,
      `${type}: expected ms since the call started, from 0 to ${MAX_SCENARIO_MS}, got ${describeValue(at)}`,
    );
  }
  if (at < previousAt)
    return fail(
      `${path}.at`,
      `${type} at ${at} ms comes before the previous event (${previousAt} ms): "at" must not decrease`,
    );
  const accepted = payloadFieldsOf(type);
  const extra = Object.keys(raw).find((key) => key !== 'at' && key !== 'type' && !accepted.includes(key));
  if (extra !== undefined) {
    const allowed = accepted.length === 0 ? 'only "at" and "type"' : `"at", "type", ${listAccepted(accepted)}`;
    return fail(`${path}.${extra}`, `${type} takes ${allowed}, not "${extra}"`);
  }
  if (raw.sipCode !== undefined && !isWhole(raw.sipCode, 100, 699)) {
    return fail(`${path}.sipCode`, `expected a SIP status code from 100 to 699, got ${describeValue(raw.sipCode)}`);
  }
  if (raw.q850 !== undefined && !isWhole(raw.q850, 1, 127)) {
    return fail(`${path}.q850`, `expected a Q.850 cause from 1 to 127, got ${describeValue(raw.q850)}`);
  }
  if (raw.messageId !== undefined && typeof raw.messageId !== 'string') {
    return fail(`${path}.messageId`, `expected a message id (string), got ${describeValue(raw.messageId)}`);
  }
  return ok(raw as unknown as TimedCallEvent);
}

/**
 * Checks a scenario from outside (parsed JSON): the call input, then each event's type, time and
 * payload. The error names the first problem, e.g. `events[2].type: unknown event "carrier.ring" (accepted: …)`.
 */
export function parseScenario(input: unknown): Result<ParsedScenario> {
  if (!isRecord(input))
    return fail('', `expected a scenario { "call": {...}, "events": [...] }, got ${describeValue(input)}`);
  const extra = Object.keys(input).find((key) => key !== 'call' && key !== 'events');
  if (extra !== undefined) return fail(extra, 'unknown field (accepted: "call", "events")');
  const call = parseCallInput(input.call, 'call');
  if (!call.ok) return call;
  const rawEvents = input.events ?? [];
  if (!Array.isArray(rawEvents)) return fail('events', `expected an array of events, got ${describeValue(rawEvents)}`);
  const events: TimedCallEvent[] = [];
  let previousAt = 0;
  for (const [index, raw] of rawEvents.entries()) {
    const event = parseTimedEvent(raw, `events[${index}]`, previousAt);
    if (!event.ok) return event;
    events.push(event.value);
    previousAt = event.value.at;
  }
  return ok({ call: call.value, events });
}
