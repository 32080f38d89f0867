import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type { Lease } from './fence.js';

/** How long a lease lasts and how often it is renewed. */
export interface LeaseTiming {
  /**
   * A lease not renewed for this long expires, and another process may take its partition over.
   * @defaultValue 10000
   */
  readonly leaseMs?: number;
  /**
   * How often the process renews its leases and rebalances partitions.
   * @defaultValue a third of `leaseMs`
   */
  readonly heartbeatMs?: number;
}

/** What the store does when a partition comes or goes. */
export interface LeaseListener {
  /** A partition was granted: load its live calls from the database (asynchronously). */
  gained(lease: Lease): void;
  /** A partition is no longer this process's: forget its calls and timers at once. */
  lost(partition: number): void;
}

const MS = "$3::integer * interval '1 millisecond'";

/**
 * Keeps this process's share of the partitions: registers it as a member, renews the leases it
 * holds, takes free or expired partitions up to a fair share (`ceil(partitions / live members)`)
 * and hands back those above it, so that a new process gets partitions and a dead one's are taken
 * over once its leases expire. Every grant increments the partition's fencing token and is
 * recorded in `lease_history`. Judged by the database's clock only.
 */
export class PartitionLeases {
  readonly #pool: Pool;
  readonly #owner: string;
  readonly #leaseMs: number;
  readonly #heartbeatMs: number;
  readonly #listener: LeaseListener;
  readonly #onError: (error: Error) => void;
  /** Held leases, each with the local time (performance.now) after which it is treated as lost. */
  readonly #held = new Map<number, { lease: Lease; deadline: number }>();
  /**
   * The highest token of each partition that this process handed back itself (rebalancing,
   * shutdown): one number per partition, however long the process runs, where a set of every
   * lease ever handed back would only grow.
   */
  readonly #handedBack = new Map<number, number>();
  /** The URL the other processes reach this one at, once it listens (members.url). */
  #url: string | null = null;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #partitionCount = 0;

  constructor(
    pool: Pool,
    owner: string,
    listener: LeaseListener,
    timing: LeaseTiming = {},
    onError: (error: Error) => void = () => undefined,
  ) {
    this.#pool = pool;
    this.#owner = owner;
    this.#listener = listener;
    this.#leaseMs = timing.leaseMs ?? 10_000;
    this.#heartbeatMs = timing.heartbeatMs ?? Math.max(1, Math.floor(this.#leaseMs / 3));
    this.#onError = onError;
  }

  get owner(): string {
    return this.#owner;
  }

  /** The lease this process holds on `partition`, if it still believes it holds one. */
  leaseFor(partition: number): Lease | undefined {
    const held = this.#held.get(partition);
    if (held === undefined) return undefined;
    if (performance.now() >= held.deadline) {
      this.drop(partition);
      return undefined;
    }
    return held.lease;
  }

