import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on a pooled connection: COMMIT if it resolves, ROLLBACK if it
 * throws (and the error goes on to the caller). A checked-out connection's errors (the server
 * ended the session, the network cut) are not the pool's to handle and would crash the process
 * without a listener here; the query in flight fails on its own, and such a connection is
 * destroyed on release instead of going back to the pool.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** SQLSTATEs after which a transaction may simply be run again: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/** `inTransaction`, run again (up to `attempts` times in all) when PostgreSQL aborted it as a deadlock victim. */
export function retryingTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, attempts = 3): Promise<T> {
  return retrying(() => inTransaction(pool, work), attempts);
}

/** Runs `run` (one transaction, or one statement), again when PostgreSQL aborted it as a deadlock victim. */
export async function retrying<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
    }
  }
}
