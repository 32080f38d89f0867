import type { CallbackError, ProviderName } from '../carriers/providers/types.js';
import type { ReplayOptions } from '../carriers/replay.js';
import { fail, ok, type Result } from '../../machines/result.js';
import { GenericCall } from './generic-call.js';
import { callbackFacts, callLine, recordDueAt } from './provider-record.js';
import type { CallKey, CallStore, PendingCall, SourceName, StoredRecord } from './store/types.js';
import { Wakeups } from './wakeups.js';

export interface CallServiceOptions extends ReplayOptions {
  /** How long after a provider reports a call over its record waits for late callbacks (ms). */
  readonly graceMs: number;
  /**
   * How long after its last callback a provider call that was never reported over gets its record
   * anyway (ms): the record `normalize` gives for the callbacks it has.
   */
  readonly idleMs: number;
  /** Wall-clock ms; tests may pass their own. @defaultValue `Date.now` */
  readonly now?: () => number;
}

/** What became of a callback: stored, or a duplicate of one stored before (nothing changed). */
export interface Accepted {
  readonly callId: string;
  readonly duplicate: boolean;
  /** The call already has its record: the callback is kept, the record does not change. */
  readonly late: boolean;
  /** A generic event's time on its call's clock (ms since the call was created), as applied. */
  readonly at?: number;
}

/** How long after a failed wake (the store unreachable) it is tried again. */
const WAKE_RETRY_MS = 1_000;

/** A generic call runs live in the memory of one process: on a shared store, its partition's owner. */
const ANOTHER_OWNER =
  'this call is run by another serve process sharing the store; send its requests to that process (docs/scale-out.md)';

const keyOf = (key: CallKey) => `${key.source}\u0000${key.callId}`;
function keyFrom(text: string): CallKey {
  const split = text.indexOf('\u0000');
  return { source: text.slice(0, split) as SourceName, callId: text.slice(split + 1) };
}

/**
 * The heart of `serve`: callbacks in, each stored before it is acknowledged; records out, each
 * written once. A provider call's record is `normalize`'s line for its stored callbacks, computed
 * when the grace window after the provider reported the call over has passed. A generic call runs
 * live (`GenericCall`) and its record is written when its machine ends. Everything is rebuilt from
 * the store on `start`, so a process killed at any moment resumes where its store left off.
 */
export class CallService {
  private readonly generic = new Map<string, GenericCall>();
  private readonly wakeups: Wakeups;
  private readonly finishing = new Set<string>();
  private readonly listeners = new Set<(record: StoredRecord) => void>();
  readonly now: () => number;

  constructor(
    readonly store: CallStore,
    private readonly options: CallServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
    // A wake whose work fails (the store could not be reached: a shared store's database
    // restarting, its network cut) is tried again a little later, never left to crash the process.
    this.wakeups = new Wakeups(this.now, (key) =>
      this.wake(keyFrom(key)).catch(() => this.wakeups.set(key, this.now() + WAKE_RETRY_MS, true)),
    );
  }

  /**
   * Resumes every call the store has without a record: re-arms its wake, fires what is overdue.
   * On a store several processes share, also resumes the calls whose partitions this process
   * takes over later, and drops those it loses (docs/scale-out.md).
   */
  async start(): Promise<void> {
    this.store.ownership?.watch({
      arm: (call) =>
        void this.resume(call).catch(() => this.wakeups.set(keyOf(call), this.now() + WAKE_RETRY_MS, true)),
      disowned: () => this.disown(),
    });
    for (const call of await this.store.pending()) await this.resume(call);
  }

  /** Whether this process applies the call's events (always, unless several processes share the store). */
  owns(key: CallKey): boolean {
    return this.store.ownership?.owns(key) ?? true;
  }

  private async resume(call: PendingCall): Promise<void> {
    if (!this.owns(call)) return;
    if (call.source !== 'generic') {
      if (call.wakeAt !== null) this.wakeups.set(keyOf(call), call.wakeAt, true);
    } else if (!this.generic.has(call.callId)) await this.restoreGeneric(call);
  }

  /** Forgets the timers and live calls of calls another process now owns: their new owner resumes them. */
  private disown(): void {
    for (const key of this.wakeups.keys()) if (!this.owns(keyFrom(key))) this.wakeups.set(key, null);
    for (const callId of [...this.generic.keys()])
      if (!this.owns({ source: 'generic', callId })) this.generic.delete(callId);
  }