  /** Every lease currently held, by partition. */
  leases(): Lease[] {
    return [...this.#held.values()].map((held) => held.lease);
  }

  /**
   * Whether this process gave `lease` up itself (rather than losing it to a pause, a cut or a
   * takeover), for deciding whether a refused write is worth a warning. A lease at or below the
   * last token it handed back for that partition counts as given up: a write under it comes from
   * before that hand-back, so its refusal says nothing new.
   */
  handedBack(lease: Lease): boolean {
    return lease.token <= (this.#handedBack.get(lease.partition) ?? 0);
  }

  /** Publishes the URL this process listens at, with its membership (now and at every heartbeat). */
  async advertise(url: string): Promise<void> {
    this.#url = url;
    await this.#pool.query('UPDATE members SET url = $2 WHERE owner = $1', [this.#owner, url]);
  }

  /** Forgets a partition (a fenced write was refused, or its lease ran out locally). */
  drop(partition: number): void {
    if (this.#held.delete(partition)) this.#listener.lost(partition);
  }

  /** Registers this process, takes a first share of partitions, then keeps renewing on a timer. */
  async start(): Promise<void> {
    const { rows } = await this.#pool.query<{ count: number }>('SELECT count(*)::integer AS count FROM partitions');
    this.#partitionCount = rows[0]?.count ?? 0;
    await this.tick();
    this.#timer = setInterval(() => void this.tick(), this.#heartbeatMs);
    this.#timer.unref();
  }

  /** One heartbeat: renew, then take or shed partitions towards a fair share. Never overlaps itself. */
  tick(): Promise<void> {
    this.#ticking ??= this.#heartbeat()
      .catch((error: unknown) => this.#onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        this.#ticking = undefined;
      });
    return this.#ticking;
  }

  async #heartbeat(): Promise<void> {
    for (const partition of [...this.#held.keys()]) this.leaseFor(partition);
    const sentAt = performance.now();
    await this.#pool.query(
      `INSERT INTO members (owner, expires_at, url) VALUES ($1, clock_timestamp() + $2::integer * interval '1 millisecond', $3)
       ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at, url = EXCLUDED.url`,
      [this.#owner, this.#leaseMs, this.#url],
    );
    await this.#renew(sentAt);
    const { rows } = await this.#pool.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM members WHERE expires_at > clock_timestamp()',
    );
    const share = Math.ceil(this.#partitionCount / Math.max(1, rows[0]?.count ?? 1));
    if (this.#held.size > share) await this.#shed(this.#held.size - share);
    else if (this.#held.size < share) await this.#grant(share - this.#held.size, sentAt);
  }

  async #renew(sentAt: number): Promise<void> {
    if (this.#held.size === 0) return;
    const held = [...this.#held.values()].map((entry) => entry.lease);
    const { rows } = await this.#pool.query<{ partition: number }>(
      `UPDATE partitions SET expires_at = clock_timestamp() + ${MS}
        WHERE owner = $1 AND expires_at > clock_timestamp()
          AND (partition, token) IN (SELECT * FROM unnest($2::integer[], $4::bigint[]))
        RETURNING partition`,
      [this.#owner, held.map((lease) => lease.partition), this.#leaseMs, held.map((lease) => lease.token)],
    );
    const renewed = new Set(rows.map((row) => row.partition));
    for (const lease of held) {
      const entry = this.#held.get(lease.partition);
      if (!renewed.has(lease.partition)) this.drop(lease.partition);
      else if (entry !== undefined) entry.deadline = sentAt + this.#leaseMs;
    }
  }

  async #grant(wanted: number, sentAt: number): Promise<void> {
    // SKIP LOCKED: a partition whose row is locked (being granted to someone else, or still under
    // a fenced write of its previous owner) is simply not taken this time.
    const { rows } = await this.#pool.query<{ partition: number; token: string }>(
      `WITH free AS (
         SELECT partition FROM partitions
          WHERE owner IS NULL OR expires_at <= clock_timestamp()
          ORDER BY random() LIMIT $2
          FOR UPDATE SKIP LOCKED
       ), granted AS (
         UPDATE partitions p SET owner = $1, token = p.token + 1, expires_at = clock_timestamp() + ${MS}
           FROM free WHERE p.partition = free.partition
         RETURNING p.partition, p.token
       ), recorded AS (
         INSERT INTO lease_history (partition, token, owner) SELECT partition, token, $1 FROM granted
       )
       SELECT partition, token FROM granted`,
      [this.#owner, wanted, this.#leaseMs],
    );
    for (const row of rows) {
      const lease: Lease = { partition: row.partition, owner: this.#owner, token: Number(row.token) };
      this.#held.set(row.partition, { lease, deadline: sentAt + this.#leaseMs });
      this.#listener.gained(lease);
    }
  }

  async #shed(count: number): Promise<void> {
    const extra = [...this.#held.values()].map((entry) => entry.lease).slice(-count);
    for (const lease of extra) this.drop(lease.partition);
    await this.#release(extra);
  }

  async #release(leases: readonly Lease[]): Promise<void> {
    if (leases.length === 0) return;
    for (const lease of leases)
      this.#handedBack.set(lease.partition, Math.max(lease.token, this.#handedBack.get(lease.partition) ?? 0));
    await this.#pool.query(
      `UPDATE partitions SET owner = NULL, expires_at = '-infinity'
        WHERE owner = $1 AND (partition, token) IN (SELECT * FROM unnest($2::integer[], $3::bigint[]))`,
      [this.#owner, leases.map((lease) => lease.partition), leases.map((lease) => lease.token)],
    );
  }

  /** Clean shutdown: stop renewing, forget every partition, hand the leases back, leave the members. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#ticking;
    const leases = this.leases();
    for (const lease of leases) this.drop(lease.partition);
    await this.#release(leases);
    await this.#pool.query('DELETE FROM members WHERE owner = $1', [this.#owner]);
  }
}
