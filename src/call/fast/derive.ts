import { createActor, getInitialSnapshot, pathToStateValue, type AnyStateNode } from 'xstate';
import { callMachine, eventName, statePath, type CallContext } from '../../../machines/call.machine.js';
import type { CallEvent } from '../../../machines/events.js';
import { noFacts, type CallRecord } from '../../../machines/record.js';
import { routeEvent } from '../../../machines/route-event.js';
import type { CallOutcome } from '../../../machines/taxonomy.js';
import { TIMER_NAMES } from '../../../machines/timers.js';
import { VirtualClock } from '../clock.js';
import type { CallConfig, MessageSpec } from '../../../machines/input.js';
import {
  applyEffect,
  MARK_ANSWERED,
  MARK_RINGING,
  MARK_STARTED,
  type ArmedTimer,
  type CallState,
  type Effect,
  type EventPayload,
} from './call-state.js';

/**
 * Reads the call machine's transitions off the machine itself, one (state, event, guard facts)
 * key at a time: the state is built with a representative context, XState takes the step
 * (`getNextSnapshot`), and the difference in context becomes an `Effect`. Each effect is then
 * replayed on the same representative and must give XState's context exactly, or derivation
 * throws: the fast engine never runs a step it cannot reproduce.
 *
 * The guard facts are the only things guards read besides the state: the call's flags, whether
 * the current and next messages exist and are timed, and how a `playback.ended` names its message.
 */
const FACT_BLACKLISTED = 1;
const FACT_AMD = 2;
const FACT_VOICEMAIL_HANGUP = 4;
const FACT_CURRENT = 8;
const FACT_CURRENT_TIMED = 16;
const FACT_NEXT = 32;
const FACT_NEXT_TIMED = 64;
const FACT_ID_CURRENT = 128;
const FACT_ID_OTHER = 256;

/** The guard facts of a call's state for an event. */
export function factsOf(config: CallConfig, messagesPlayed: number, event: EventPayload): number {
  const { messages } = config;
  const current = messages[messagesPlayed];
  const next = messages[messagesPlayed + 1];
  let facts =
    (config.blacklisted ? FACT_BLACKLISTED : 0) |
    (config.amd ? FACT_AMD : 0) |
    (config.voicemail === 'hangup' ? FACT_VOICEMAIL_HANGUP : 0);
  if (current !== undefined) facts |= FACT_CURRENT | (current.durationMs !== undefined ? FACT_CURRENT_TIMED : 0);
  if (next !== undefined) facts |= FACT_NEXT | (next.durationMs !== undefined ? FACT_NEXT_TIMED : 0);
  if (event.messageId !== undefined) facts |= event.messageId === current?.id ? FACT_ID_CURRENT : FACT_ID_OTHER;
  return facts;
}

// Representative values, all distinct, so each one found in XState's result says where it came from.
const T0 = 1_000_000;
const EVENT_AT = T0 + 1_000;
const TIMER_DUE = T0 + 2_000;
const TIMEOUTS = {
  carrierMs: 100_003,
  proceedingMs: 100_017,
  ringMs: 100_005,
  amdMs: 100_007,
  beepMs: 100_011,
  releaseMs: 100_013,
};
const EVENT_CODES = { sipCode: 222, q850: 33 };

function message(id: string, timed: boolean, ms: number): MessageSpec {
  return timed ? { id, durationMs: ms } : { id };
}

/** Messages matching the facts, with `played` of them already played. */
function representativeMessages(facts: number, played: number): MessageSpec[] {
  const messages = played === 1 ? [message('m0', true, 100_019)] : [];
  if (facts & FACT_CURRENT) messages.push(message('m1', (facts & FACT_CURRENT_TIMED) !== 0, 100_023));
  if (facts & FACT_CURRENT && facts & FACT_NEXT) messages.push(message('m2', (facts & FACT_NEXT_TIMED) !== 0, 100_029));
  return messages;
}

function representativeConfig(facts: number, played: number): CallConfig {
  return {
    callId: 'representative',
    to: '+10000000000',
    messages: representativeMessages(facts, played),
    blacklisted: (facts & FACT_BLACKLISTED) !== 0,
    amd: (facts & FACT_AMD) !== 0,
    voicemail: facts & FACT_VOICEMAIL_HANGUP ? 'hangup' : 'leave',
    timeouts: TIMEOUTS,
  };
}

function stateNode(path: string): AnyStateNode {
  return callMachine.getStateNodeById(`call.${path}`);
}

/** The event type of the timer a state waits on (`xstate.after.ringTimeout.call.ringing`), or null. */
export function timerEventOf(path: string): string | null {
  for (let node: AnyStateNode | undefined = stateNode(path); node !== undefined; node = node.parent) {
    const [after] = node.after;
    if (after !== undefined) return after.eventType;
  }
  return null;
}

function copyState(context: CallContext): CallState {
  return { ...context, outcome: null, timeline: [...context.timeline], ignoredEvents: [...context.ignoredEvents] };
}

