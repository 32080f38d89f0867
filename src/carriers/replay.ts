import type { CallEvent } from '../../machines/events.js';
import { parseCallInput, type MessageSpec, type VoicemailPolicy } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { awaitedEvents } from '../call/awaited-events.js';
import { formatInputError, type InputError } from '../../machines/result.js';
import { readCallback, type ProviderCallback } from './callback.js';
import { EVENT_CLASSES, PROVIDER_TIMEOUTS } from './event-classes.js';
import { orderCallbacks } from './order.js';
import type { PolicyId } from './policies.js';
import { ENDING } from './providers/read.js';
import { fastEngine, type ReplayEngine } from './replay-engine.js';
import type { MappedEvent, ProviderName, Unmapped } from './providers/types.js';

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

/** A line that is not a callback of the provider (not an object, no call id). */
export interface RejectedCallback {
  readonly index: number;
  readonly error: InputError;
}

export interface ReplayResult {
  readonly calls: readonly CallReplay[];
  readonly rejected: readonly RejectedCallback[];
}

/** The most a replay timer may wait: the provider's own timers decide, ours only stop a runaway call. */
const PROVIDER_DECIDES_MS = 24 * 60 * 60 * 1000;

function untimed(event: MappedEvent): CallEvent {
  const { offsetMs: _offset, at: _at, ...rest } = event;
  return rest as CallEvent;
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const {
  verdicts: VERDICTS,
  afterPickupOnly: AFTER_PICKUP_ONLY,
  specificEnding: SPECIFIC,
  waitingOnProvider,
} = EVENT_CLASSES;

type Timed = CallEvent & { at: number };

/**
 * The call's input: the provider's own timers decide when it gave up, and where the provider says
 * when playback ended (a `playback.ended` in the log) it decides when each message ended too, so
 * the messages play untimed (policy provider-playback).
 */
function callInput(callId: string, to: string, ordered: readonly ProviderCallback[], options: ReplayOptions) {
  const events = ordered.flatMap((mapping) => [...mapping.beforePickup, ...mapping.afterPickup]);
  const providerPlayback = events.some((event) => event.type === 'playback.ended');
  return {
    providerPlayback,
    input: {
      callId,
      to,
      messages: providerPlayback ? options.messages.map(({ id }) => ({ id })) : options.messages,
      amd: events.some((event) => event.type.startsWith('amd.')),
      voicemail: options.voicemail ?? 'leave',
      timeouts: Object.fromEntries(PROVIDER_TIMEOUTS.map((name) => [name, PROVIDER_DECIDES_MS])),
    },
  };
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
  return replayCallbacksOn(fastEngine, provider, callId, callbacks, options);
}

/** `replayCallbacks` on a chosen engine: the XState actor (the specification) in the tests that compare them. */
export function replayCallbacksOn(
  engine: ReplayEngine,
  provider: ProviderName,
  callId: string,
  callbacks: readonly ProviderCallback[],
  options: ReplayOptions,
): CallReplay {
  const ordered = orderCallbacks(dedupe(callbacks, (callback) => callback.key));
  const to = ordered.map((mapping) => mapping.to).find((number) => number !== null) ?? options.to ?? null;
  if (to === null)
    return {
      kind: 'invalid',
      callId,
      message: `${provider} call ${callId}: no callback names the destination number; pass --to +E164`,
    };
  const { input, providerPlayback } = callInput(callId, to, ordered, options);
  const parsed = parseCallInput(input, 'call');
  if (!parsed.ok)
    return { kind: 'invalid', callId, message: `${provider} call ${callId}: ${formatInputError(parsed.error)}` };
  const session = engine(parsed.value);
  // Time 0 is the earliest moment the log shows, an implied answer placed before its callback included.
  const times = ordered.flatMap((mapping) => {
    if (mapping.timeMs === null) return [];
    const offsets = [...mapping.beforePickup, ...mapping.afterPickup].map((event) => event.offsetMs ?? 0);
    return [mapping.timeMs + Math.min(0, ...offsets)];
  });
  const origin = times.reduce((earliest, time) => Math.min(earliest, time), times[0] ?? 0);
  let at = 0;
  // Events that mean something only after pickup (detection, playback) wait for an answer that a
  // later "completed" implies, instead of being lost.
  let waiting: Timed[] = [];
  // An ending that awaits the cause (policy cause-decides) holds until a later ending says more.
  let held: Timed[] = [];
  const answered = () => session.answeredAt !== null;
  const send = (event: Timed) => {
    if (AFTER_PICKUP_ONLY.has(event.type) && !answered() && !session.done) {
      waiting.push(event);
      return;
    }
    session.send(event);
    if (waiting.length > 0 && answered()) {
      const now = session.clock;
      for (const late of waiting) session.send({ ...late, at: Math.max(late.at, now) });
      waiting = [];
    }
  };
  const policies: PolicyId[] = providerPlayback ? ['provider-playback'] : [];
  for (const mapping of ordered) {
    // The machine's clock counts whole ms; a provider's µs only order the callbacks.
    if (mapping.timeMs !== null) at = Math.max(0, Math.round(mapping.timeMs - origin));
    const afterPickup = answered();
    const events = afterPickup ? mapping.afterPickup : mapping.beforePickup;
    const ends = events.filter((event) => ENDING.has(event.type));
    if (!afterPickup && held.length > 0 && ends.length > 0) {
      // A specific cause replaces the held ending; a generic one leaves it standing.
      if (ends.some((event) => SPECIFIC.has(event.type))) policies.push('cause-decides');
      else for (const event of held) send(event);
      held = [];
    }
    policies.push(...(afterPickup ? mapping.policiesAfterPickup : mapping.policiesBeforePickup));
    const place = (event: MappedEvent): Timed => {
      let time = Math.max(0, Math.round(at + (event.offsetMs ?? 0)));
      // A verdict reported with the call's end was reached at pickup (policy verdict-at-pickup).
      const answeredAt = session.answeredAt;
      if (ends.length > 0 && VERDICTS.has(event.type) && answeredAt !== null && answeredAt < time) {
        time = answeredAt;
        policies.push('verdict-at-pickup');
      }
      return { ...untimed(event), at: time } as Timed;
    };
    if (!afterPickup && ends.length > 0 && mapping.endingAwaitsCause === true) held = events.map(place);
    else for (const event of events) send(place(event));
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
  const unmapped = dedupe(
    ordered.flatMap((mapping) => mapping.unmapped),
    (item) => `${item.field}\u0000${JSON.stringify(item.value)}`,
  );
  return { kind: 'record', callId, record: { ...record, provider, unmapped, policies: dedupe(policies, (id) => id) } };
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
  const firstTime = (list: readonly ProviderCallback[]) =>
    list.reduce((earliest, mapping) => Math.min(earliest, mapping.timeMs ?? Number.MAX_VALUE), Number.MAX_VALUE);
  const callIds = [...byCall.keys()].sort(
    (a, b) => firstTime(byCall.get(a) ?? []) - firstTime(byCall.get(b) ?? []) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return {
    calls: callIds.map((callId) => replayCallbacks(provider, callId, byCall.get(callId) ?? [], options)),
    rejected,
  };
}
