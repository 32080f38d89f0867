import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction.js';

/** The right to apply one partition's events: granted to `owner` under `token` (see leases.ts). */
export interface Lease {
  readonly partition: number;
  readonly owner: string;
  readonly token: number;
}

/** What a fenced write gives back: its value, or `{ ok: false }` when the lease was no longer valid. */
export type Fenced<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/**
 * Of `leases` (all of one owner), the partitions whose lease is still current in the database:
 * same owner, same fencing token, not expired by the database's clock. Must run inside the
 * transaction that writes under them.
 *
 * The check takes `FOR KEY SHARE` on each partition's row and keeps it to the commit. A takeover
 * needs `FOR UPDATE` on that row, which conflicts, so no other process can be granted the
 * partition between the check and the commit: every row written under a lease checked here was
 * committed while that lease was current. The owner's own renewals (a plain UPDATE of non-key
 * columns) do not conflict with it. A process paused inside such a transaction is cut off by the
 * server's `idle_in_transaction_session_timeout` (pool.ts), which rolls its work back and frees
 * the row.
 */
export async function currentLeases(client: PoolClient, leases: readonly Lease[]): Promise<Set<number>> {
  const owner = leases[0]?.owner;
  if (owner === undefined) return new Set();
  const { rows } = await client.query<{ partition: number }>(
    `SELECT partition FROM partitions
      WHERE owner = $1 AND expires_at > clock_timestamp()
        AND (partition, token) IN (SELECT * FROM unnest($2::integer[], $3::bigint[]))
      ORDER BY partition
      FOR KEY SHARE`,
    [owner, leases.map((lease) => lease.partition), leases.map((lease) => lease.token)],
  );
  return new Set(rows.map((row) => row.partition));
}

const FENCED = Symbol('fenced');

/**
 * Runs `work` in one transaction that first checks that `lease` is still current
 * (`currentLeases`). If it is not, nothing is written and `{ ok: false }` comes back: the caller
 * has lost the partition and must drop what it holds in memory for it.
 */
export async function withLease<T>(
  pool: Pool,
  lease: Lease,
  work: (client: PoolClient) => Promise<T>,
): Promise<Fenced<T>> {
  try {
    const value = await inTransaction(pool, async (client) => {
      if ((await currentLeases(client, [lease])).size === 0) throw FENCED;
      return work(client);
    });
    return { ok: true, value };
  } catch (error) {
    if (error === FENCED) return { ok: false };
    throw error;
  }
}
