import { awaitedEvents } from '../call/awaited-events.js';
import { parseCallInput, type CallInput } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { describeValue, formatInputError, type Result } from '../../machines/result.js';
import type { CallProgress } from '../scenario/run.js';
import { FastCall } from '../call/fast/fast-call.js';
import { LiveCallsError, type SendError } from './errors.js';
import { systemClock, type HostClock } from './host-clock.js';
import { checkLiveEvent, type LiveEvent } from './live-event.js';
import { RecordStream } from './record-stream.js';
import { checkSaved, type SavedLiveCalls } from './saved.js';
import { TimerQueue, type QueuedTimer } from './timer-queue.js';

/** Options of `LiveCalls`. */
export interface LiveCallsOptions {
  /** The clock every call runs on. @defaultValue the host's (`Date.now`, `setTimeout`, `clearTimeout`) */
  readonly clock?: HostClock;
  /** How many calls may be live at once; `start` refuses more. @defaultValue 100000 */
  readonly maxCalls?: number;
  /**
   * Where an exception thrown by an `onEnded` listener goes, so it cannot stop the clock.
   * @defaultValue `console.error`
   */
  readonly onListenerError?: (error: unknown) => void;
}

/** One live call: its engine, when it started on the host clock, and the deadline queued for it. */
interface LiveCall {
  readonly id: string;
  readonly startedAt: number;
  readonly engine: FastCall;
  /** The deadline (call time) in the queue, and its number: an older queue entry is stale. */
  queuedAt: number | null;
  generation: number;
  waiters: ((record: CallRecord) => void)[] | null;
}

const DEFAULT_MAX_CALLS = 100_000;

/**
 * Many calls of the call machine running at once in real time, on one clock and one timer queue.
 * Each record is byte for byte the record `runScenario` gives for the same call and the same timed
 * events: a timer and an event at the same ms resolve timer first, and a timer whose deadline
 * passed while the host was busy fires at its deadline, before any later event (docs/embedding.md).
 *
 * Mistakes are refused where they are made: `start` throws a `LiveCallsError` (nothing started),
 * `send` returns an error value (the call unchanged). Nothing throws later, from a timer.
 *
 * @example
 * const live = new LiveCalls();
 * const id = live.start({ to: '+33612345678', messages: [{ id: 'promo', durationMs: 12_000 }] });
 * live.send(id, { type: 'carrier.ringing' }); // now, on the call's clock
 * live.send(id, { type: 'carrier.busy', sipCode: 486 });
 * const record = await live.whenEnded(id); // → { status: 'ABSENT', subStatus: 'BUSY', … }
 */
export class LiveCalls {
  private readonly calls = new Map<string, LiveCall>();
  /** Calls that ended during the current synchronous turn, so `whenEnded` right after `start` works. */
  private recentlyEnded: Map<string, CallRecord> | null = null;
  private readonly listeners = new Set<(record: CallRecord) => void>();
  private readonly streams = new Set<RecordStream>();
  private readonly clock: HostClock;
  private readonly queue: TimerQueue<LiveCall>;
  private readonly maxCalls: number;
  private readonly onListenerError: (error: unknown) => void;
  /** How many calls have a deadline in the queue (the queue's other entries are stale). */
  private deadlines = 0;
  private generatedIds = 0;
  private closed = false;

  constructor(options: LiveCallsOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxCalls = options.maxCalls ?? DEFAULT_MAX_CALLS;
    if (!Number.isInteger(this.maxCalls) || this.maxCalls < 1) {
      throw new LiveCallsError(
        'invalid-input',
        `maxCalls: expected a whole number ≥ 1, got ${describeValue(options.maxCalls)}`,
      );
    }
    this.onListenerError = options.onListenerError ?? ((error) => console.error(error));
    this.queue = new TimerQueue(
      this.clock,
      (timer) => this.fire(timer),
      (timer) => timer.generation === timer.owner.generation && this.calls.get(timer.owner.id) === timer.owner,
    );
  }

