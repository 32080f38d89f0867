import type { Pool, PoolClient } from 'pg';

/** The right to apply one partition's events: granted to `owner` under `token` (see leases.ts). */
export interface Lease {
  readonly partition: number;
  readonly owner: string;
  readonly token: number;
}

/** What a fenced write gives back: its value, or `fenced` when the lease was no longer valid. */
export type Fenced<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/**
 * Runs `work` in one transaction that first checks, in the database, that `lease` is still the
 * partition's current lease (same owner, same fencing token, not expired by the database's clock).
 * If it is not, nothing is written and `{ ok: false }` comes back: the caller has lost the
 * partition and must drop what it holds in memory for it.
 *
 * The check takes `FOR KEY SHARE` on the partition's row and keeps it to the commit. A takeover
 * needs `FOR UPDATE` on that row, which conflicts, so no other process can be granted the
 * partition between the check and the commit: every row written here was written under a lease
 * that was valid at its commit. The owner's own renewals (a plain UPDATE of non-key columns) do
 * not conflict with it. A process paused inside this transaction is cut off by the server's
 * `idle_in_transaction_session_timeout` (pool.ts), which rolls the work back and frees the row.
 */
export async function withLease<T>(
  pool: Pool,
  lease: Lease,
  work: (client: PoolClient) => Promise<T>,
): Promise<Fenced<T>> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client's connection errors (the server ended the session, the network cut) are
  // not the pool's to handle; without a listener they would crash the process. The query in
  // flight fails on its own, and the connection is destroyed on release.
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const check = await client.query(
      `SELECT 1 FROM partitions
        WHERE partition = $1 AND owner = $2 AND token = $3 AND expires_at > clock_timestamp()
        FOR KEY SHARE`,
      [lease.partition, lease.owner, lease.token],
    );
    if (check.rowCount !== 1) {
      await client.query('ROLLBACK');
      return { ok: false };
    }
    const value = await work(client);
    await client.query('COMMIT');
    return { ok: true, value };
  } catch (error) {
    // A connection that cannot even roll back (the database restarted, the network cut) is
    // destroyed rather than returned to the pool.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
