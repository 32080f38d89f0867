import type { Pool } from 'pg';
import type { CallKey, CallOwnership, OwnershipListener, PendingCall, SourceName } from '../types.js';
import type { Lease } from './fence.js';
import { type LeaseTiming, PartitionLeases } from './leases.js';
import { partitionOf } from './partition.js';
import { WAKE_HORIZON_MS, Wakeups } from './wakeups.js';

/**
 * Which calls this process applies and times, for a store several processes share: the calls of
 * the partitions it holds a lease on (leases.ts). It tells its listener of the calls to arm when a
 * partition is gained (its pending calls, read from the database), when another process stored a
 * callback that set a wake (LISTEN/NOTIFY), and on every heartbeat (a sweep, since a notification
 * sent while the listening connection was down is lost).
 */
export class Ownership implements CallOwnership {
  readonly leases: PartitionLeases;
  readonly #pool: Pool;
  readonly #partitions: number;
  readonly #wakeups: Wakeups;
  readonly #onError: (error: Error) => void;
  #listener: OwnershipListener | undefined;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(
    pool: Pool,
    url: string,
    owner: string,
    partitions: number,
    timing: LeaseTiming & { leaseMs: number },
    onError: (error: Error) => void,
  ) {
    this.#pool = pool;
    this.#partitions = partitions;
    this.#onError = onError;
    this.leases = new PartitionLeases(
      pool,
      owner,
      { gained: (lease) => this.#sweep([lease], true), lost: () => this.#listener?.disowned() },
      timing,
      onError,
    );
    this.#wakeups = new Wakeups(
      url,
      { wake: (payload) => this.#notified(payload), wakeAll: () => this.#sweep() },
      onError,
    );
  }

  /** The partition a call belongs to. */
  partitionOf(key: CallKey): number {
    return partitionOf(`${key.source}\u0000${key.callId}`, this.#partitions);
  }

  /** The lease under which this process may apply the call's events now, if it holds one. */
  leaseOf(key: CallKey): Lease | undefined {
    return this.leases.leaseFor(this.partitionOf(key));
  }

  /** Publishes where this process can be reached, for requests that only the owner can apply. */
  advertise(url: string): Promise<void> {
    return this.leases.advertise(url);
  }

  /**
   * The URL of the process that owns the call now (its lease current in the database), or null
   * when nobody does (the partition between two owners) or the owner has published none.
   */
  async ownerUrl(key: CallKey): Promise<string | null> {
    const { rows } = await this.#pool.query<{ url: string }>(
      `SELECT m.url FROM partitions p JOIN members m ON m.owner = p.owner
        WHERE p.partition = $1 AND p.expires_at > clock_timestamp() AND m.url IS NOT NULL`,
      [this.partitionOf(key)],
    );
    return rows[0]?.url ?? null;
  }

  owns(key: CallKey): boolean {
    return this.leaseOf(key) !== undefined;
  }

  watch(listener: OwnershipListener): void {
    this.#listener = listener;
  }

  async start(heartbeatMs: number): Promise<void> {
    await this.#wakeups.start();
    await this.leases.start();
    this.#sweeper = setInterval(() => this.#sweep(), heartbeatMs);
    this.#sweeper.unref();
  }

  /** Hands every lease back (clean shutdown) and stops listening. */
  async stop(): Promise<void> {
    clearInterval(this.#sweeper);
    await this.#wakeups.close();
    await this.leases.stop();
  }

  #notified(payload: string): void {
    const [partition, wakeAt, source, ...callId] = payload.split('\t');
    const call: PendingCall = { source: source as SourceName, callId: callId.join('\t'), wakeAt: Number(wakeAt) };
    if (Number(partition) === this.partitionOf(call) && this.owns(call)) this.#listener?.arm(call);
  }

  /**
   * Arms the owned calls of `leases` (all held leases when omitted) that have a wake time, or, for
   * a partition just gained, every call it has without a record (a live generic call has none).
   */
  #sweep(leases: readonly Lease[] = this.leases.leases(), everyPending = false): void {
    if (this.#listener === undefined || leases.length === 0) return;
    this.#pool
      .query<{ source: SourceName; call_id: string; wake_at: string | null }>(
        `SELECT source, call_id, wake_at FROM calls
          WHERE NOT ended AND partition = ANY($1::integer[])
            AND ($2 OR wake_at <= $3::bigint)`,
        [leases.map((lease) => lease.partition), everyPending, Date.now() + WAKE_HORIZON_MS],
      )
      .then(({ rows }) => {
        for (const row of rows) {
          const call = {
            source: row.source,
            callId: row.call_id,
            wakeAt: row.wake_at === null ? null : Number(row.wake_at),
          };
          if (this.owns(call)) this.#listener?.arm(call);
        }
      })
      .catch((error: unknown) => this.#onError(error instanceof Error ? error : new Error(String(error))));
  }
}
