import type { CarrierEvent, CarrierEventType } from '../../machines/events.js';
import { describeValue, fail, ok, type Result } from '../../machines/result.js';
import type { PolicyId } from './policies.js';

/** What a SIP response does to the call: a carrier event, or nothing (`provisional`). */
export type SipEffect = CarrierEventType | 'provisional';

/**
 * One row of the SIP table. `q850` is the cause RFC 3398 §8.2.6.1 maps the code to; `null` when
 * the RFC gives none (487) or takes it from the Warning header (488, 606), which we do not read.
 */
export interface SipRow {
  readonly code: number;
  readonly reason: string;
  readonly effect: SipEffect;
  readonly q850: number | null;
  readonly policy?: PolicyId;
}

const row = (code: number, reason: string, effect: SipEffect, q850: number | null, policy?: PolicyId): SipRow =>
  policy === undefined ? { code, reason, effect, q850 } : { code, reason, effect, q850, policy };

/**
 * The codes with a row of their own (RFC 3261 §21). Everything else takes its class default.
 *
 * @example
 * SIP_TABLE.find((row) => row.code === 486); // → { code: 486, reason: 'Busy Here', effect: 'carrier.busy', q850: 17 }
 */
export const SIP_TABLE: readonly SipRow[] = [
  row(100, 'Trying', 'provisional', null, 'sip-provisional'),
  row(180, 'Ringing', 'carrier.ringing', null),
  row(181, 'Call Is Being Forwarded', 'provisional', null, 'sip-provisional'),
  row(182, 'Queued', 'provisional', null, 'sip-provisional'),
  row(183, 'Session Progress', 'carrier.ringing', null, 'sip-provisional'),
  row(200, 'OK', 'carrier.answered', null),
  row(400, 'Bad Request', 'carrier.failed', 41),
  row(401, 'Unauthorized', 'carrier.failed', 21),
  row(402, 'Payment Required', 'carrier.failed', 21),
  row(403, 'Forbidden', 'carrier.rejected', 21, 'sip-403'),
  row(404, 'Not Found', 'carrier.unallocated', 1),
  row(405, 'Method Not Allowed', 'carrier.failed', 63),
  row(406, 'Not Acceptable', 'carrier.failed', 79),
  row(407, 'Proxy Authentication Required', 'carrier.failed', 21),
  row(408, 'Request Timeout', 'carrier.noAnswer', 102, 'sip-408'),
  row(410, 'Gone', 'carrier.unallocated', 22, 'sip-410'),
  row(413, 'Request Entity Too Large', 'carrier.failed', 127),
  row(414, 'Request-URI Too Long', 'carrier.failed', 127),
  row(415, 'Unsupported Media Type', 'carrier.failed', 79),
  row(416, 'Unsupported URI Scheme', 'carrier.failed', 127),
  row(420, 'Bad Extension', 'carrier.failed', 127),
  row(421, 'Extension Required', 'carrier.failed', 127),
  row(423, 'Interval Too Brief', 'carrier.failed', 127),
  row(480, 'Temporarily Unavailable', 'carrier.noAnswer', 18, 'sip-480'),
  row(481, 'Call/Transaction Does Not Exist', 'carrier.failed', 41),
  row(482, 'Loop Detected', 'carrier.failed', 25),
  row(483, 'Too Many Hops', 'carrier.failed', 25),
  row(484, 'Address Incomplete', 'carrier.unallocated', 28, 'sip-484'),
  row(485, 'Ambiguous', 'carrier.unallocated', 1),
  row(486, 'Busy Here', 'carrier.busy', 17),
  row(487, 'Request Terminated', 'carrier.noAnswer', null, 'sip-487'),
  row(488, 'Not Acceptable Here', 'carrier.failed', null),
  row(500, 'Server Internal Error', 'carrier.failed', 41),
  row(501, 'Not Implemented', 'carrier.failed', 79),
  row(502, 'Bad Gateway', 'carrier.failed', 38),
  row(503, 'Service Unavailable', 'carrier.failed', 41),
  row(504, 'Server Time-out', 'carrier.failed', 102),
  row(505, 'Version Not Supported', 'carrier.failed', 127),
  row(513, 'Message Too Large', 'carrier.failed', 127),
  row(600, 'Busy Everywhere', 'carrier.busy', 17),
  row(603, 'Decline', 'carrier.rejected', 21),
  row(604, 'Does Not Exist Anywhere', 'carrier.unallocated', 1),
  row(606, 'Not Acceptable', 'carrier.failed', null),
];

/**
 * The default of each class for a code without a row (RFC 3398 §8.2.6.1: unlisted codes → cause 31).
 *
 * @example
 * SIP_CLASS_DEFAULTS[3]; // → { range: '4xx', effect: 'carrier.failed', q850: 31, policy: 'sip-unlisted' }
 */
