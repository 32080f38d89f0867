import type { CallEvent, CallEventType } from '../../../machines/events.js';
import type { InputError, Result } from '../../../machines/result.js';
import type { PolicyId } from '../policies.js';

export const PROVIDER_NAMES = ['twilio', 'vonage', 'telnyx', 'plivo', 'asterisk', 'freeswitch'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** A machine event a callback produces, before replay gives it a time. `offsetMs` moves it before the callback's own time. */
export type MappedEvent = CallEvent & { readonly offsetMs?: number };

/** A provider value this project has no row for: reported, never guessed (policy `unmapped`). */
export interface Unmapped {
  readonly kind: 'unmapped';
  readonly provider: ProviderName;
  readonly field: string;
  readonly value: unknown;
}

/**
 * One provider callback, read. Which events it means can depend on whether the call was already
 * answered (an end-of-call cause before pickup says why it failed; after pickup it is a hangup), so
 * it carries both lists; replay picks one from the call's state.
 */
export interface CallbackMapping {
  readonly provider: ProviderName;
  readonly callId: string;
  /** The destination number (E.164) when the callback names it. */
  readonly to: string | null;
  /** The provider's sequence number, when it sends one. */
  readonly sequence: number | null;
  /** The provider's timestamp, ms since the epoch (with a fraction for µs-stamped logs), when it sends one. */
  readonly timeMs: number | null;
  readonly beforePickup: readonly MappedEvent[];
  readonly afterPickup: readonly MappedEvent[];
  readonly unmapped: readonly Unmapped[];
  /**
   * True when this callback's ending before pickup only stands until a later callback names a
   * specific cause (policy cause-decides): Asterisk's DialEnd says NOANSWER for almost every cause.
   */
  readonly endingAwaitsCause?: boolean;
  /** The policies (docs/carriers.md) the events of each side rely on. */
  readonly policiesBeforePickup: readonly PolicyId[];
  readonly policiesAfterPickup: readonly PolicyId[];
}

/**
 * A documented value of one provider field and the events it becomes: `before` while the call is
 * not answered, `after` once it is. A carrier event also carries the SIP code and Q.850 cause the
 * callback gives. These rows are the data docs/carriers.md renders.
 */
export interface ProviderRow {
  readonly field: string;
  readonly value: string;
  readonly before: readonly CallEventType[];
  readonly after: readonly CallEventType[];
  readonly policy?: PolicyId;
  readonly note?: string;
}

/**
 * Why a body is not a callback of a call. `unmapped` is set when the body is a callback the
 * provider documents but that names no call (Vonage's record and error webhooks carry only the
 * conversation): reported as unmapped, never taken for a malformed line.
 */
export interface CallbackError extends InputError {
  readonly unmapped?: Unmapped;
}

/** A provider's vocabulary: its rows, its documentation, and how one callback is read. */
export interface Provider {
  readonly name: ProviderName;
  readonly title: string;
  /** The pages the rows were checked against. */
  readonly sources: readonly string[];
  /** How callbacks are grouped and ordered, in words (for the docs). */
  readonly identity: string;
  readonly rows: readonly ProviderRow[];
  /** Reads one callback (parsed JSON). Never throws; an object that is not a callback is an error value. */
  readonly normalize: (payload: unknown) => Result<CallbackMapping, CallbackError>;
}
