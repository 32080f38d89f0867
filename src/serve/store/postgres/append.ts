import type { Pool } from 'pg';
import type { AppendResult, CallbackInput } from '../types.js';
import { retrying } from './transaction.js';
import { CALLBACK_CHANNEL, WAKE_HORIZON_MS } from './wakeups.js';

/** A callback to store, with the partition its call hashes to. */
export interface Append extends CallbackInput {
  readonly partition: number;
}

const callKey = (item: { source: string; callId: string }) => `${item.source}\u0000${item.callId}`;
const callbackKey = (source: string, callId: string, dedupKey: string) => `${source}\u0000${callId}\u0000${dedupKey}`;

/**
 * One statement, so one round trip and its own transaction (a busy process pays for round trips,
 * not rows): insert the new callbacks; upsert their calls, the earliest wake winning as in the
 * SQLite store, an ended call left as it is; announce each live call's new wake, when it is due
 * within WAKE_HORIZON_MS, with NOTIFY (the owner's hint, wakeups.ts), which PostgreSQL delivers
 * only if the statement commits. The rows
 * say which callbacks were new (with their `seq`) and which calls are still live; the NOTIFY part
 * runs only because the final SELECT reads it. The payload is `partition \t wakeAt \t source \t
 * callId`, what the owner needs to arm the wake.
 */
const APPEND = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::bigint[], $6::text[], $7::bigint[])
    WITH ORDINALITY AS t(source, call_id, partition, dedup_key, received_at, body, wake_at, n)
), inserted AS (
  INSERT INTO callbacks (source, call_id, partition, dedup_key, received_at, body, received_by)
  SELECT source, call_id, partition, dedup_key, received_at, body, $8 FROM input ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING seq, source, call_id, dedup_key
), touched AS (
  SELECT i.source, i.call_id, min(i.partition) AS partition, min(i.wake_at) AS wake_at
    FROM input i JOIN inserted USING (source, call_id, dedup_key)
   GROUP BY i.source, i.call_id
), live AS (
  INSERT INTO calls AS c (source, call_id, partition, wake_at)
  SELECT source, call_id, partition, wake_at FROM touched ORDER BY source, call_id
  ON CONFLICT (source, call_id) DO UPDATE SET wake_at = CASE
      WHEN EXCLUDED.wake_at IS NULL THEN c.wake_at
      WHEN c.wake_at IS NULL THEN EXCLUDED.wake_at
      ELSE least(c.wake_at, EXCLUDED.wake_at) END
    WHERE NOT c.ended
  RETURNING c.source, c.call_id
), notified AS (
  SELECT pg_notify($9, t.partition || E'\\t' || t.wake_at || E'\\t' || t.source || E'\\t' || t.call_id)
    FROM touched t JOIN live USING (source, call_id)
   WHERE t.wake_at <= $10::bigint
)
SELECT 'callback' AS kind, seq, source, call_id, dedup_key FROM inserted
UNION ALL SELECT 'live', NULL, source, call_id, NULL FROM live
UNION ALL SELECT 'notified', count(*), NULL, NULL, NULL FROM notified`;

interface AppendRow {
  kind: 'callback' | 'live' | 'notified';
  seq: string | null;
  source: string | null;
  call_id: string | null;
  dedup_key: string | null;
}

/**
 * Stores a batch of callbacks, by whichever process received them (no lease is needed: storing is
 * not applying). A duplicate (same call, same dedup key), stored before or earlier in the batch,
 * is not stored again. Rows are written in key order so that concurrent batches lock shared rows
 * in one order; a deadlock victim is run again.
 */
export function commitAppends(pool: Pool, receivedBy: string, batch: readonly Append[]): Promise<AppendResult[]> {
  const items = [...batch].sort((a, b) => compare(callKey(a) + a.dedupKey, callKey(b) + b.dedupKey));
  return retrying(async () => {
    const { rows } = await pool.query<AppendRow>(APPEND, [
      items.map((item) => item.source),
      items.map((item) => item.callId),
      items.map((item) => item.partition),
      items.map((item) => item.dedupKey),
      items.map((item) => item.receivedAt),
      items.map((item) => item.body),
      items.map((item) => item.wakeAt ?? null),
      receivedBy,
      CALLBACK_CHANNEL,
      // Only wakes due soon are announced; later ones (idle deadlines) reach the owner through
      // its heartbeat's sweep once they come within the window (ownership.ts).
      Date.now() + WAKE_HORIZON_MS,
    ]);
    const seqs = new Map<string, number>();
    const live = new Set<string>();
    for (const row of rows) {
      if (row.kind === 'callback')
        seqs.set(callbackKey(row.source ?? '', row.call_id ?? '', row.dedup_key ?? ''), Number(row.seq));
      else if (row.kind === 'live') live.add(`${row.source}\u0000${row.call_id}`);
    }
    const results = new Map<Append, AppendResult>();
    for (const item of items) {
      const key = callbackKey(item.source, item.callId, item.dedupKey);
      const seq = seqs.get(key);
      seqs.delete(key); // a second copy of the same callback in this batch is a duplicate
      results.set(
        item,
        seq === undefined ? { duplicate: true } : { duplicate: false, seq, ended: !live.has(callKey(item)) },
      );
    }
    return batch.map((item) => results.get(item) ?? { duplicate: true });
  });
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
