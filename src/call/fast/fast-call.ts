import { eventName } from '../../../machines/call.machine.js';
import type { CallConfig } from '../../../machines/input.js';
import { recordFromFields, type CallRecord, type IgnoredEvent, type TimelineEntry } from '../../../machines/record.js';
import type { CallOutcome } from '../../../machines/taxonomy.js';
import { applyEffect, type CallState, type Effect, type EventPayload } from './call-state.js';
import { deriveEffect, deriveStart, factsOf, timerEventOf } from './derive.js';

/**
 * Effects derived so far, shared by every call of the process: a few hundred keys at most. The
 * key packs (state, event type, guard facts) into one small integer; a call keeps its state as a
 * slot holding that state's number and timer, so a step looks up one string at most (the event's).
 */
interface StateSlot {
  readonly path: string;
  readonly id: number;
  /** The timer event the state waits on, with its type's number, or null. */
  readonly timer: { readonly type: string; readonly typeId: number } | null;
}

interface Step {
  readonly effect: Effect;
  readonly target: StateSlot;
}

const steps = new Map<number, Step>();
const slots = new Map<string, StateSlot>();
const typeIds = new Map<string, number>();
const FACT_BITS = 512;
const TYPE_SLOTS = 1024;

function typeIdOf(type: string): number {
  let id = typeIds.get(type);
  if (id === undefined) {
    id = typeIds.size;
    // Past the slots, keys would collide: refuse rather than replay another event's effect.
    if (id >= TYPE_SLOTS)
      throw new Error(`the fast engine tells at most ${TYPE_SLOTS} event types apart, got "${type}"`);
    typeIds.set(type, id);
  }
  return id;
}

function slotOf(path: string): StateSlot {
  let slot = slots.get(path);
  if (slot === undefined) {
    const type = path === '' ? null : timerEventOf(path);
    slot = { path, id: slots.size, timer: type === null ? null : { type, typeId: typeIdOf(type) } };
    slots.set(path, slot);
  }
  return slot;
}

/** Before the first step: the machine's initial macrostep is keyed as this slot's `xstate.init`. */
const START = slotOf('');
const INIT = { type: 'xstate.init' } as const;
const INIT_ID = typeIdOf(INIT.type);

function stepFor(slot: StateSlot, type: string, typeId: number, facts: number): Step {
  const key = (slot.id * TYPE_SLOTS + typeId) * FACT_BITS + facts;
  let step = steps.get(key);
  if (step === undefined) {
    const effect = slot === START ? deriveStart(facts) : deriveEffect(slot.path, type, facts);
    step = { effect, target: slotOf(effect.target) };
    steps.set(key, step);
  }
  return step;
}

/** An event for the fast engine: a scenario event, with `at` in ms on the call's clock. */
export type FastEvent = EventPayload & { readonly at: number };

/** A call in progress saved by `FastCall.save()`: plain JSON (a type, so it is a JSON record too). */
export type SavedFastCall = Omit<CallState, 'timeline' | 'ignoredEvents'> & {
  readonly state: string;
  readonly clock: number;
  readonly timerDue: number | null;
  readonly timeline: readonly TimelineEntry[];
  readonly ignoredEvents: readonly IgnoredEvent[];
};

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
  private slot: StateSlot = START;
  done = false;
  /** The virtual clock: it moves with events and timers, while `now` moves only with transitions. */
  clock = 0;
  /** When the pending timer fires on the clock, or null. */
  private timerDue: number | null = null;

  constructor(readonly config: CallConfig) {
    this.step(stepFor(START, INIT.type, INIT_ID, factsOf(config, 0, INIT)), INIT, 0);
  }

  /** The state path, e.g. `connected.playing.timedMessage`. */
  get state(): string {
    return this.slot.path;
  }

  /** When the pending timer fires on the call's clock, or null when none is pending. */
  get timerAt(): number | null {
    return this.timerDue;
  }

  /** The whole state of the call as plain JSON, for `FastCall.restore`. */
  save(): SavedFastCall {
    const { config, now, deadline, messagesPlayed, sipCode, q850, startedAt, ringingAt, answeredAt, outcome } = this;
    return structuredClone({
      config,
      state: this.slot.path,
      clock: this.clock,
      timerDue: this.timerDue,
      now,
      deadline,
      messagesPlayed,
      sipCode,
      q850,
      startedAt,
      ringingAt,
      answeredAt,
      outcome,
      timeline: this.timeline,
      ignoredEvents: this.ignoredEvents,
    });
  }

  /** Continues a call saved by `save()` (checked by its caller: see src/live/saved.ts). */
  static restore(saved: SavedFastCall): FastCall {
    const call = Object.create(FastCall.prototype) as FastCall;
    const { state, timerDue, ...fields } = structuredClone(saved);
    Object.assign(call, fields, { late: null, slot: slotOf(state), done: false, timerDue });
    return call;
  }

  /** Moves the clock to `event.at` (due timers fire first), then applies the event. */
  send(event: FastEvent): void {
    this.advanceTo(event.at);
    if (this.done) {
      const entry: { -readonly [K in keyof IgnoredEvent]: IgnoredEvent[K] } = {
        at: event.at,
        state: this.state,
        event: eventName(event.type),
      };
      if (event.sipCode !== undefined) entry.sipCode = event.sipCode;
      if (event.q850 !== undefined) entry.q850 = event.q850;
      this.late ??= [];
      this.late.push(entry);
      return;
    }
    const t = Math.max(event.at, this.now);
    this.step(
      stepFor(this.slot, event.type, typeIdOf(event.type), factsOf(this.config, this.messagesPlayed, event)),
      event,
      t,
    );
  }

  advanceTo(at: number): void {
    const target = Math.max(at, this.clock);
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
    return recordFromFields({
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
    });
  }

  private fireTimer(): void {
    const timer = this.slot.timer;
    if (timer === null) throw new Error(`bug: a timer is due in ${this.slot.path}, which has none`);
    this.clock = this.timerDue as number;
    this.step(
      stepFor(this.slot, timer.type, timer.typeId, factsOf(this.config, this.messagesPlayed, timer)),
      timer,
      this.deadline ?? this.now,
    );
  }

  private step({ effect, target }: Step, event: EventPayload, t: number): void {
    applyEffect(this, effect, event, t);
    this.slot = target;
    this.done = effect.done;
    if (effect.entered.length > 0) {
      // XState schedules the timer on its clock when the state is entered; the machine's deadline
      // counts from the step's time. They differ only after an event that arrived out of time order.
      this.timerDue = this.done || this.deadline === null ? null : this.clock + (this.deadline - t);
    }
  }
}