  stop(): void {
    this.wakeups.clear();
  }

  /** Calls that have not ended and that this process is timing. */
  get liveCalls(): number {
    return this.generic.size + this.wakeups.size;
  }

  onRecord(listener: (record: StoredRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stores one provider callback (its payload, as JSON) once committed. A redelivery of a stored
   * event (the same `readCallback` key) is a duplicate and changes nothing.
   */
  async acceptProvider(provider: ProviderName, payload: unknown): Promise<Result<Accepted, CallbackError>> {
    const read = callbackFacts(provider, payload);
    if (!read.ok) return read;
    const { callId, ends, key: dedupKey } = read.value;
    const key = { source: provider, callId };
    const now = this.now();
    // Every callback sets a wake: the record's due time if it reports the call over, else the
    // idle deadline. The store keeps the earliest; the wake itself works out the real due time.
    const wakeAt = now + (ends ? this.options.graceMs : this.options.idleMs);
    const appended = await this.store.append({
      ...key,
      dedupKey,
      receivedAt: now,
      body: JSON.stringify(payload),
      ...(wakeAt === undefined ? {} : { wakeAt }),
    });
    if (appended.duplicate) return ok({ callId, duplicate: true, late: false });
    const late = appended.ended ?? (await this.store.record(key)) !== null;
    // On a shared store the owner of the call arms its wake (it hears of it from the store).
    if (!late && this.owns(key)) this.wakeups.set(keyOf(key), wakeAt, true);
    return ok({ callId, duplicate: false, late });
  }

  /** Starts a call of the generic API from its input (`callId` names it; a second start is a duplicate). */
  async createCall(input: unknown): Promise<Result<Accepted>> {
    const now = this.now();
    const created = GenericCall.create(input, now);
    if (!created.ok) return created;
    const call = created.value;
    const key = { source: 'generic' as const, callId: call.callId };
    if (!this.owns(key)) return fail('callId', ANOTHER_OWNER);
    const appended = await this.store.append({
      ...key,
      dedupKey: 'call',
      receivedAt: now,
      body: JSON.stringify({ call: input }),
    });
    if (appended.duplicate) return ok({ callId: call.callId, duplicate: true, late: false });
    this.generic.set(call.callId, call);
    // Time passed while the input was committed: the machine's first timers may be due already.
    call.advance(this.now());
    await this.settle(call);
    return ok({ callId: call.callId, duplicate: false, late: false });
  }

  /** Applies one machine event to a live generic call, at the time it is applied. */
  async sendEvent(callId: string, input: unknown, idempotencyKey: string | null): Promise<Result<Accepted> | null> {
    const key = { source: 'generic' as const, callId };
    if (!this.owns(key)) return fail('callId', ANOTHER_OWNER);
    const call = this.generic.get(callId);
    const now = this.now();
    const dedupKey = idempotencyKey === null ? `event:${crypto.randomUUID()}` : `event:${idempotencyKey}`;
    // An ended call's map entry stays until its record is committed: an event then is late.
    if (call === undefined || call.done) {
      if (call === undefined && (await this.store.record(key)) === null) return null;
      const body = JSON.stringify({ late: input });
      const appended = await this.store.append({ ...key, dedupKey, receivedAt: now, body });
      return ok({ callId, duplicate: appended.duplicate, late: true });
    }
    const event = call.parseEvent(input, now);
    if (!event.ok) return event;
    if (idempotencyKey !== null && call.seen(dedupKey)) return ok({ callId, duplicate: true, late: false });
    // Applied first, then stored in the same turn: the store's order is the order applied.
    call.apply(event.value);
    call.remember(dedupKey);
    const wakeAt = call.wakeAt();
    try {
      await this.store.append({
        ...key,
        dedupKey,
        receivedAt: now,
        body: JSON.stringify({ event: event.value }),
        ...(wakeAt === null ? {} : { wakeAt }),
      });
    } catch (error) {
      // Not stored, so not acknowledged: rebuild the call from what the store has.
      this.generic.delete(callId);
      await this.restoreGeneric(key);
      throw error;
    }
    await this.settle(call);
    return ok({ callId, duplicate: false, late: false, at: event.value.at });
  }

  /** A call's record, or what is known of it while it is live; null when no such call exists. */
  async view(callId: string, source?: SourceName): Promise<CallView | null> {
    const sources: SourceName[] =
      source === undefined ? ['generic', 'twilio', 'vonage', 'telnyx', 'plivo', 'asterisk', 'freeswitch'] : [source];
    for (const candidate of sources) {
      const key = { source: candidate, callId };
      const record = await this.store.record(key);
      if (record !== null) return { source: candidate, callId, ended: true, record: JSON.parse(record.body) };
      const live = candidate === 'generic' ? this.generic.get(callId) : undefined;
      if (live !== undefined) return { source: candidate, callId, ended: false, progress: live.progress() };
      const callbacks = candidate === 'generic' ? [] : await this.store.callbacks(key);
      if (callbacks.length > 0) {
        const line = callLine(
          candidate as ProviderName,
          callId,
          callbacks.map((callback) => JSON.parse(callback.body)),
          this.options,
        );
        return { source: candidate, callId, ended: false, callbacks: callbacks.length, sofar: JSON.parse(line) };
      }
    }
    return null;
  }

  /** The call's wake came: a provider call's record is due, or a generic call's timer fires. */
  private async wake(key: CallKey): Promise<void> {
    if (key.source === 'generic') {
      const call = this.generic.get(key.callId);
      if (call === undefined) return;
      call.wake();
      await this.settle(call);
      return;
    }
    const id = keyOf(key);
    if (this.finishing.has(id)) return;
    this.finishing.add(id);
    try {
      // A call that has its record already (written by a previous owner) gets none again:
      // writeRecord keeps the first. Not read first: that is one more round trip for every call.
      const callbacks = await this.store.callbacks(key);
      const provider = key.source as ProviderName;
      const payloads = callbacks.map((callback) => JSON.parse(callback.body));
      const due = recordDueAt(provider, callbacks, payloads, this.options);
      if (due > this.now()) {
        // Woken early (an idle deadline a later callback pushed back): sleep until the real one.
        await this.store.setWake(key, due);
        this.wakeups.set(id, due);
        return;
      }
      await this.finish(key, callLine(provider, key.callId, payloads, this.options));
    } finally {
      this.finishing.delete(id);
    }
  }

  /** After a generic call moved: write its record if it ended, else arm its next timer. */
  private async settle(call: GenericCall): Promise<void> {
    const key = { source: 'generic' as const, callId: call.callId };
    const record = call.record();
    if (record === null) {
      this.wakeups.set(keyOf(key), call.wakeAt());
      return;
    }
    this.wakeups.set(keyOf(key), null);
    try {
      await this.finish(key, JSON.stringify(record));
    } finally {
      this.generic.delete(call.callId);
    }
  }

  private async finish(key: CallKey, body: string): Promise<void> {
    const writtenAt = this.now();
    const seq = await this.store.writeRecord(key, body, writtenAt);
    if (seq === null) return;
    const stored: StoredRecord = { ...key, seq, writtenAt, body };
    for (const listener of this.listeners) listener(stored);
  }

  private async restoreGeneric(key: CallKey): Promise<void> {
    const callbacks = await this.store.callbacks(key);
    const [first, ...rest] = callbacks;
    const input = first === undefined ? undefined : (JSON.parse(first.body) as { call?: unknown }).call;
    const created = first === undefined ? fail('', 'no input') : GenericCall.create(input, first.receivedAt);
    if (!created.ok) throw new Error(`bug: stored generic call ${key.callId} has no valid input`);
    const call = created.value;
    for (const callback of rest) {
      const stored = JSON.parse(callback.body) as { event?: Parameters<GenericCall['apply']>[0] };
      call.remember(callback.dedupKey);
      if (stored.event !== undefined && !call.done) call.apply(stored.event);
    }
    this.generic.set(call.callId, call);
    // Timers that fell due while the process was down fire now, each at its own time.
    call.advance(this.now());
    await this.settle(call);
  }
}

/** `GET /calls/{id}`: the record once ended, else what the call knows so far. */
export type CallView =
  | { readonly source: SourceName; readonly callId: string; readonly ended: true; readonly record: unknown }
  | {
      readonly source: SourceName;
      readonly callId: string;
      readonly ended: false;
      readonly progress?: unknown;
      readonly callbacks?: number;
      readonly sofar?: unknown;
    };