  /** How many calls are live (started, not ended). */
  get size(): number {
    return this.calls.size;
  }

  /**
   * Starts a call now and returns its id: `input.callId`, or `call-1`, `call-2`… when it has none.
   * Throws a `LiveCallsError` for an invalid input, an id in use, or `maxCalls` live calls.
   */
  start(input: CallInput): string {
    if (this.closed) throw new LiveCallsError('closed', 'this LiveCalls was closed: it starts no call');
    if (this.calls.size >= this.maxCalls) {
      throw new LiveCallsError(
        'too-many-calls',
        `${this.maxCalls} calls are live, the maxCalls cap: wait for some to end, or raise maxCalls`,
      );
    }
    const withId = typeof input === 'object' && input !== null && input.callId === undefined;
    const parsed = parseCallInput(withId ? { ...input, callId: this.nextId() } : input, 'input');
    if (!parsed.ok) throw new LiveCallsError('invalid-input', formatInputError(parsed.error));
    const id = parsed.value.callId;
    if (this.calls.has(id))
      throw new LiveCallsError('duplicate-call', `a live call already has the id ${describeValue(id)}`);
    this.admit(id, this.clock.now(), new FastCall(parsed.value));
    return id;
  }

  /**
   * Applies an event to a live call. `at` (ms since the call started) defaults to now; it must not
   * be before the call's latest step. Timers due by `at` fire first, at their own times.
   * Returns the time the event was applied at, or why it was not (the call is then unchanged).
   */
  send(callId: string, event: LiveEvent): Result<{ readonly at: number }, SendError> {
    if (this.closed) return { ok: false, error: { kind: 'closed', message: 'this LiveCalls was closed' } };
    const call = this.calls.get(callId);
    if (call === undefined) return { ok: false, error: unknownCall(callId) };
    const checked = checkLiveEvent(event, this.clock.now() - call.startedAt, call.engine.clock);
    if (!checked.ok) return { ok: false, error: { kind: 'invalid-event', ...checked.error } };
    call.engine.send(checked.value);
    this.afterStep(call);
    return { ok: true, value: { at: checked.value.at } };
  }

  /** Where a live call is: its state, its age, the events it waits for and its facts so far. */
  progress(callId: string): CallProgress | undefined {
    const call = this.calls.get(callId);
    if (call === undefined) return undefined;
    const { engine } = call;
    return {
      state: engine.state,
      at: Math.max(this.clock.now() - call.startedAt, engine.clock),
      waitingFor: awaitedEvents(engine.state),
      messagesPlayed: engine.messagesPlayed,
      sipCode: engine.sipCode,
      q850: engine.q850,
      startedAt: engine.startedAt,
      ringingAt: engine.ringingAt,
      answeredAt: engine.answeredAt,
      timeline: [...engine.timeline],
      ignoredEvents: [...engine.ignoredEvents],
    };
  }

  /**
   * The record of a live call, once it ends. Throws a `LiveCallsError` for an id that is not
   * live (a call that ended in an earlier turn of the event loop: use `onEnded` or `records()`).
   */
  whenEnded(callId: string): Promise<CallRecord> {
    const call = this.calls.get(callId);
    if (call !== undefined) {
      return new Promise((resolve) => {
        call.waiters ??= [];
        call.waiters.push(resolve);
      });
    }
    const record = this.recentlyEnded?.get(callId);
    if (record !== undefined) return Promise.resolve(record);
    throw new LiveCallsError('unknown-call', unknownCall(callId).message);
  }

