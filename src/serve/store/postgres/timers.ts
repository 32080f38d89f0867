import type { PoolClient } from 'pg';
import type { Lease } from './fence.js';

/** A call whose deadline has come, claimed by one transaction. */
export interface DueTimer {
  readonly callId: string;
  readonly dueAt: Date;
}

/**
 * Claims up to `limit` of `partition`'s due timers (deadline at or before the database's clock),
 * earliest first, and deletes them, inside the caller's fenced transaction (`withLease`): they
 * fire if that transaction commits, and are back otherwise. `FOR UPDATE SKIP LOCKED` lets several
 * workers claim at once without waiting on each other or taking the same timer twice (PostgreSQL
 * docs, SELECT, "The Locking Clause").
 */
export async function claimDueTimers(client: PoolClient, partition: number, limit: number): Promise<DueTimer[]> {
  const { rows } = await client.query<{ call_id: string; due_at: Date }>(
    `DELETE FROM timers WHERE call_id IN (
       SELECT call_id FROM timers
        WHERE partition = $1 AND due_at <= clock_timestamp()
        ORDER BY due_at LIMIT $2
        FOR UPDATE SKIP LOCKED)
     RETURNING call_id, due_at`,
    [partition, limit],
  );
  return rows.map((row) => ({ callId: row.call_id, dueAt: row.due_at })).sort((a, b) => +a.dueAt - +b.dueAt);
}

/** Sets (or moves) a call's deadline, stamped with the lease it was set under. */
export async function setTimer(client: PoolClient, lease: Lease, callId: string, dueAt: Date): Promise<void> {
  await client.query(
    `INSERT INTO timers (call_id, partition, due_at, token, owner) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (call_id) DO UPDATE
       SET due_at = EXCLUDED.due_at, token = EXCLUDED.token, owner = EXCLUDED.owner`,
    [callId, lease.partition, dueAt, lease.token, lease.owner],
  );
}
