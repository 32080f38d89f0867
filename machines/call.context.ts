import { type AppendOnly, toArray } from './append-log.js';
import { parseCallInput, type CallConfig, type CallInput } from './input.js';
import {
  buildRecord,
  noFacts,
  type CallFacts,
  type CallRecord,
  type IgnoredEvent,
  type TimelineEntry,
} from './record.js';
import { CallEventError, eventTimeProblem } from './event-time.js';
import { formatInputError } from './result.js';
import { escapeControl } from './values.js';
import type { CallOutcome } from './taxonomy.js';

/**
 * The call machine's context and the pure functions its actions are made of: how time moves, how
 * events are named in the record, and how the record is built. The machine itself is in
 * call.machine.ts.
 *
 * Time: the machine keeps its own clock in context. External events say when they happened
 * (`at`, ms since the call started); a timer's transition happens exactly at its `deadline`. So
 * the record's times do not depend on the XState clock, and a restored call knows when its
 * pending timer is due (XState drops pending `after` timers on restore: see src/call/session.ts).
 */
export interface CallContext {
  readonly config: CallConfig;
  /** The time of the latest transition, ms on the call's clock. */
  readonly now: number;
  /** When the pending timer of the current state fires, or null when none is pending. */
  readonly deadline: number | null;
  /** Messages fully played; also the index of the message playing now. */
  readonly messagesPlayed: number;
  readonly sipCode: number | null;
  readonly q850: number | null;
  readonly startedAt: number | null;
  readonly ringingAt: number | null;
  readonly answeredAt: number | null;
  /** Appended in O(1) (see append-log.ts); a restored snapshot holds plain arrays. */
  readonly timeline: AppendOnly<TimelineEntry>;
  readonly ignoredEvents: AppendOnly<IgnoredEvent>;
}

/** The machine's input: a `CallInput` as users write it, validated when the actor starts. */
export type CallMachineInput = CallInput;

/** Thrown by the machine when started with an invalid input; `runScenario` reports it as a value. */
export class CallInputError extends Error {
  override readonly name = 'CallInputError';
}

/** The message playing now (or next), or undefined once all were played. */
export function currentMessage(context: CallContext) {
  return context.config.messages[context.messagesPlayed];
}

const AFTER_PREFIX = 'xstate.after.';

/**
 * When an event happened: a timer at its deadline, an external event at its `at`, or now (the
 * latest step) when it has none. Throws `CallEventError` for an `at` that is no time on the call's
 * clock or goes back before the latest step: the actor stops rather than write a wrong record.
 */
export function timeOf(context: CallContext, event: { type: string; at?: number }): number {
  if (event.type.startsWith(AFTER_PREFIX)) return context.deadline ?? context.now;
  const problem = eventTimeProblem(event.at, context.now);
  if (problem !== null) throw new CallEventError(`${escapeControl(event.type)}.at: ${problem}`);
  return event.at ?? context.now;
}

/** How an event is written in the record: `after:ringTimeout` for a timer, the event type otherwise. */
export function eventName(type: string): string {
  if (!type.startsWith(AFTER_PREFIX)) return type;
  return `after:${type.slice(AFTER_PREFIX.length).split('.')[0]}`;
}

/** The state a snapshot is in, written as a dotted path such as `connected.detecting`. */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['?', ''];
  return child === '' || child === undefined ? key : `${key}.${statePath(child)}`;
}

export type CarrierCodes = { sipCode?: number; q850?: number };

/**
 * The codes of a carrier event replace both of the record's codes together, so a record never
 * pairs one signal's SIP code with another signal's cause (a 183 ring, then a final that gave only
 * cause 19). An event that carries no code leaves the last ones in place.
 */
export function carrierCodes(context: CallContext, event: CarrierCodes) {
  const sipCode = typeof event.sipCode === 'number' ? event.sipCode : null;
  const q850 = typeof event.q850 === 'number' ? event.q850 : null;
  if (sipCode === null && q850 === null) return { sipCode: context.sipCode, q850: context.q850 };
  return { sipCode, q850 };
}

export function initialContext(input: CallMachineInput): CallContext {
  const parsed = parseCallInput(input, 'input');
  if (!parsed.ok) throw new CallInputError(formatInputError(parsed.error));
  return { config: parsed.value, now: 0, deadline: null, ...noFacts() };
}

/** What a call has established so far: the record's facts, whether or not the call has ended. */
export function factsSoFar(context: CallContext): CallFacts {
  return {
    messagesPlayed: context.messagesPlayed,
    sipCode: context.sipCode,
    q850: context.q850,
    startedAt: context.startedAt,
    ringingAt: context.ringingAt,
    answeredAt: context.answeredAt,
    timeline: toArray(context.timeline),
    ignoredEvents: toArray(context.ignoredEvents),
  };
}

/** The record of a call that ended with `outcome` (the final state's output). */
export function toRecord(context: CallContext, outcome: CallOutcome): CallRecord {
  const { callId, to } = context.config;
  return buildRecord(callId, to, outcome, factsSoFar(context), context.now);
}
