import type { CarrierEvent, CarrierEventType } from '../../machines/events.js';
import { describeValue, fail, ok, type Result } from '../../machines/result.js';
import type { PolicyId } from './policies.js';

/**
 * One Q.850 cause. `sip` is the response RFC 3398 §7.2.4.1 maps it to (null for 16, which is a BYE,
 * not a response); causes the RFC does not list take its default, 500.
 */
export interface Q850Row {
  readonly cause: number;
  readonly name: string;
  readonly event: CarrierEventType;
  readonly sip: number | null;
  readonly policy?: PolicyId;
}

const row = (cause: number, name: string, event: CarrierEventType, sip: number | null, policy?: PolicyId): Q850Row =>
  policy === undefined ? { cause, name, event, sip } : { cause, name, event, sip, policy };

/**
 * The causes ITU-T Q.850 defines. A number from 1 to 127 without a row is unassigned and maps as ERROR/OTHER.
 *
 * @example
 * Q850_TABLE.find((row) => row.cause === 17); // → { cause: 17, name: 'User busy', event: 'carrier.busy', sip: 486 }
 */
export const Q850_TABLE: readonly Q850Row[] = [
  row(1, 'Unallocated (unassigned) number', 'carrier.unallocated', 404),
  row(2, 'No route to specified transit network', 'carrier.unallocated', 404),
  row(3, 'No route to destination', 'carrier.unallocated', 404),
  row(4, 'Send special information tone', 'carrier.failed', 500),
  row(5, 'Misdialled trunk prefix', 'carrier.failed', 500),
  row(6, 'Channel unacceptable', 'carrier.failed', 500),
  row(7, 'Call awarded and being delivered in an established channel', 'carrier.failed', 500),
  row(8, 'Preemption', 'carrier.failed', 500),
  row(9, 'Preemption, circuit reserved for reuse', 'carrier.failed', 500),
  row(16, 'Normal call clearing', 'carrier.failed', null, 'q850-normal-before-pickup'),
  row(17, 'User busy', 'carrier.busy', 486),
  row(18, 'No user responding', 'carrier.noAnswer', 408),
  row(19, 'No answer from user (user alerted)', 'carrier.noAnswer', 480),
  row(20, 'Subscriber absent', 'carrier.noAnswer', 480),
  row(21, 'Call rejected', 'carrier.rejected', 403),
  row(22, 'Number changed', 'carrier.unallocated', 410, 'sip-410'),
  row(23, 'Redirection to new destination', 'carrier.failed', 410),
  row(25, 'Exchange routing error', 'carrier.failed', 500),
  row(26, 'Non-selected user clearing', 'carrier.failed', 404),
  row(27, 'Destination out of order', 'carrier.failed', 502),
  row(28, 'Invalid number format (address incomplete)', 'carrier.unallocated', 484, 'sip-484'),
  row(29, 'Facility rejected', 'carrier.failed', 501),
  row(30, 'Response to STATUS ENQUIRY', 'carrier.failed', 500),
  row(31, 'Normal, unspecified', 'carrier.failed', 480, 'q850-normal-before-pickup'),
  row(34, 'No circuit/channel available', 'carrier.failed', 503),
  row(38, 'Network out of order', 'carrier.failed', 503),
  row(41, 'Temporary failure', 'carrier.failed', 503),
  row(42, 'Switching equipment congestion', 'carrier.failed', 503),
  row(43, 'Access information discarded', 'carrier.failed', 500),
  row(44, 'Requested circuit/channel not available', 'carrier.failed', 500),
  row(46, 'Precedence call blocked', 'carrier.failed', 500),
  row(47, 'Resource unavailable, unspecified', 'carrier.failed', 503),
  row(49, 'Quality of service not available', 'carrier.failed', 500),
  row(50, 'Requested facility not subscribed', 'carrier.failed', 500),
  row(52, 'Outgoing calls barred', 'carrier.failed', 500, 'q850-barred'),
  row(53, 'Outgoing calls barred within CUG', 'carrier.failed', 500, 'q850-barred'),
  row(54, 'Incoming calls barred', 'carrier.failed', 500, 'q850-barred'),
  row(55, 'Incoming calls barred within CUG', 'carrier.failed', 403, 'q850-barred'),
  row(57, 'Bearer capability not authorized', 'carrier.failed', 403, 'q850-barred'),
  row(58, 'Bearer capability not presently available', 'carrier.failed', 503),
  row(62, 'Inconsistency in outgoing access information and subscriber class', 'carrier.failed', 500),
  row(63, 'Service or option not available, unspecified', 'carrier.failed', 500),
  row(65, 'Bearer capability not implemented', 'carrier.failed', 488),
  row(66, 'Channel type not implemented', 'carrier.failed', 500),
  row(69, 'Requested facility not implemented', 'carrier.failed', 500),
  row(70, 'Only restricted digital information bearer capability is available', 'carrier.failed', 488),
  row(79, 'Service or option not implemented, unspecified', 'carrier.failed', 501),
  row(81, 'Invalid call reference value', 'carrier.failed', 500),
  row(82, 'Identified channel does not exist', 'carrier.failed', 500),
  row(83, 'A suspended call exists, but this call identity does not', 'carrier.failed', 500),
  row(84, 'Call identity in use', 'carrier.failed', 500),
  row(85, 'No call suspended', 'carrier.failed', 500),
  row(86, 'Call having the requested call identity has been cleared', 'carrier.failed', 500),
  row(87, 'User not member of CUG', 'carrier.failed', 403, 'q850-barred'),
  row(88, 'Incompatible destination', 'carrier.failed', 503),
  row(90, 'Non-existent CUG', 'carrier.failed', 500),
  row(91, 'Invalid transit network selection', 'carrier.failed', 500),
  row(95, 'Invalid message, unspecified', 'carrier.failed', 500),
  row(96, 'Mandatory information element is missing', 'carrier.failed', 500),
  row(97, 'Message type non-existent or not implemented', 'carrier.failed', 500),
  row(
    98,
    'Message not compatible with call state or message type non-existent or not implemented',
    'carrier.failed',
    500,
  ),
  row(99, 'Information element / parameter non-existent or not implemented', 'carrier.failed', 500),
  row(100, 'Invalid information element contents', 'carrier.failed', 500),
  row(101, 'Message not compatible with call state', 'carrier.failed', 500),
  row(102, 'Recovery on timer expiry', 'carrier.failed', 504),
  row(103, 'Parameter non-existent or not implemented, passed on', 'carrier.failed', 500),
  row(110, 'Message with unrecognized parameter, discarded', 'carrier.failed', 500),
  row(111, 'Protocol error, unspecified', 'carrier.failed', 500),
  row(127, 'Interworking, unspecified', 'carrier.failed', 500),
];

