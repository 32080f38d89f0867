import type { CallOutcome } from './taxonomy.js';

/** One step of a call: at `at` ms the call entered `state` because of `event`. */
export interface TimelineEntry {
  readonly at: number;
  readonly state: string;
  readonly event: string;
}

/**
 * An event that did not apply where it arrived (late, duplicate or out of order). It changed
 * nothing; it is kept so that nothing a carrier said is lost.
 */
export interface IgnoredEvent {
  readonly at: number;
  /** The state the call was in when the event arrived. */
  readonly state: string;
  readonly event: string;
  readonly sipCode?: number;
  readonly q850?: number;
}

/** What a call's machine outputs when it ends, besides its outcome. */
export interface CallRecordFields {
  readonly callId: string;
  readonly to: string;
  /** Messages fully played (to a person or a voicemail). */
  readonly messagesPlayed: number;
  /** The SIP status code and Q.850 cause of the last carrier event that applied, or null. */
  readonly sipCode: number | null;
  readonly q850: number | null;
  /** When dialing began: null for a blacklisted call, which is never initiated. */
  readonly startedAt: number | null;
  readonly ringingAt: number | null;
  readonly answeredAt: number | null;
  readonly endedAt: number;
  readonly timeline: readonly TimelineEntry[];
  readonly ignoredEvents: readonly IgnoredEvent[];
}

/**
 * The record of one ended call: its outcome (a valid status, sub-status and result code) with the
 * facts that led to it. All times are ms on the call's clock (0 = start).
 */
export type CallRecord = CallOutcome & CallRecordFields;

/**
 * The record's fields in their one order: the machine's output, the fast engine's records, the
 * JSON and CSV files and the packed records between threads all follow it
 * (test/simulator/record-fields.test.ts checks each against this list, and that it names every
 * field of `CallRecord`).
 */
export const CALL_RECORD_FIELDS = [
  'callId',
  'to',
  'status',
  'subStatus',
  'resultCode',
  'messagesPlayed',
  'sipCode',
  'q850',
  'startedAt',
  'ringingAt',
  'answeredAt',
  'endedAt',
  'timeline',
  'ignoredEvents',
] as const satisfies readonly (keyof CallRecord)[];

/**
 * Every field of a record, with the outcome's three loosened to their unions: the shape a
 * field-by-field copy builds. Copying field by field is deliberate on the hot paths (an object
 * spread costs more than a simulated call when a million records go through).
 */
export type CallRecordShape = { readonly [K in keyof CallRecord]: CallRecord[K] };

/**
 * A record copied field by field from parts whose outcome was a valid `CallOutcome` where it came
 * from. The parameter's type rejects a missing or unknown field; this only restores the link
 * between status, sub-status and result code that TypeScript loses in such a copy.
 */
export function recordFromFields(fields: CallRecordShape): CallRecord {
  return fields as CallRecord;
}

/** What a call establishes as it goes: its record but for its identity, outcome and end. */
export type CallFacts = Omit<CallRecordFields, 'callId' | 'to' | 'endedAt'>;

/** The facts of a call before anything happened: no message played, no code, no time. */
export function noFacts(): CallFacts {
  return {
    messagesPlayed: 0,
    sipCode: null,
    q850: null,
    startedAt: null,
    ringingAt: null,
    answeredAt: null,
    timeline: [],
    ignoredEvents: [],
  };
}

/**
 * An ended call's record, in the one field order.
 *
 * @example
 * buildRecord('call-1', '+33612345678', { status: 'ERROR', subStatus: 'OTHER', resultCode: null }, noFacts(), 0);
 */
export function buildRecord(
  callId: string,
  to: string,
  outcome: CallOutcome,
  facts: CallFacts,
  endedAt: number,
): CallRecord {
  const { messagesPlayed, sipCode, q850, startedAt, ringingAt, answeredAt, timeline, ignoredEvents } = facts;
  return {
    callId,
    to,
    ...outcome,
    messagesPlayed,
    sipCode,
    q850,
    startedAt,
    ringingAt,
    answeredAt,
    endedAt,
    timeline,
    ignoredEvents,
  };
}
