import { fail, type Result } from '../../machines/result.js';
import { isTooDeep, MAX_JSON_DEPTH, plainRecord } from '../input/index.js';
import { PROVIDER_NAMES, PROVIDERS } from './providers/index.js';
import type { CallbackError, CallbackMapping, ProviderName } from './providers/types.js';

/**
 * One provider callback, read: the call it is about, when the provider says it happened, and the
 * machine events it means. `key` is the same for every delivery of the same provider event, so a
 * consumer applies a callback once however often the provider retries it.
 */
export interface ProviderCallback extends CallbackMapping {
  /**
   * The deduplication key: the provider, the call id and a 64-bit digest of what the callback
   * means (its time, sequence number, events, unmapped values and policies). Two deliveries of one
   * event mean the same thing and share it; two callbacks that mean the same thing at the same
   * moment are one event as far as the machine is concerned, so merging them loses nothing.
   */
  readonly key: string;
}

/**
 * A callback's body, parsed: a JSON object (Vonage, Telnyx, and Asterisk/FreeSWITCH events as an
 * AMI/ESL bridge forwards them) or form fields (Twilio and Plivo post
 * `application/x-www-form-urlencoded`), as `URLSearchParams` or a plain object of strings.
 */
export type CallbackBody = unknown;

/**
 * Reads one provider callback: the single entry point that `normalize` (batch) and `serve` (live)
 * share, so a record does not depend on how its callbacks arrived. Browser-safe and total: any
 * body in, a `ProviderCallback` or an error value naming what is missing out; it never throws.
 * A body the provider documents that names no call (a Vonage record or error webhook) is an error
 * whose `unmapped` says what it carried: a reader reports it and goes on.
 *
 * Which events a callback means can depend on whether the call was already answered (an
 * end-of-call cause before pickup says why it failed; after pickup it is a hangup), so it carries
 * both lists (`beforePickup`, `afterPickup`); a consumer picks one from the call's state, places the
 * events at `timeMs` (ms since the epoch, or null when the provider sends no time) plus each event's
 * `offsetMs`, and orders callbacks with `compareCallbacks`.
 *
 * @example
 * const read = readCallback('twilio', new URLSearchParams('CallSid=CA1&CallStatus=busy&SipResponseCode=486&SequenceNumber=2'));
 * if (read.ok) {
 *   read.value.callId; // → 'CA1'
 *   read.value.sequence; // → 2
 *   read.value.beforePickup; // → [{ type: 'carrier.busy', sipCode: 486, q850: 17 }]
 *   read.value.key; // → 'twilio:CA1:…' (the same for a redelivery)
 * }
 */
export function readCallback(provider: ProviderName, body: CallbackBody): Result<ProviderCallback, CallbackError> {
  if (!Object.hasOwn(PROVIDERS, provider))
    return fail('provider', `unknown provider ${JSON.stringify(provider)} (accepted: ${PROVIDER_NAMES.join(', ')})`);
  // A body this deep would overflow the stack of the recursive helpers below (JSON.stringify).
  if (isTooDeep(body))
    return fail('', `not a callback: arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`);
  const read = PROVIDERS[provider].normalize(body instanceof URLSearchParams ? formFields(body) : body);
  if (!read.ok) return read;
  return { ok: true, value: withKey(read.value) };
}

/** The keys computed so far, by callback: most callbacks never have theirs read. */
const KEYS = new WeakMap<CallbackMapping, string>();

/**
 * `key`, as one shared accessor: computed when first read, from the callback itself. Defined with
 * `Object.defineProperty` because V8 keeps an object literal with a getter in dictionary mode
 * (about 1 KiB a callback, every one of them held while its call is open); this keeps the
 * callback a compact fast object. Enumerable, so a spread copy and JSON carry the key.
 */
const KEY_PROPERTY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: CallbackMapping): string {
    let key = KEYS.get(this);
    if (key === undefined) {
      key = callbackKey(this);
      KEYS.set(this, key);
    }
    return key;
  },
};

/**
 * The mapping with its `key`, computed when first read: replay compares keys only between
 * callbacks with the same time and sequence number (src/carriers/replay.ts), so a log whose
 * callbacks all differ there never pays for a digest. The normalizer's result is fresh and ours,
 * so the key is added to it rather than to a copy.
 */
function withKey(mapping: CallbackMapping): ProviderCallback {
  return Object.defineProperty(mapping, 'key', KEY_PROPERTY) as ProviderCallback;
}

/**
 * Form fields as a plain object. A name given twice keeps its first value: the providers that post
 * forms send each field once, and the first is what a signature check saw first.
 */
function formFields(params: URLSearchParams): Record<string, string> {
  // No prototype: a field named __proto__ is kept as a field, not taken for the object's prototype.
  const fields: Record<string, string> = plainRecord();
  for (const [name, value] of params) if (!Object.hasOwn(fields, name)) fields[name] = value;
  return fields;
}

/**
 * Parses an `application/x-www-form-urlencoded` body (how Twilio and Plivo post callbacks) into
 * its fields, every value a string. Browser-safe (`URLSearchParams`).
 *
 * @example
 * parseFormBody('CallSid=CA1&CallStatus=no-answer&To=%2B33612345678');
 * // → { CallSid: 'CA1', CallStatus: 'no-answer', To: '+33612345678' }
 */
export function parseFormBody(text: string): Record<string, string> {
  return formFields(new URLSearchParams(text));
}

function callbackKey(mapping: CallbackMapping): string {
  const meaning = JSON.stringify([
    mapping.timeMs,
    mapping.sequence,
    mapping.beforePickup,
    mapping.afterPickup,
    mapping.unmapped,
    mapping.policiesBeforePickup,
    mapping.policiesAfterPickup,
  ]);
  return `${mapping.provider}:${mapping.callId}:${digest64(meaning)}`;
}

/**
 * Two 32-bit FNV-1a digests over UTF-16 code units (the standard offset and prime, and a second pair
 * with MurmurHash2's multiplier), as 16 hex digits: not cryptographic, only a short stable key.
 */
function digest64(text: string): string {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    low = Math.imul(low ^ unit, 0x01000193);
    high = Math.imul(high ^ unit, 0x5bd1e995);
  }
  return (low >>> 0).toString(16).padStart(8, '0') + (high >>> 0).toString(16).padStart(8, '0');
}
