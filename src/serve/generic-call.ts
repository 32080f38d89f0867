import type { CallConfig } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { CallSession, type TimedCallEvent } from '../call/session.js';
import { describeValue, fail, type Result } from '../../machines/result.js';
import { parseScenario } from '../scenario/parse.js';

/**
 * A call of the generic API, live: the call machine on a virtual clock whose time is wall-clock ms
 * since the call was created. An event applies at the time it is applied; the machine's own timers
 * fire at their exact due times (`wakeAt` says when the server must move the clock). So the record
 * is the one `runScenario` gives for the call's input and the events with their `at` times.
 *
 * @example
 * const call = GenericCall.create({ to: '+33612345678', messages: [{ id: 'm', durationMs: 8000 }] }, Date.now());
 * if (call.ok) call.value.apply({ type: 'carrier.ringing' }, Date.now());
 */
export class GenericCall {
  /** Idempotency keys of the events applied, so a retried event applies once. */
  private readonly keys = new Set<string>();

  private constructor(
    readonly config: CallConfig,
    /** Wall-clock ms when the call was created: time 0 of its clock. */
    readonly createdAt: number,
    private readonly session: CallSession,
  ) {}

  /** Checks an input (`parseCallInput`) and starts the call. */
  static create(input: unknown, createdAt: number): Result<GenericCall> {
    const parsed = parseScenario({ call: input, events: [] });
    if (!parsed.ok) return parsed;
    return { ok: true, value: new GenericCall(parsed.value.call, createdAt, CallSession.start(parsed.value.call)) };
  }

  get callId(): string {
    return this.config.callId;
  }

  get done(): boolean {
    return this.session.done;
  }

  /** Ms on the call's clock for a wall-clock time (never before the clock's present). */
  timeAt(wallMs: number): number {
    return Math.max(this.session.clock.now(), Math.round(wallMs - this.createdAt));
  }

  /** Checks an event from outside (no `at`: the server times it) and gives it its time. */
  parseEvent(input: unknown, wallMs: number): Result<TimedCallEvent> {
    if (typeof input === 'object' && input !== null && 'at' in input)
      return fail('at', `the server times live events; send the event without "at" (got ${describeValue(input)})`);
    const at = this.timeAt(wallMs);
    const parsed = parseScenario({ call: this.config, events: [{ ...(input as object), at }] });
    if (!parsed.ok) return fail(parsed.error.path.replace(/^events\[0\]\.?/, ''), parsed.error.message);
    const [event] = parsed.value.events;
    return event === undefined ? fail('', 'no event') : { ok: true, value: event };
  }

  /** Applies a checked event (timers due before it fire first, at their own times). */
  apply(event: TimedCallEvent): void {
    this.session.send(event);
  }

  /** Fires every timer due by `wallMs`, each at its own time. */
  advance(wallMs: number): void {
    this.session.advanceTo(this.timeAt(wallMs));
  }

  /** The wall-clock ms when the next timer is due, or null (ended, or waiting for an event). */
  wakeAt(): number | null {
    const due = this.session.clock.nextDue();
    return this.done || due === null ? null : this.createdAt + due;
  }

  /** Fires the timers due by the wake time, exactly at their due times. */
  wake(): void {
    const due = this.session.clock.nextDue();
    if (due !== null) this.session.advanceTo(due);
  }

  seen(key: string): boolean {
    return this.keys.has(key);
  }

  remember(key: string): void {
    this.keys.add(key);
  }

  record(): CallRecord | null {
    return this.session.record();
  }

  progress() {
    return this.session.progress();
  }
}
