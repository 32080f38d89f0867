import { EPOCH_LIKE_MS } from '../../machines/event-time.js';
import type { CallEvent } from '../../machines/events.js';
import type { MessageSpec, VoicemailPolicy } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { awaitedEvents } from '../call/awaited-events.js';
import { formatInputError } from '../../machines/result.js';
import { readCallback, type ProviderCallback } from './callback.js';
import { EVENT_CLASSES } from './event-classes.js';
import { orderCallbacks } from './order.js';
import type { PolicyId } from './policies.js';
import { ENDING } from './providers/read.js';
import type { ReplayEngine } from './replay-engine.js';
import { ReplayPlan } from './replay-plan.js';
import type { CallbackError, MappedEvent, ProviderName, Unmapped } from './providers/types.js';

/** What every replayed call plays, and what to do with calls whose log lacks something. */
export interface ReplayOptions {
  /** The broadcast. Where the log says when playback ended it decides; otherwise the machine computes it from these lengths. */
  readonly messages: readonly MessageSpec[];
  /** @defaultValue `"leave"` */
  readonly voicemail?: VoicemailPolicy;
  /** The destination for calls whose log names none (Asterisk and FreeSWITCH logs often do not). */
  readonly to?: string;
}

/**
 * A call record from a provider log: the machine's record, plus what the provider said that maps
 * to nothing (`unmapped`) and the policies the applied readings relied on (`policies`).
 */
export type NormalizedRecord = CallRecord & {
  readonly provider: ProviderName;
  readonly unmapped: readonly Unmapped[];
  readonly policies: readonly PolicyId[];
};

export type CallReplay =
  | { readonly kind: 'record'; readonly callId: string; readonly record: NormalizedRecord }
  | { readonly kind: 'stalled' | 'invalid'; readonly callId: string; readonly message: string };

/**
 * A line that is not a callback of a call (not an object, no call id). Its `error.unmapped` is set
 * when it is a documented callback that names no call (a Vonage record or error webhook).
 */
export interface RejectedCallback {
  readonly index: number;
  readonly error: CallbackError;
}

export interface ReplayResult {
  readonly calls: readonly CallReplay[];
  readonly rejected: readonly RejectedCallback[];
}

const {
  verdicts: VERDICTS,
  afterPickupOnly: AFTER_PICKUP_ONLY,
  specificEnding: SPECIFIC,
  waitingOnProvider,
} = EVENT_CLASSES;

