import { eventName } from '../../../machines/call.machine.js';
import type { CallConfig } from '../../call/input.js';
import type { CallRecord, IgnoredEvent, TimelineEntry } from '../../call/record.js';
import type { CallOutcome } from '../../taxonomy/table.js';
import { applyEffect, type CallState, type Effect, type EventPayload } from './call-state.js';
import { deriveEffect, deriveStart, factsOf, timerEventOf } from './derive.js';

/**
 * Effects derived so far, shared by every call of the process: a few hundred keys at most. The
 * key packs (state, event type, guard facts) into one small integer: no string is built per step.
 */
const effects = new Map<number, Effect>();
const stateIds = new Map<string, number>();
const typeIds = new Map<string, number>();
const timerEvents = new Map<string, string | null>();
const FACT_BITS = 512;
const TYPE_SLOTS = 1024;

function idOf(ids: Map<string, number>, name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    ids.set(name, id);
  }
  return id;
}

function effectFor(path: string, type: string, facts: number): Effect {
  const typeId = idOf(typeIds, type);
  // Past the slots, keys would collide: refuse rather than replay another event's effect.
  if (typeId >= TYPE_SLOTS) throw new Error(`the fast engine tells at most ${TYPE_SLOTS} event types apart, got "${type}"`);
  const key = (idOf(stateIds, path) * TYPE_SLOTS + typeId) * FACT_BITS + facts;
  let effect = effects.get(key);
  if (effect === undefined) {
    effect = path === '' ? deriveStart(facts) : deriveEffect(path, type, facts);
    effects.set(key, effect);
  }
  return effect;
}

function timerEventFor(path: string): string | null {
  let type = timerEvents.get(path);
  if (type === undefined) {
    type = timerEventOf(path);
    timerEvents.set(path, type);
  }
  return type;
}

/** An event for the fast engine: a scenario event, with `at` in ms on the call's clock. */
export type FastEvent = EventPayload & { readonly at: number };

/** The limit CallSession's clock puts on timers fired while settling (a guard against loops). */
const SETTLE_LIMIT = 10_000;

/**
 * One call run by the fast engine: the same API and the same record as `CallSession`, from
 * the machine's own transitions replayed out of a memo table (see derive.ts) instead of an actor.
 *
 * @example
 * const call = new FastCall(parseCallInput(input).value);
 * call.send({ type: 'carrier.ringing', at: 1200 });
 * call.settle();
 * call.record(); // → the record CallSession gives for the same events
 */
export class FastCall implements CallState {
  now = 0;
  deadline: number | null = null;
  messagesPlayed = 0;
  sipCode: number | null = null;
  q850: number | null = null;
  startedAt: number | null = null;
  ringingAt: number | null = null;
  answeredAt: number | null = null;
  outcome: CallOutcome | null = null;
  timeline: TimelineEntry[] = [];
  ignoredEvents: IgnoredEvent[] = [];
  /** Events after the end, recorded the way CallSession records them. */
  private late: IgnoredEvent[] | null = null;
  /** The state path, e.g. `ringing`. */
  state = '';
  done = false;
  /** The virtual clock: it moves with events and timers, while `now` moves only with transitions. */
  clock = 0;
  /** When the pending timer fires on the clock, or null. */
  private timerDue: number | null = null;

  constructor(readonly config: CallConfig) {
    this.step(effectFor('', 'xstate.init', factsOf(config, 0, { type: 'xstate.init' })), { type: 'xstate.init' }, 0);
  }

  /** Moves the clock to `event.at` (due timers fire first), then applies the event. */
  send(event: FastEvent): void {
    this.advanceTo(event.at);
    if (this.done) {
      const entry: { -readonly [K in keyof IgnoredEvent]: IgnoredEvent[K] } = { at: event.at, state: this.state, event: eventName(event.type) };
      if (event.sipCode !== undefined) entry.sipCode = event.sipCode;
      if (event.q850 !== undefined) entry.q850 = event.q850;
      (this.late ??= []).push(entry);
      return;
    }
    const t = event.at > this.now ? event.at : this.now;
    this.step(effectFor(this.state, event.type, factsOf(this.config, this.messagesPlayed, event)), event, t);
  }

  advanceTo(at: number): void {
    const target = at > this.clock ? at : this.clock;
    while (this.timerDue !== null && this.timerDue <= target) this.fireTimer();
    this.clock = target;
  }

  /** Fires timers until none is pending: the call ends unless it waits for an event. */
  settle(): void {
    for (let fired = 0; this.timerDue !== null; fired++) {
      if (fired >= SETTLE_LIMIT) throw new Error(`bug: still busy after ${SETTLE_LIMIT} timers`);
      this.fireTimer();
    }
  }

  /** The record of the ended call, or null while it is in progress. */
  record(): CallRecord | null {
    const outcome = this.outcome;
    if (!this.done || outcome === null) return null;
    return {
      callId: this.config.callId,
      to: this.config.to,
      status: outcome.status,
      subStatus: outcome.subStatus,
      resultCode: outcome.resultCode,
      messagesPlayed: this.messagesPlayed,
      sipCode: this.sipCode,
      q850: this.q850,
      startedAt: this.startedAt,
      ringingAt: this.ringingAt,
      answeredAt: this.answeredAt,
      endedAt: this.now,
      timeline: this.timeline,
      ignoredEvents: this.late === null ? this.ignoredEvents : [...this.ignoredEvents, ...this.late],
    } as CallRecord;
  }

  private fireTimer(): void {
    const type = timerEventFor(this.state) as string;
    this.clock = this.timerDue as number;
    const event = { type };
    this.step(effectFor(this.state, type, factsOf(this.config, this.messagesPlayed, event)), event, this.deadline ?? this.now);
  }

  private step(effect: Effect, event: EventPayload, t: number): void {
    applyEffect(this, effect, event, t);
    this.state = effect.target;
    this.done = effect.done;
    if (effect.entered.length > 0) {
      // XState schedules the timer on its clock when the state is entered; the machine's deadline
      // counts from the step's time. They differ only after an event that arrived out of time order.
      this.timerDue = this.done || this.deadline === null ? null : this.clock + (this.deadline - t);
    }
  }
}
