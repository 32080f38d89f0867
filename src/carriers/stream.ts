import type { ProviderCallback } from './callback.js';
import { EVENT_CLASSES } from './event-classes.js';
import type { ProviderName } from './providers/types.js';
import { type CallReplay, type ReplayOptions, replayCall } from './replay.js';
import { deadlineHeap } from './deadlines.js';
import { ReplayPlan } from './replay-plan.js';
import { idDigest, ReportedCalls } from './reported-calls.js';

/** What a stream reports: a call's replay once it is flushed, or a callback that came too late. */
export type StreamOutput =
  | CallReplay
  | { readonly kind: 'late'; readonly callId: string; readonly key: string; readonly message: string };

export interface StreamOptions extends ReplayOptions {
  /**
   * How long, in log time (the providers' timestamps), a call stays open after its provider said
   * it was over, for late and out-of-order callbacks. Longer keeps more calls in memory.
   * @defaultValue 60000
   */
  readonly graceMs?: number;
}

interface OpenCall {
  readonly callbacks: ProviderCallback[];
  /** `idDigest` of the call's id, by which it is remembered once written. */
  readonly digest: number;
  firstMs: number;
  lastMs: number;
  over: boolean;
  /** Set once its record is written: a deadline entry for it is then stale. */
  written: boolean;
}

/**
 * How long, in log time, a reported call is recognized: at least an hour, and ten graces. A
 * callback later than that finds its call forgotten and starts a new one (written as a second
 * line for the id): the price of memory that does not grow with the log.
 */
const REMEMBER_MIN_MS = 60 * 60 * 1000;

const byFirstThenId = (a: [string, OpenCall], b: [string, OpenCall]) =>
  a[1].firstMs - b[1].firstMs || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Replays a provider's log as it streams: memory holds the calls in flight, not the log. A call is
 * replayed and reported once its provider has said it is over (a callback with an ending event)
 * and no callback for it came within `graceMs` of log time; a callback for a call already
 * reported is reported as `late`, never applied silently, for at least an hour (and ten graces) of
 * log time after its record; later than that the call is forgotten, so memory does not grow with
 * the log, and such a callback starts a new call. `end()` flushes every call still open.
 * Records equal `replayProviderLog`'s whenever no callback comes later than the grace.
 *
 * @example
 * const stream = new ProviderLogStream('twilio', { messages: [{ id: 'm', durationMs: 30000 }] }, (out) => print(out));
 * for (const body of bodies) { const read = readCallback('twilio', body); if (read.ok) stream.push(read.value); }
 * stream.end();
 */
export class ProviderLogStream {
  private readonly open = new Map<string, OpenCall>();
  /** The deadline of every call its provider said was over (stale entries included, see flushDue). */
  private readonly deadlines = deadlineHeap<OpenCall>();
  private readonly reported: ReportedCalls;
  private readonly graceMs: number;
  private readonly plan: ReplayPlan;
  private watermark = Number.NEGATIVE_INFINITY;
  private nextCheck = Number.POSITIVE_INFINITY;

  constructor(
    readonly provider: ProviderName,
    options: StreamOptions,
    private readonly output: (out: StreamOutput) => void,
  ) {
    this.graceMs = options.graceMs ?? 60_000;
    this.reported = new ReportedCalls(Math.max(REMEMBER_MIN_MS, 10 * this.graceMs));
    this.plan = new ReplayPlan(options);
  }

  /** The number of calls held open now. */
  get inFlight(): number {
    return this.open.size;
  }

  push(callback: ProviderCallback): void {
    const { callId } = callback;
    let call = this.open.get(callId);
    if (call === undefined) {
      const digest = idDigest(callId);
      if (this.reported.has(digest, this.watermark)) {
        this.output({
          kind: 'late',
          callId,
          key: callback.key,
          message: `${this.provider} call ${callId}: a callback came more than ${this.graceMs} ms (log time) after the call's last one, once its record was written; it was not applied (raise --grace)`,
        });
        return;
      }
      call = {
        callbacks: [],
        digest,
        firstMs: Number.POSITIVE_INFINITY,
        lastMs: Number.NEGATIVE_INFINITY,
        over: false,
        written: false,
      };
      this.open.set(callId, call);
    }
    call.callbacks.push(callback);
    const time = callback.timeMs;
    if (time !== null) {
      if (time < call.firstMs) call.firstMs = time;
      if (time > call.lastMs) call.lastMs = time;
      if (time > this.watermark) this.watermark = time;
    }
    if (!call.over && endsTheCall(callback)) {
      call.over = true;
      this.deadlines.push({ at: call.lastMs + this.graceMs, id: callId, item: call });
    }
    if (this.watermark > this.nextCheck) this.flushDue();
    else if (call.over && this.nextCheck === Number.POSITIVE_INFINITY) this.nextCheck = call.lastMs + this.graceMs;
  }

  /** Flushes every call still open, in the order of their first timestamp, then id. */
  end(): void {
    const remaining = [...this.open].sort(byFirstThenId);
    this.open.clear();
    for (const [callId, call] of remaining) this.flush(callId, call);
  }

  /**
   * Writes every call whose deadline (its last callback plus the grace) has passed. A deadline only
   * moves later (a call's last time only grows), so an entry that comes out of the heap is stale
   * when its call was written or reopened since (not the open call any more), or when its call's
   * deadline moved: then the call goes back in at its deadline now. What is left on top is the
   * earliest deadline of any open call.
   */
  private flushDue(): void {
    const due: [string, OpenCall][] = [];
    let next = Number.POSITIVE_INFINITY;
    for (let entry = this.deadlines.peek(); entry !== undefined; entry = this.deadlines.peek()) {
      const call = entry.item;
      const deadline = call.lastMs + this.graceMs;
      // A flag, not a look-up in `open`: the map is large and cold, one probe a deadline shows.
      if (call.written) this.deadlines.pop();
      else if (deadline !== entry.at) {
        this.deadlines.pop();
        this.deadlines.push({ at: deadline, id: entry.id, item: call });
      } else if (deadline < this.watermark) {
        this.deadlines.pop();
        due.push([entry.id, call]);
      } else {
        next = deadline;
        break;
      }
    }
    // Checking at most every eighth of the grace keeps the output in batches; a call may so wait a
    // little longer than the grace, never less.
    this.nextCheck = Math.max(next, this.watermark + this.graceMs / 8);
    for (const [callId, call] of due.sort(byFirstThenId)) {
      this.open.delete(callId);
      this.flush(callId, call);
    }
  }

  private flush(callId: string, call: OpenCall): void {
    call.written = true;
    this.reported.add(call.digest, this.watermark);
    this.output(replayCall(this.plan, this.provider, callId, call.callbacks));
  }
}

function endsTheCall(callback: ProviderCallback): boolean {
  const ending = EVENT_CLASSES.ending;
  for (const event of callback.beforePickup) if (ending.has(event.type)) return true;
  for (const event of callback.afterPickup) if (ending.has(event.type)) return true;
  return false;
}