const ROWS = new Map(Q850_TABLE.map((entry) => [entry.cause, entry]));

/**
 * Whether a value is a Q.850 cause (a whole number from 1 to 127).
 *
 * @example
 * isQ850Cause(17); // → true
 */
export function isQ850Cause(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 127;
}

/**
 * A cause given as a number or a numeric string (Asterisk and FreeSWITCH send strings), or null.
 *
 * @example
 * q850CauseOf('17'); // → 17
 */
export function q850CauseOf(value: unknown): number | null {
  const number = typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value;
  return isQ850Cause(number) ? number : null;
}

/**
 * The row of a valid cause; an unassigned cause gets an ERROR/OTHER row of its own.
 *
 * @example
 * q850RowFor(10); // → { cause: 10, name: 'unassigned cause value', event: 'carrier.failed', sip: 500 }
 */
export function q850RowFor(cause: number): Q850Row {
  return ROWS.get(cause) ?? { cause, name: 'unassigned cause value', event: 'carrier.failed', sip: 500 };
}

/** The result of `fromQ850`. */
export interface Q850Mapping {
  readonly event: CarrierEvent;
  readonly rule: string;
  readonly policy?: PolicyId;
}

/**
 * Maps a Q.850 cause (1–127) to the machine's carrier event, with the cause kept on it.
 * `ringing: false` (no ring observed) turns a no-answer cause into a failure.
 *
 * @example
 * fromQ850(17); // → { ok: true, value: { event: { type: 'carrier.busy', q850: 17 }, rule: '17 User busy' } }
 * fromQ850(0);  // → { ok: false, error: { path: 'q850', message: 'expected a Q.850 cause from 1 to 127, got 0' } }
 */
export function fromQ850(
  cause: unknown,
  context: { readonly ringing?: boolean } = {},
  path = 'q850',
): Result<Q850Mapping> {
  if (!isQ850Cause(cause)) return fail(path, `expected a Q.850 cause from 1 to 127, got ${describeValue(cause)}`);
  const entry = q850RowFor(cause);
  const type = entry.event === 'carrier.noAnswer' && context.ringing === false ? 'carrier.failed' : entry.event;
  const mapping = { event: { type, q850: cause }, rule: `${cause} ${entry.name}` };
  return ok(entry.policy === undefined ? mapping : { ...mapping, policy: entry.policy });
}
