import { PROVIDERS } from '../carriers/providers/index.js';
import { ENDING } from '../carriers/providers/read.js';
import type { ProviderName } from '../carriers/providers/types.js';
import { type CallReplay, type ReplayOptions, replayProviderLog } from '../carriers/replay.js';
import { fail, ok, type Result } from '../../machines/result.js';

/** What the server needs to know about one provider callback before storing it. */
export interface ReadCallback {
  readonly callId: string;
  /** The provider reports the call over (its record is due after the grace window). */
  readonly ends: boolean;
  /** The provider's own id of this event, when it sends one (Telnyx `data.id`), for de-duplication. */
  readonly eventId: string | null;
}

/**
 * Reads one callback with the provider's normalizer (the one `normalize` uses): a payload that is
 * not a callback of the provider is an error value, and nothing is stored for it.
 *
 * @example
 * readCallback('twilio', { CallSid: 'CA1', CallStatus: 'busy' }); // → { ok: true, value: { callId: 'CA1', ends: true, eventId: null } }
 */
export function readCallback(provider: ProviderName, payload: unknown): Result<ReadCallback> {
  const mapping = PROVIDERS[provider].normalize(payload);
  if (!mapping.ok) return mapping;
  const { callId, beforePickup, afterPickup } = mapping.value;
  const ends = [...beforePickup, ...afterPickup].some((event) => ENDING.has(event.type));
  const data = (payload as { data?: { id?: unknown } }).data;
  const eventId = provider === 'telnyx' && typeof data?.id === 'string' && data.id !== '' ? data.id : null;
  if (callId.length > 256) return fail('callId', `a call id of at most 256 characters, got ${callId.length}`);
  return ok({ callId, ends, eventId });
}

/**
 * The line `normalize` prints for a call: its record, or `{ callId, provider, error, message }`
 * when the log cannot give one. Computed by the same replay (`replayProviderLog`) over the call's
 * callbacks, so a live server and a batch run agree.
 *
 * @example
 * callLine('twilio', [{ CallSid: 'CA1', CallStatus: 'busy', To: '+33612345678' }], { messages: [{ id: 'm', durationMs: 30000 }] });
 * // → '{"callId":"CA1","to":"+33612345678","status":"ABSENT","subStatus":"BUSY",…}'
 */
export function callLine(provider: ProviderName, payloads: readonly unknown[], options: ReplayOptions): string {
  const [call] = replayProviderLog(provider, payloads, options).calls;
  if (call === undefined) throw new Error('bug: a stored call has no callback its provider can read');
  return lineOf(call, provider);
}

function lineOf(call: CallReplay, provider: ProviderName): string {
  if (call.kind === 'record') return JSON.stringify(call.record);
  return JSON.stringify({ callId: call.callId, provider, error: call.kind, message: call.message });
}
