import type { Pool } from 'pg';
import type { AppendResult, CallbackInput } from '../types.js';
import { retryingTransaction } from './transaction.js';
import { CALLBACK_CHANNEL } from './wakeups.js';

/** A callback to store, with the partition its call hashes to. */
export interface Append extends CallbackInput {
  readonly partition: number;
}

const callKey = (item: Append) => `${item.source}\u0000${item.callId}`;
const callbackKey = (source: string, callId: string, dedupKey: string) => `${source}\u0000${callId}\u0000${dedupKey}`;

/** `partition \t wakeAt \t source \t callId`: what the owner needs to arm the call's wake. */
export function wakePayload(call: { partition: number; wakeAt: number; source: string; callId: string }): string {
  return `${call.partition}\t${call.wakeAt}\t${call.source}\t${call.callId}`;
}

/**
 * Stores a batch of callbacks in one transaction, by whichever process received them (no lease
 * is needed: storing is not applying). A duplicate (same call, same dedup key), stored before or
 * earlier in the batch, is not stored again. Each new callback that sets a wake time announces it
 * with NOTIFY, which PostgreSQL delivers only if and when the transaction commits. Rows are
 * written in key order so that concurrent batches lock shared rows in one order (no deadlock).
 */
export function commitAppends(pool: Pool, receivedBy: string, batch: readonly Append[]): Promise<AppendResult[]> {
  const items = [...batch].sort((a, b) => compare(callKey(a) + a.dedupKey, callKey(b) + b.dedupKey));
  return retryingTransaction(pool, async (client) => {
    const inserted = await client.query<{ seq: string; source: string; call_id: string; dedup_key: string }>(
      `INSERT INTO callbacks (source, call_id, partition, dedup_key, received_at, body, received_by)
       SELECT s, c, p, d, r, b, $7 FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::bigint[], $6::text[])
         AS t(s, c, p, d, r, b)
       ON CONFLICT DO NOTHING
       RETURNING seq, source, call_id, dedup_key`,
      [
        items.map((item) => item.source),
        items.map((item) => item.callId),
        items.map((item) => item.partition),
        items.map((item) => item.dedupKey),
        items.map((item) => item.receivedAt),
        items.map((item) => item.body),
        receivedBy,
      ],
    );
    const seqs = new Map(
      inserted.rows.map((row) => [callbackKey(row.source, row.call_id, row.dedup_key), Number(row.seq)]),
    );
    const results = new Map<Append, AppendResult>();
    const calls = new Map<string, { item: Append; wakeAt: number | null }>();
    for (const item of items) {
      const key = callbackKey(item.source, item.callId, item.dedupKey);
      const seq = seqs.get(key);
      seqs.delete(key); // a second copy of the same callback in this batch is a duplicate
      results.set(item, seq === undefined ? { duplicate: true } : { duplicate: false, seq });
      if (seq === undefined) continue;
      const call = calls.get(callKey(item)) ?? { item, wakeAt: null };
      if (item.wakeAt !== undefined) call.wakeAt = Math.min(call.wakeAt ?? item.wakeAt, item.wakeAt);
      calls.set(callKey(item), call);
    }
    const touched = [...calls.values()];
    if (touched.length > 0) {
      // The earliest wake wins, as in the SQLite store; an ended call keeps no wake.
      await client.query(
        `INSERT INTO calls (source, call_id, partition, wake_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::bigint[])
         ON CONFLICT (source, call_id) DO UPDATE SET wake_at = CASE
             WHEN EXCLUDED.wake_at IS NULL THEN calls.wake_at
             WHEN calls.wake_at IS NULL THEN EXCLUDED.wake_at
             ELSE least(calls.wake_at, EXCLUDED.wake_at) END
           WHERE NOT calls.ended`,
        [
          touched.map((call) => call.item.source),
          touched.map((call) => call.item.callId),
          touched.map((call) => call.item.partition),
          touched.map((call) => call.wakeAt),
        ],
      );
      const wakes = touched.flatMap((call) =>
        call.wakeAt === null ? [] : [wakePayload({ ...call.item, wakeAt: call.wakeAt })],
      );
      if (wakes.length > 0)
        await client.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
          CALLBACK_CHANNEL,
          wakes,
        ]);
    }
    return batch.map((item) => results.get(item) ?? { duplicate: true });
  });
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
