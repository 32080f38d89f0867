import { parseCallInput, type CallConfig, type CallInput } from './input.js';
import type { CallRecord, IgnoredEvent, TimelineEntry } from './record.js';
import { formatInputError } from './result.js';
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
  readonly outcome: CallOutcome | null;
  readonly timeline: readonly TimelineEntry[];
  readonly ignoredEvents: readonly IgnoredEvent[];
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

/** When an event happened: a timer at its deadline, an external event at its `at` (never earlier than now). */
export function timeOf(context: CallContext, event: { type: string; at?: number }): number {
  if (event.type.startsWith(AFTER_PREFIX)) return context.deadline ?? context.now;
  return typeof event.at === 'number' && event.at > context.now ? event.at : context.now;
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
  return {
    config: parsed.value,
    now: 0,
    deadline: null,
    messagesPlayed: 0,
    sipCode: null,
    q850: null,
    startedAt: null,
    ringingAt: null,
    answeredAt: null,
    outcome: null,
    timeline: [],
    ignoredEvents: [],
  };
}

/** What a call has established so far: the record's facts, whether or not the call has ended. */
export function factsSoFar(context: CallContext) {
  return {
    messagesPlayed: context.messagesPlayed,
    sipCode: context.sipCode,
    q850: context.q850,
    startedAt: context.startedAt,
    ringingAt: context.ringingAt,
    answeredAt: context.answeredAt,
    timeline: context.timeline,
    ignoredEvents: context.ignoredEvents,
  };
}

export function toRecord(context: CallContext): CallRecord {
  if (context.outcome === null) throw new Error('bug: the call ended without an outcome');
  const { timeline, ignoredEvents, ...facts } = factsSoFar(context);
  // Key order is the record's documented order: identity, outcome, facts, end, then the lists.
  return {
    callId: context.config.callId,
    to: context.config.to,
    ...context.outcome,
    ...facts,
    endedAt: context.now,
    timeline,
    ignoredEvents,
  };
}
