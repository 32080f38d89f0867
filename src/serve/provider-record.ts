import { type Result, ok } from '../../machines/result.js';
import { readCallback } from '../carriers/callback.js';
import { ENDING } from '../carriers/providers/read.js';
import type { CallbackError, ProviderName } from '../carriers/providers/types.js';
import { type CallReplay, type ReplayOptions, replayCallbacks } from '../carriers/replay.js';

/** What the server needs to know about one provider callback before storing it. */
export interface CallbackFacts {
  readonly callId: string;
  /** The provider reports the call over (its record is due after the grace window). */
  readonly ends: boolean;
  /** `readCallback`'s key: the same for every delivery of one provider event. */
  readonly key: string;
}

/**
 * Reads one callback with `readCallback`, the entry point `normalize` uses too: a payload that is
 * not a callback of the provider is an error value, and nothing is stored for it.
 *
 * @example
 * callbackFacts('twilio', { CallSid: 'CA1', CallStatus: 'busy' }); // → { ok: true, value: { callId: 'CA1', ends: true, key: 'twilio:CA1:…' } }
 */
export function callbackFacts(provider: ProviderName, payload: unknown): Result<CallbackFacts, CallbackError> {
  const read = readCallback(provider, payload);
  if (!read.ok) return read;
  const { callId, beforePickup, afterPickup, key } = read.value;
  return ok({ callId, ends: [...beforePickup, ...afterPickup].some((event) => ENDING.has(event.type)), key });
}

/**
 * When a provider call's record is due: `graceMs` after the first stored callback that reports the
 * call over, or, when none does, `idleMs` after the last one.
 *
 * @example
 * recordDueAt('twilio', [{ receivedAt: 1000 }], [{ CallSid: 'CA1', CallStatus: 'busy' }], { graceMs: 10, idleMs: 99 }); // → 1010
 */
export function recordDueAt(
  provider: ProviderName,
  callbacks: readonly { readonly receivedAt: number }[],
  payloads: readonly unknown[],
  windows: { readonly graceMs: number; readonly idleMs: number },
): number {
  let last = Number.NEGATIVE_INFINITY;
  for (const [index, callback] of callbacks.entries()) {
    const facts = callbackFacts(provider, payloads[index]);
    if (facts.ok && facts.value.ends) return callback.receivedAt + windows.graceMs;
    last = Math.max(last, callback.receivedAt);
  }
  return last + windows.idleMs;
}

/**
 * The line `normalize` prints for a call: its record, or `{ callId, provider, error, message }`
 * when the callbacks cannot give one. Computed by the same replay (`replayCallbacks`) over the
 * call's stored callbacks, so a live server and a batch run agree.
 *
 * @example
 * callLine('twilio', 'CA1', [{ CallSid: 'CA1', CallStatus: 'busy', To: '+33612345678' }], { messages: [{ id: 'm', durationMs: 30000 }] });
 * // → '{"callId":"CA1","to":"+33612345678","status":"ABSENT","subStatus":"BUSY",…}'
 */
export function callLine(
  provider: ProviderName,
  callId: string,
  payloads: readonly unknown[],
  options: ReplayOptions,
): string {
  const callbacks = payloads.flatMap((payload) => {
    const read = readCallback(provider, payload);
    return read.ok ? [read.value] : [];
  });
  return lineOf(replayCallbacks(provider, callId, callbacks, options), provider);
}

function lineOf(call: CallReplay, provider: ProviderName): string {
  if (call.kind === 'record') return JSON.stringify(call.record);
  return JSON.stringify({ callId: call.callId, provider, error: call.kind, message: call.message });
}