/** The outcome a step ended the call with: its final state's output, which the record starts with. */
function outcomeOf(snapshot: { status: string; output?: CallRecord | undefined }): CallOutcome | null {
  if (snapshot.status !== 'done' || snapshot.output === undefined) return null;
  const { status, subStatus, resultCode } = snapshot.output;
  return { status, subStatus, resultCode } as CallOutcome;
}

function armedTimer(next: CallContext, t: number): ArmedTimer | null {
  if (next.deadline === null) return null;
  const delay = next.deadline - t;
  const timer = TIMER_NAMES.find((name) => TIMEOUTS[name] === delay);
  if (timer !== undefined) return timer;
  if (next.config.messages[next.messagesPlayed]?.durationMs === delay) return 'message';
  throw new Error(`bug: cannot tell which timer a deadline of +${delay} ms comes from`);
}

function diff(
  before: CallContext,
  next: CallContext,
  type: string,
  t: number,
  target: string,
  outcome: CallOutcome | null,
): Effect {
  const added = next.timeline.slice(before.timeline.length);
  const mark = (was: number | null, now: number | null, bit: number) => (now !== was && now === t ? bit : 0);
  return {
    target,
    done: outcome !== null,
    entered: added.map((entry) => entry.state),
    eventName: eventName(type),
    marks:
      mark(before.startedAt, next.startedAt, MARK_STARTED) |
      mark(before.ringingAt, next.ringingAt, MARK_RINGING) |
      mark(before.answeredAt, next.answeredAt, MARK_ANSWERED),
    played: next.messagesPlayed - before.messagesPlayed,
    keepCodes: next.sipCode === EVENT_CODES.sipCode || next.q850 === EVENT_CODES.q850,
    timer: added.length > 0 ? armedTimer(next, t) : null,
    ignored: next.ignoredEvents.length > before.ignoredEvents.length,
    outcome,
  };
}

/** Replays the effect on the representative and insists on XState's exact context. */
function verify(
  before: CallContext,
  next: CallContext,
  effect: Effect,
  from: string,
  event: EventPayload,
  t: number,
): Effect {
  const replayed = copyState(before);
  applyEffect(replayed, effect, event, t);
  // The outcome is not in the machine's context but in its output, which `diff` read it from.
  const expected = JSON.stringify({ ...next, config: null });
  const actual = JSON.stringify({ ...replayed, config: null, outcome: undefined });
  if (actual !== expected)
    throw new Error(
      `bug: the fast engine cannot replay ${from} on ${event.type}: XState gives ${expected}, the effect ${actual}`,
    );
  return effect;
}

/**
 * The effect of `type` arriving in state `path` (a dotted leaf path) under `facts`.
 *
 * @example
 * deriveEffect('ringing', 'carrier.busy', FACT_AMD | FACT_CURRENT | FACT_CURRENT_TIMED).target; // → 'busy'
 */
export function deriveEffect(path: string, type: string, facts: number): Effect {
  const isTimer = type.startsWith('xstate.after.');
  const played = facts & FACT_CURRENT ? 1 : 0;
  const config = representativeConfig(facts, played);
  const context: CallContext = {
    config,
    now: T0,
    deadline: isTimer ? TIMER_DUE : T0 + 5_000,
    messagesPlayed: played === 1 ? 1 : config.messages.length,
    sipCode: 111,
    q850: 99,
    startedAt: null,
    ringingAt: null,
    answeredAt: null,
    timeline: [
      { at: 0, state: 'initiating', event: 'xstate.init' },
      { at: T0, state: path, event: 'representative' },
    ],
    ignoredEvents: [],
  };
  const snapshot = callMachine.resolveState({ value: pathToStateValue(path.split('.')), context });
  const messageId =
    facts & FACT_ID_CURRENT
      ? config.messages[context.messagesPlayed]?.id
      : facts & FACT_ID_OTHER
        ? 'another-message'
        : undefined;
  const event: EventPayload & { at?: number } = isTimer
    ? { type }
    : { type, at: EVENT_AT, ...EVENT_CODES, ...(messageId === undefined ? {} : { messageId }) };
  const t = isTimer ? TIMER_DUE : EVENT_AT;
  // A live actor restored at the state, on a clock that never moves. An event the state does not
  // handle goes in as `call.ignore`, as every runner of the machine sends it (routeEvent).
  const actor = createActor(callMachine, { snapshot, clock: new VirtualClock(), input: undefined as never }).start();
  actor.send(isTimer ? (event as never) : routeEvent(actor.getSnapshot(), event as CallEvent));
  const next = actor.getSnapshot();
  actor.stop();
  const effect = diff(context, next.context, type, t, statePath(next.value), outcomeOf(next));
  return verify(context, next.context, effect, path, event, t);
}

/** The effect of starting a call: the machine's initial macrostep, at time 0. */
export function deriveStart(facts: number): Effect {
  const config = representativeConfig(facts | FACT_CURRENT, 0);
  const snapshot = getInitialSnapshot(callMachine, config);
  const before: CallContext = { ...snapshot.context, now: 0, deadline: null, ...noFacts() };
  const effect = diff(before, snapshot.context, 'xstate.init', 0, statePath(snapshot.value), outcomeOf(snapshot));
  return verify(before, snapshot.context, effect, 'initiating', { type: 'xstate.init' }, 0);
}
