import type { ProviderName } from '../../carriers/providers/types.js';

/**
 * Where a call's callbacks come from: a provider's webhooks, or the generic API (`POST /calls`) for
 * simulators that are not a provider. A call is named by its source and the source's own call id.
 */
export type SourceName = ProviderName | 'generic';

export interface CallKey {
  readonly source: SourceName;
  readonly callId: string;
}

/** A callback accepted by the server, as it is stored: the body exactly as it was read. */
export interface CallbackInput extends CallKey {
  /**
   * What makes two deliveries the same provider event (a provider's event id, else a hash of the
   * payload): a second callback of the same call with the same key is a duplicate, not stored.
   */
  readonly dedupKey: string;
  /** Wall-clock ms since the epoch when the server accepted it. */
  readonly receivedAt: number;
  /** The payload as JSON text. */
  readonly body: string;
  /**
   * The call needs attention by then (wall-clock ms): its record is due, or a timer fires. The
   * store keeps the earliest wake time it was given until `setWake` replaces it.
   */
  readonly wakeAt?: number;
}

export interface StoredCallback extends CallKey {
  /** The store's order of arrival (increasing, gaps allowed). */
  readonly seq: number;
  readonly dedupKey: string;
  readonly receivedAt: number;
  readonly body: string;
}

/** A call that has callbacks and no record yet. */
export interface PendingCall extends CallKey {
  /** When the call next needs attention, or null when it waits for a callback. */
  readonly wakeAt: number | null;
}

/** A call's final record (a JSON line, exactly what `normalize` prints for the call). */
export interface StoredRecord extends CallKey {
  /** The store's order of records: increasing, so a reader resumes after the last one it saw. */
  readonly seq: number;
  readonly writtenAt: number;
  readonly body: string;
}

export type AppendResult =
  | {
      readonly duplicate: false;
      readonly seq: number;
      /**
       * Whether the call already had its record when the callback was committed, for a store that
       * learns it in the same statement (absent: the service asks `record`).
       */
      readonly ended?: boolean;
    }
  | { readonly duplicate: true };

/** What a service does as calls become this process's to apply and time, or stop being. */
export interface OwnershipListener {
  /** An owned call needs its wake armed (an earlier wake already armed is kept), or a generic call restored. */
  arm(call: PendingCall): void;
  /** Calls were lost to another process: drop the timers and live state of every call no longer owned. */
  disowned(): void;
}

/**
 * For a store several processes share (PostgreSQL, docs/scale-out.md): at any moment one process
 * applies a call's events and fires its timers, the owner of the call's partition. Any process
 * stores any callback.
 */
export interface CallOwnership {
  owns(key: CallKey): boolean;
  watch(listener: OwnershipListener): void;
  /** Publishes the URL other processes reach this one at (once it listens). */
  advertise(url: string): Promise<void>;
  /** The URL of the call's owner now, or null when none can be named (leases moving). */
  ownerUrl(key: CallKey): Promise<string | null>;
}

/**
 * The durable state of `call-lifecycle serve`: callbacks in, records out. Every method that writes
 * resolves only once its change is committed to durable storage (a 2xx to a provider means the
 * callback is on disk), so an implementation may batch commits (group commit) but must never
 * resolve before its batch's commit. Implementations: SQLite (`sqliteStore`), PostgreSQL (issue 13).
 */
export interface CallStore {
  /** Stores a callback unless the call has one with the same `dedupKey` already. */
  append(callback: CallbackInput): Promise<AppendResult>;
  /** A call's callbacks, in order of arrival. */
  callbacks(key: CallKey): Promise<StoredCallback[]>;
  /** Replaces a call's wake time (null: none). Does nothing for a call that has a record. */
  setWake(key: CallKey, wakeAt: number | null): Promise<void>;
  /** Every call with callbacks and no record, for a restart to resume (of a shared store: the calls this process owns). */
  pending(): Promise<PendingCall[]>;
  /**
   * Writes a call's record once: the record's `seq` if this call wrote it, null if the call
   * already had one (that record is kept). The call stops being pending.
   */
  writeRecord(key: CallKey, body: string, writtenAt: number): Promise<number | null>;
  record(key: CallKey): Promise<StoredRecord | null>;
  /** Records with `seq` greater than `after`, in `seq` order, at most `limit`. */
  records(after: number, limit: number): Promise<StoredRecord[]>;
  /** A named reader's position in the records (0 when never saved), e.g. the `--forward` sender's. */
  cursor(name: string): Promise<number>;
  saveCursor(name: string, seq: number): Promise<void>;
  /** Whether the store can take writes now (for `/readyz`). */
  ready(): Promise<boolean>;
  /** Commits what is queued, then closes. */
  close(): Promise<void>;
  /** Present when several processes share the store: which calls are this process's to apply. */
  readonly ownership?: CallOwnership;
}

export const SOURCE_NAMES: readonly SourceName[] = [
  'generic',
  'twilio',
  'vonage',
  'telnyx',
  'plivo',
  'asterisk',
  'freeswitch',
];