  /** Calls `listener` with the record of every call that ends; returns the function that stops it. */
  onEnded(listener: (record: CallRecord) => void): () => void {
    const entry = (record: CallRecord) => listener(record);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** The records of the calls that end from now on, until `close()`. */
  records(): AsyncIterableIterator<CallRecord> {
    const stream = new RecordStream(() => void this.streams.delete(stream));
    if (this.closed) stream.end();
    else this.streams.add(stream);
    return stream;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<CallRecord> {
    return this.records();
  }

  /** Every live call as plain JSON, to continue them elsewhere with `LiveCalls.restore`. */
  save(): SavedLiveCalls {
    const calls = [...this.calls.values()].map((call) => ({ startedAt: call.startedAt, call: call.engine.save() }));
    return { version: 1, savedAt: this.clock.now(), generatedIds: this.generatedIds, calls };
  }

  /**
   * Continues saved calls on `options.clock`. Deadlines that passed while nothing ran fire as soon
   * as the event loop turns (not during `restore`, so listeners can be attached first), each at its
   * own time and in order. Throws a `LiveCallsError` for a damaged save.
   */
  static restore(saved: unknown, options: LiveCallsOptions = {}): LiveCalls {
    const checked = checkSaved(saved);
    const live = new LiveCalls(options);
    if (checked.calls.length > live.maxCalls) {
      throw new LiveCallsError('too-many-calls', `the save holds ${checked.calls.length} calls, more than maxCalls`);
    }
    live.generatedIds = checked.generatedIds;
    for (const { startedAt, call } of checked.calls) {
      if (live.calls.has(call.config.callId)) {
        throw new LiveCallsError(
          'invalid-saved',
          `the save holds two calls with the id ${describeValue(call.config.callId)}`,
        );
      }
      live.admit(call.config.callId, startedAt, FastCall.restore(call));
    }
    return live;
  }

  /** Stops the clock: no timer fires any more, `records()` iterators finish. Live calls can still be saved. */
  close(): void {
    this.closed = true;
    this.queue.close();
    for (const stream of [...this.streams]) stream.end();
  }

  private nextId(): string {
    let id: string;
    do id = `call-${++this.generatedIds}`;
    while (this.calls.has(id));
    return id;
  }

  private admit(id: string, startedAt: number, engine: FastCall): void {
    const call: LiveCall = { id, startedAt, engine, queuedAt: null, generation: 0, waiters: null };
    this.calls.set(id, call);
    this.afterStep(call);
  }

  private fire(timer: QueuedTimer<LiveCall>): void {
    const call = timer.owner;
    if (timer.generation !== call.generation || this.calls.get(call.id) !== call) return;
    // The deadline on the call's own clock: a late host timer still fires at the machine's time.
    call.engine.advanceTo(call.queuedAt as number);
    this.afterStep(call);
  }

  /** After a call moved: deliver its record if it ended, else queue its next deadline if it changed. */
  private afterStep(call: LiveCall): void {
    const due = call.engine.done ? null : call.engine.timerAt;
    if (due !== call.queuedAt) {
      this.deadlines += (due === null ? 0 : 1) - (call.queuedAt === null ? 0 : 1);
      call.queuedAt = due;
      call.generation++;
      if (due !== null) this.queue.push(call.startedAt + due, call, call.generation);
    }
    if (call.engine.done) this.end(call);
    this.queue.compact(this.deadlines);
  }

  private end(call: LiveCall): void {
    const record = call.engine.record() as CallRecord;
    this.calls.delete(call.id);
    if (this.recentlyEnded === null) {
      this.recentlyEnded = new Map();
      queueMicrotask(() => {
        this.recentlyEnded = null;
      });
    }
    this.recentlyEnded.set(call.id, record);
    // Guarded loops: an empty array or a Set iterator per ended call is garbage at every timer.
    if (call.waiters !== null) for (const resolve of call.waiters) resolve(record);
    if (this.streams.size > 0) for (const stream of this.streams) stream.push(record);
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

function unknownCall(callId: string): SendError {
  return {
    kind: 'unknown-call',
    message: `no live call has the id ${describeValue(callId)} (it ended, or was never started)`,
  };
}