export const SIP_CLASS_DEFAULTS: readonly {
  readonly range: string;
  readonly effect: SipEffect;
  readonly q850: number | null;
  readonly policy: PolicyId;
}[] = [
  { range: '1xx', effect: 'provisional', q850: null, policy: 'sip-provisional' },
  { range: '2xx', effect: 'carrier.answered', q850: null, policy: 'sip-unlisted' },
  { range: '3xx', effect: 'carrier.failed', q850: 31, policy: 'sip-unlisted' },
  { range: '4xx', effect: 'carrier.failed', q850: 31, policy: 'sip-unlisted' },
  { range: '5xx', effect: 'carrier.failed', q850: 31, policy: 'sip-unlisted' },
  { range: '6xx', effect: 'carrier.failed', q850: 31, policy: 'sip-unlisted' },
];

const ROWS = new Map(SIP_TABLE.map((entry) => [entry.code, entry]));

/**
 * What the caller knows around a response. `ringing`: whether a ring was observed before it
 * (`false` turns a no-answer code into a failure; left out, the machine decides from its own
 * state). `cancel`: why our side sent the CANCEL a 487 answers.
 */
export interface SipContext {
  readonly ringing?: boolean;
  readonly cancel?: 'ringTimeout' | 'abort';
}

/** The result of `fromSip`: a carrier event (with the code and its RFC 3398 cause) or an explicit "nothing". */
export type SipMapping =
  | { readonly kind: 'event'; readonly event: CarrierEvent; readonly rule: string; readonly policy?: PolicyId }
  | { readonly kind: 'provisional'; readonly sipCode: number; readonly rule: string };

/**
 * The row (own or class default) that applies to a valid code.
 *
 * @example
 * sipRowFor(409); // → { code: 409, reason: 'unlisted 4xx', effect: 'carrier.failed', q850: 31, policy: 'sip-unlisted' }
 */
export function sipRowFor(code: number): SipRow {
  const own = ROWS.get(code);
  if (own !== undefined) return own;
  const fallback = SIP_CLASS_DEFAULTS[Math.floor(code / 100) - 1];
  if (fallback === undefined) throw new Error(`bug: no SIP class for ${code}`);
  return {
    code,
    reason: `unlisted ${fallback.range}`,
    effect: fallback.effect,
    q850: fallback.q850,
    policy: fallback.policy,
  };
}

/**
 * Whether a value is a SIP status code (a whole number from 100 to 699).
 *
 * @example
 * isSipCode(486); // → true
 * isSipCode('486'); // → false (see sipCodeOf)
 */
export function isSipCode(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 699;
}

/**
 * A code given as a number or a numeric string (providers send both), or null when it is neither.
 *
 * @example
 * sipCodeOf('486'); // → 486
 * sipCodeOf('busy'); // → null
 */
export function sipCodeOf(value: unknown): number | null {
  const number = typeof value === 'string' && /^\s*\d{3}\s*$/.test(value) ? Number(value) : value;
  return isSipCode(number) ? number : null;
}

function adjustForContext(row: SipRow, context: SipContext): CarrierEventType | 'provisional' {
  if (row.effect !== 'carrier.noAnswer') return row.effect;
  if (row.code === 487 && context.cancel === 'abort') return 'carrier.failed';
  if (context.ringing === false) return 'carrier.failed';
  return row.effect;
}

/**
 * Maps a SIP status code to the machine's carrier event, keeping the code and the Q.850 cause
 * RFC 3398 §8.2.6.1 gives it. A non-integer or a code outside 100–699 is an error value.
 *
 * @example
 * fromSip(486); // → { ok: true, value: { kind: 'event', event: { type: 'carrier.busy', sipCode: 486, q850: 17 }, … } }
 * fromSip(487, { cancel: 'ringTimeout' }); // → carrier.noAnswer
 * fromSip(100); // → { ok: true, value: { kind: 'provisional', sipCode: 100, … } }
 * fromSip(99);  // → { ok: false, error: { path: 'sip', message: 'expected a SIP status code from 100 to 699, got 99' } }
 */
export function fromSip(code: unknown, context: SipContext = {}, path = 'sip'): Result<SipMapping> {
  if (!isSipCode(code)) return fail(path, `expected a SIP status code from 100 to 699, got ${describeValue(code)}`);
  const entry = sipRowFor(code);
  const effect = adjustForContext(entry, context);
  const rule = ROWS.has(code) ? `${code} ${entry.reason}` : `${entry.reason} default`;
  if (effect === 'provisional') return ok({ kind: 'provisional', sipCode: code, rule });
  const event: CarrierEvent =
    entry.q850 === null ? { type: effect, sipCode: code } : { type: effect, sipCode: code, q850: entry.q850 };
  return ok(
    entry.policy === undefined ? { kind: 'event', event, rule } : { kind: 'event', event, rule, policy: entry.policy },
  );
}
