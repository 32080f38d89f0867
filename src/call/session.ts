import { createActor, type Actor, type AnyStateNode, type SnapshotFrom } from 'xstate';
import { factsSoFar } from '../../machines/call.context.js';
import { callMachine, eventName, statePath, type CallMachine } from '../../machines/call.machine.js';
import { CallEventError, eventTimeProblem } from '../../machines/event-time.js';
import type { CallEvent } from '../../machines/events.js';
import { routeEvent } from '../../machines/route-event.js';
import { escapeControl } from '../../machines/values.js';
import { awaitedEvents } from './awaited-events.js';
import { VirtualClock } from './clock.js';
import type { CallInput } from '../../machines/input.js';
import type { CallRecord, IgnoredEvent } from '../../machines/record.js';

/** An event with the time it happened, ms on the call's clock. */
export type TimedCallEvent = CallEvent & { readonly at: number };

/**
 * A call saved at any step, as plain JSON: the machine's persisted snapshot, the clock's time, and
 * the events that arrived after the call ended.
 */
export interface SavedCall {
  readonly version: 1;
  readonly clockNow: number;
  readonly snapshot: unknown;
  readonly lateEvents: readonly IgnoredEvent[];
}

type CallActor = Actor<CallMachine>;

/**
 * One call in progress: the call machine's actor on a `VirtualClock`, fed events in time order.
 * It is what `runScenario`, provider replays and persistence share.
 *
 * @example
 * const call = CallSession.start({ to: '+33612345678', messages: [{ id: 'm1', durationMs: 8000 }] });
 * call.send({ type: 'carrier.ringing', at: 1200 });
 * call.send({ type: 'carrier.answered', at: 6000 });
 * call.send({ type: 'amd.human', at: 7500 });
 * call.settle();
 * call.record(); // → { status: 'ANSWERED', subStatus: 'COMPLETE', resultCode: null, … }
 */
export class CallSession {
  private failure: unknown = null;

  private constructor(
    private readonly actor: CallActor,
    readonly clock: VirtualClock,
    private readonly lateEvents: IgnoredEvent[],
  ) {
    actor.subscribe({
      error: (error) => {
        this.failure = error;
      },
    });
    actor.start();
    this.rethrow();
  }

  /** Starts a call. Throws `CallInputError` for an invalid input (`parseCallInput` says why first). */
  static start(input: CallInput): CallSession {
    const clock = new VirtualClock();
    return new CallSession(createActor(callMachine, { input, clock }), clock, []);
  }

  /**
   * Continues a saved call. XState restores the state but not its pending `after` timer
   * (statelyai/xstate#5331), so the timer is armed again here from the deadline the machine keeps
   * in its context, under the id XState's own exit action cancels.
   */
  static restore(saved: SavedCall): CallSession {
    const clock = new VirtualClock(saved.clockNow);
    const snapshot = saved.snapshot as SnapshotFrom<CallMachine>;
    // The input only seeds a new call's context; a restored call takes its context from the snapshot.
    const actor = createActor(callMachine, { snapshot, clock, input: undefined as never });
    const session = new CallSession(actor, clock, [...saved.lateEvents]);
    session.rearmTimer();
    return session;
  }

  get done(): boolean {
    return this.snapshot().status === 'done';
  }

  /** The current state as a dotted path, e.g. `connected.playing.timedMessage`. */
  get state(): string {
    return statePath(this.snapshot().value);
  }

  /** When the call was picked up, or null while it has not been. */
  get answeredAt(): number | null {
    return this.snapshot().context.answeredAt;
  }

  /**
   * Moves the clock to `at` (timers due by then fire at their own times), then applies the event;
   * an event placed before the call's latest step happens at that step (provider logs report
   * some signals late, see carriers/replay.ts). Throws `CallEventError`, with the call unchanged,
   * for an `at` that is no time on the call's clock: `NaN`, `Infinity`, negative, a `Date.now()`.
   */
  send(event: TimedCallEvent): void {
    const problem = eventTimeProblem(event.at, null);
    if (problem !== null) throw new CallEventError(`${escapeControl(String(event.type))}.at: ${problem}`);
    this.advanceTo(event.at);
    if (this.done) {
      this.lateEvents.push(lateEvent(event, this.state));
      return;
    }
    const latest = this.snapshot().context.now;
    const timed = event.at < latest ? { ...event, at: latest } : event;
    this.actor.send(routeEvent(this.snapshot(), timed));
    this.rethrow();
  }

  advanceTo(at: number): void {
    this.clock.advanceTo(Math.max(at, this.clock.now()));
    this.rethrow();
  }

  /** Lets every pending timer fire: the call ends unless it waits for an external event. */
  settle(): void {
    this.clock.runUntilIdle();
    this.rethrow();
  }

  /** The record of the ended call (late events included), or null while it is in progress. */
  record(): CallRecord | null {
    const output = this.snapshot().output;
    if (output === undefined) return null;
    if (this.lateEvents.length === 0) return output;
    return { ...output, ignoredEvents: [...output.ignoredEvents, ...this.lateEvents] };
  }

  /** What the call knows so far, for a call that has not ended. */
  progress() {
    return {
      state: this.state,
      at: this.clock.now(),
      waitingFor: this.waitingFor(),
      ...factsSoFar(this.snapshot().context),
    };
  }

  /** The events the current state handles (the ones that could move the call on). */
  waitingFor(): string[] {
    return awaitedEvents(this.state);
  }

  save(): SavedCall {
    const snapshot = this.actor.getPersistedSnapshot();
    return JSON.parse(
      JSON.stringify({ version: 1, clockNow: this.clock.now(), snapshot, lateEvents: this.lateEvents }),
    );
  }

  private snapshot() {
    return this.actor.getSnapshot();
  }

  private leafNode(): AnyStateNode | undefined {
    return callMachine.getStateNodeById(`call.${this.state}`);
  }

  private rearmTimer(): void {
    const { deadline } = this.snapshot().context;
    if (this.done || deadline === null) return;
    for (let node = this.leafNode(); node !== undefined; node = node.parent) {
      for (const transition of node.after) {
        const type = transition.eventType;
        const delay = Math.max(0, deadline - this.clock.now());
        this.actor.system.scheduler.schedule(this.actor, this.actor, { type }, delay, type);
      }
    }
  }

  private rethrow(): void {
    if (this.failure !== null) throw this.failure;
  }
}

function lateEvent(event: TimedCallEvent, state: string): IgnoredEvent {
  return {
    at: event.at,
    state,
    event: eventName(event.type),
    ...('sipCode' in event && event.sipCode !== undefined ? { sipCode: event.sipCode } : {}),
    ...('q850' in event && event.q850 !== undefined ? { q850: event.q850 } : {}),
  };
}
