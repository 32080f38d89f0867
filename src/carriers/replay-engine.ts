import type { CallEvent } from '../../machines/events.js';
import type { CallConfig } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { FastCall } from '../call/fast/fast-call.js';

/** A machine event placed on the call's clock, in ms. */
type TimedEvent = CallEvent & { readonly at: number };

/**
 * What a replay asks of a call in progress. `FastCall` gives it as it is; `CallSession` (one
 * XState actor, the specification) gives it through a thin adapter, which is how
 * test/carriers/replay-engine.test.ts proves the two replay every provider log to the same bytes.
 */
interface ReplayedCall {
  readonly done: boolean;
  /** The state path, e.g. `connected.playing.untimedMessage`. */
  readonly state: string;
  readonly answeredAt: number | null;
  /** The call's clock, ms: it moves with events and timers. */
  readonly clock: number;
  send(event: TimedEvent): void;
  /** Fires every pending timer: the call ends unless it waits for an event. */
  settle(): void;
  /** The record of the ended call, a new object each time (replay adds the provider's fields to it), or null. */
  record(): CallRecord | null;
}

/** Starts a call to replay from its parsed input. */
export type ReplayEngine = (config: CallConfig) => ReplayedCall;

/**
 * The engine replay runs on: the machine's own transitions replayed from a memo table
 * (src/call/fast/), 1–2 orders of magnitude faster than an actor per call, with the same records.
 */
export const fastEngine: ReplayEngine = (config) => new FastCall(config);
