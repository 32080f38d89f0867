import type { TimerName } from '../../../machines/timers.js';
import type { CallConfig } from '../../../machines/input.js';
import type { IgnoredEvent, TimelineEntry } from '../../../machines/record.js';
import type { CallOutcome } from '../../../machines/taxonomy.js';

/** The context fields of the call machine the fast engine keeps, under the same names. */
export interface CallState {
  config: CallConfig;
  now: number;
  deadline: number | null;
  messagesPlayed: number;
  sipCode: number | null;
  q850: number | null;
  startedAt: number | null;
  ringingAt: number | null;
  answeredAt: number | null;
  outcome: CallOutcome | null;
  timeline: TimelineEntry[];
  ignoredEvents: IgnoredEvent[];
}

/** Which of `startedAt`, `ringingAt`, `answeredAt` a macrostep sets to its time. */
export const MARK_STARTED = 1;
export const MARK_RINGING = 2;
export const MARK_ANSWERED = 4;

/** The timer a state arms on entry: one of the configured timeouts, or the current message's duration. */
export type ArmedTimer = `${TimerName}` | 'message';

/**
 * What one macrostep of the call machine does to the context, for one (state, event, guard facts)
 * key: read off the machine by `deriveEffect`, replayed by `applyEffect`. Every time the step
 * writes is the step's time `t` (the event's, or the timer's deadline).
 */
export interface Effect {
  /** The state path after the step, e.g. `connected.playing.timedMessage`. */
  readonly target: string;
  readonly done: boolean;
  /** The leaf states entered, in order: one timeline entry each. Empty: the state did not change. */
  readonly entered: readonly string[];
  /** The event as the timeline writes it (`after:ringTimeout` for a timer). */
  readonly eventName: string;
  readonly marks: number;
  /** Messages counted as played by the step (0 or 1). */
  readonly played: number;
  /** Whether the step keeps the event's `sipCode` and `q850`. */
  readonly keepCodes: boolean;
  /** The timer armed by the state entered last, or null. */
  readonly timer: ArmedTimer | null;
  /** Whether the event was recorded as ignored in the state it arrived in. */
  readonly ignored: boolean;
  readonly outcome: CallOutcome | null;
}

/** The payload fields of an event the machine reads. */
export interface EventPayload {
  readonly type: string;
  readonly sipCode?: number;
  readonly q850?: number;
  readonly messageId?: string;
}

function timerMs(state: CallState, timer: ArmedTimer): number {
  if (timer === 'message') return state.config.messages[state.messagesPlayed]?.durationMs ?? 0;
  return state.config.timeouts[timer];
}

/** Applies one derived step at time `t` to a call's state, exactly as the machine's actions would. */
export function applyEffect(state: CallState, effect: Effect, event: EventPayload, t: number): void {
  if (effect.ignored) {
    // The machine names the state by the last timeline entry (every leaf writes one on entry).
    const last = state.timeline[state.timeline.length - 1];
    const entry: { -readonly [K in keyof IgnoredEvent]: IgnoredEvent[K] } = {
      at: t,
      state: last === undefined ? '' : last.state,
      event: event.type,
    };
    if (typeof event.sipCode === 'number') entry.sipCode = event.sipCode;
    if (typeof event.q850 === 'number') entry.q850 = event.q850;
    state.ignoredEvents.push(entry);
  }
  // As the machine's replaceCarrierCodes: an event with any code replaces both, one without keeps them.
  if (effect.keepCodes && (typeof event.sipCode === 'number' || typeof event.q850 === 'number')) {
    state.sipCode = typeof event.sipCode === 'number' ? event.sipCode : null;
    state.q850 = typeof event.q850 === 'number' ? event.q850 : null;
  }
  if (effect.marks & MARK_STARTED) state.startedAt = t;
  if (effect.marks & MARK_RINGING) state.ringingAt = t;
  if (effect.marks & MARK_ANSWERED) state.answeredAt = t;
  state.messagesPlayed += effect.played;
  const { entered } = effect;
  if (entered.length > 0) {
    for (let i = 0; i < entered.length; i++)
      state.timeline.push({ at: t, state: entered[i] as string, event: effect.eventName });
    state.now = t;
    state.deadline = effect.timer === null ? null : t + timerMs(state, effect.timer);
  }
  if (effect.outcome !== null) state.outcome = effect.outcome;
}