type Timed = CallEvent & { at: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The event as the machine takes it: its type and payload, at `at` on the call's clock. */
function placed(event: MappedEvent, at: number): Timed {
  const timed: { type: string; at: number; sipCode?: number; q850?: number; messageId?: string } = {
    type: event.type,
    at,
  };
  if ('sipCode' in event && event.sipCode !== undefined) timed.sipCode = event.sipCode;
  if ('q850' in event && event.q850 !== undefined) timed.q850 = event.q850;
  if ('messageId' in event && event.messageId !== undefined) timed.messageId = event.messageId;
  return timed as Timed;
}

/** The first of several items that mean the same, each kept once, in their order. */
function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  if (items.length < 2) return [...items];
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Past this many callbacks a call's deliveries are told apart by a set of keys, not pair by pair. */
const PAIRWISE_LIMIT = 16;

/**
 * A call's callbacks with each delivery kept once (the first). Callbacks with the same key have
 * the same time and sequence number (both are in what the key digests), so only those pairs need
 * their keys compared, and a call whose callbacks all differ there computes no key at all.
 */
function deliveredOnce(callbacks: readonly ProviderCallback[]): readonly ProviderCallback[] {
  if (callbacks.length > PAIRWISE_LIMIT) return unique(callbacks, (callback) => callback.key);
  let kept: ProviderCallback[] | null = null;
  for (let index = 0; index < callbacks.length; index++) {
    const callback = callbacks[index] as ProviderCallback;
    let again = false;
    for (let other = 0; other < index && !again; other++) {
      const earlier = callbacks[other] as ProviderCallback;
      again =
        earlier.timeMs === callback.timeMs && earlier.sequence === callback.sequence && earlier.key === callback.key;
    }
    if (again) kept ??= callbacks.slice(0, index);
    else kept?.push(callback);
  }
  return kept ?? callbacks;
}

/** The number the call was made to: the first callback that names it, else the options'. */
function destination(ordered: readonly ProviderCallback[], options: ReplayOptions): string | null {
  for (const callback of ordered) if (callback.to !== null) return callback.to;
  return options.to ?? null;
}

/** Whether any of the call's events is `playback.ended` (the provider says when playback ended), and any `amd.*`. */
function eventKinds(ordered: readonly ProviderCallback[]): { providerPlayback: boolean; amd: boolean } {
  let providerPlayback = false;
  let amd = false;
  for (const callback of ordered)
    for (const events of [callback.beforePickup, callback.afterPickup])
      for (const event of events) {
        if (event.type === 'playback.ended') providerPlayback = true;
        else if (event.type.startsWith('amd.')) amd = true;
      }
  return { providerPlayback, amd };
}

/** Time 0 of the call: the earliest moment the log shows, an implied answer placed before its callback included. */
function originOf(ordered: readonly ProviderCallback[]): number {
  let origin = Number.POSITIVE_INFINITY;
  for (const callback of ordered) {
    if (callback.timeMs === null) continue;
    let offset = 0;
    for (const event of callback.beforePickup) offset = Math.min(offset, event.offsetMs ?? 0);
    for (const event of callback.afterPickup) offset = Math.min(offset, event.offsetMs ?? 0);
    origin = Math.min(origin, callback.timeMs + offset);
  }
  return origin === Number.POSITIVE_INFINITY ? 0 : origin;
}

function hasEnding(events: readonly MappedEvent[]): boolean {
  for (const event of events) if (ENDING.has(event.type)) return true;
  return false;
}

function hasSpecificEnding(events: readonly MappedEvent[]): boolean {
  for (const event of events) if (ENDING.has(event.type) && SPECIFIC.has(event.type)) return true;
  return false;
}

/**
 * Replays one call's callbacks (all `readCallback` results with the same `callId`) through the
 * machine: each provider event is applied once (callbacks sharing a `key` are one delivery), in
 * `orderCallbacks` order, at the provider's own times. What `normalize` does per call, and what a
 * live consumer does once the provider has said the call is over.
 *
 * @example
 * const callbacks = lines.map((line) => readCallback('twilio', line)).flatMap((read) => (read.ok ? [read.value] : []));
 * replayCallbacks('twilio', 'CA1', callbacks, { messages: [{ id: 'm1', durationMs: 30000 }] });
 * // → { kind: 'record', callId: 'CA1', record: { status: 'ABSENT', subStatus: 'BUSY', … } }
 */
export function replayCallbacks(
  provider: ProviderName,
  callId: string,
  callbacks: readonly ProviderCallback[],
  options: ReplayOptions,
): CallReplay {
  return replayCall(new ReplayPlan(options), provider, callId, callbacks);
}

/** `replayCallbacks` on a chosen engine: the XState actor (the specification) in the tests that compare them. */
export function replayCallbacksOn(
  engine: ReplayEngine,
  provider: ProviderName,
  callId: string,
  callbacks: readonly ProviderCallback[],
  options: ReplayOptions,
): CallReplay {
  return replayCall(new ReplayPlan(options, engine), provider, callId, callbacks);
}

/** `replayCallbacks` with what every call of a log shares prepared once (`ProviderLogStream` keeps one plan). */
export function replayCall(
  plan: ReplayPlan,
  provider: ProviderName,
  callId: string,
  callbacks: readonly ProviderCallback[],
): CallReplay {
  const ordered = orderCallbacks(deliveredOnce(callbacks));
  const to = destination(ordered, plan.options);
  if (to === null)
    return {
      kind: 'invalid',
      callId,
      message: `${provider} call ${callId}: no callback names the destination number; pass --to +E164`,
    };
  const { providerPlayback, amd } = eventKinds(ordered);
  const parsed = plan.config(callId, to, amd, providerPlayback);
  if (!parsed.ok)
    return { kind: 'invalid', callId, message: `${provider} call ${callId}: ${formatInputError(parsed.error)}` };
  const session = plan.engine(parsed.value);
  const origin = originOf(ordered);
  let at = 0;
  // Events that mean something only after pickup (detection, playback) wait for an answer that a
  // later "completed" implies, instead of being lost.
  let waiting: Timed[] = [];
  // An ending that awaits the cause (policy cause-decides) holds until a later ending says more.
  let held: Timed[] = [];
  const send = (event: Timed) => {
    if (AFTER_PICKUP_ONLY.has(event.type) && session.answeredAt === null && !session.done) {
      waiting.push(event);
      return;
    }
    session.send(event);
    if (waiting.length > 0 && session.answeredAt !== null) {
      const now = session.clock;
      for (const late of waiting) session.send({ ...late, at: Math.max(late.at, now) });
      waiting = [];
    }
  };
  const policies: PolicyId[] = providerPlayback ? ['provider-playback'] : [];
  for (const mapping of ordered) {
    // The machine's clock counts whole ms; a provider's µs only order the callbacks.
    if (mapping.timeMs !== null) at = Math.max(0, Math.round(mapping.timeMs - origin));
    const afterPickup = session.answeredAt !== null;
    const events = afterPickup ? mapping.afterPickup : mapping.beforePickup;
    const ends = hasEnding(events);
    if (!afterPickup && held.length > 0 && ends) {
      // A specific cause replaces the held ending; a generic one leaves it standing.
      if (hasSpecificEnding(events)) policies.push('cause-decides');
      else for (const event of held) send(event);
      held = [];
    }
    const own = afterPickup ? mapping.policiesAfterPickup : mapping.policiesBeforePickup;
    for (const id of own) policies.push(id);
    const holds = !afterPickup && ends && mapping.endingAwaitsCause === true;
    if (holds) held = [];
    for (const event of events) {
      let time = Math.max(0, Math.round(at + (event.offsetMs ?? 0)));
      // A verdict reported with the call's end was reached at pickup (policy verdict-at-pickup).
      const answeredAt = session.answeredAt;
      if (ends && VERDICTS.has(event.type) && answeredAt !== null && answeredAt < time) {
        time = answeredAt;
        policies.push('verdict-at-pickup');
      }
      // The machine refuses such a time (machines/event-time.ts): no call lasts years, a timestamp is wrong.
      if (time > EPOCH_LIKE_MS)
        return {
          kind: 'invalid',
          callId,
          message: `${provider} call ${callId}: its callbacks are ${Math.round(time / DAY_MS)} days apart; a timestamp must be wrong`,
        };
      if (holds) held.push(placed(event, time));
      else send(placed(event, time));
    }
  }
  for (const event of held) send(event);
  // Never answered: the held results reach the machine anyway, which keeps them as ignored.
  for (const late of waiting) session.send(late);
  if (!session.done) {
    const state = session.state;
    if (waitingOnProvider.has(state)) {
      return {
        kind: 'stalled',
        callId,
        message: `${provider} call ${callId}: the log ends in ${state}, with no final status from ${provider}`,
      };
    }
    session.settle();
  }
  const record = session.record();
  if (record === null) {
    return {
      kind: 'stalled',
      callId,
      message: `${provider} call ${callId}: stuck in ${session.state}, waiting for ${awaitedEvents(session.state).join(', ')}`,
    };
  }
  // The engine's record is a fresh object: extended in place, not copied field by field.
  const normalized: NormalizedRecord = Object.assign(record, {
    provider,
    unmapped: unmappedOf(ordered),
    policies: unique(policies, (id) => id),
  });
  return { kind: 'record', callId, record: normalized };
}

/** Each distinct unmapped value of the call once, in the order the callbacks gave them. */
function unmappedOf(ordered: readonly ProviderCallback[]): Unmapped[] {
  let any = false;
  for (const callback of ordered) any ||= callback.unmapped.length > 0;
  if (!any) return [];
  return unique(
    ordered.flatMap((mapping) => mapping.unmapped),
    (item) => `${item.field}\u0000${JSON.stringify(item.value)}`,
  );
}

/**
 * Replays a provider's event log: reads each callback (`readCallback`), groups them by the provider's call id,
 * orders each call's callbacks (`orderCallbacks`), drives one `CallSession` per call, and returns
 * one result per call, ordered by the call's first timestamp, then its id.
 *
 * @example
 * const result = replayProviderLog('twilio', callbacks, { messages: [{ id: 'm1', durationMs: 30000 }] });
 * result.calls[0]; // → { kind: 'record', callId: 'CA…', record: { status: 'ABSENT', subStatus: 'BUSY', … } }
 */
export function replayProviderLog(
  provider: ProviderName,
  payloads: readonly unknown[],
  options: ReplayOptions,
): ReplayResult {
  const rejected: RejectedCallback[] = [];
  const byCall = new Map<string, ProviderCallback[]>();
  for (const [index, payload] of payloads.entries()) {
    const mapping = readCallback(provider, payload);
    if (!mapping.ok) {
      rejected.push({ index, error: mapping.error });
      continue;
    }
    const list = byCall.get(mapping.value.callId) ?? [];
    list.push(mapping.value);
    byCall.set(mapping.value.callId, list);
  }
  const plan = new ReplayPlan(options);
  const firstTime = (list: readonly ProviderCallback[]) =>
    list.reduce((earliest, mapping) => Math.min(earliest, mapping.timeMs ?? Number.MAX_VALUE), Number.MAX_VALUE);
  const callIds = [...byCall.keys()].sort(
    (a, b) => firstTime(byCall.get(a) ?? []) - firstTime(byCall.get(b) ?? []) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return {
    calls: callIds.map((callId) => replayCall(plan, provider, callId, byCall.get(callId) ?? [])),
    rejected,
  };
}
