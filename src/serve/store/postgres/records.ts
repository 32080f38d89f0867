import type { Pool } from 'pg';
import type { CallKey } from '../types.js';
import { currentLeases, type Lease } from './fence.js';
import { retryingTransaction } from './transaction.js';

/** A record to write under the lease of its call's partition. */
export interface RecordWrite extends CallKey {
  readonly lease: Lease;
  readonly body: string;
  readonly writtenAt: number;
}

/** What became of one write: its `seq`, `null` (the call had a record already), or `fenced`. */
export type RecordOutcome = { readonly seq: number | null } | { readonly fenced: true };

/**
 * The advisory-lock key taken just before records are inserted and held to the commit ("clrc" in
 * ASCII). It makes record writers across all processes take `seq` values and commit in the same
 * order, so records become visible in `seq` order: a reader paging with "seq > last seen" can
 * never skip one that commits late. Only the short tail of each batch is serialized.
 */
const RECORD_ORDER_LOCK = 0x636c7263;

/**
 * Writes a batch of records in one transaction, each only if its lease is still current in the
 * database (checked and held to the commit, fence.ts): a write under a lost lease writes nothing
 * and comes back `fenced`. Every record row carries the token and owner it was written under.
 */
export function commitRecords(pool: Pool, batch: readonly RecordWrite[]): Promise<RecordOutcome[]> {
  return retryingTransaction(pool, async (client) => {
    const leases = [...new Map(batch.map((write) => [write.lease.partition, write.lease])).values()];
    const current = await currentLeases(client, leases);
    const valid = batch
      .filter((write) => current.has(write.lease.partition))
      .sort((a, b) => compare(`${a.source}\u0000${a.callId}`, `${b.source}\u0000${b.callId}`));
    const seqs = new Map<string, number>();
    if (valid.length > 0) {
      const columns = [valid.map((write) => write.source), valid.map((write) => write.callId)];
      // Lock the calls' rows in the batch's order (the order appends use too), then end them.
      await client.query(
        `SELECT 1 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(source, call_id, n)
           JOIN calls USING (source, call_id) ORDER BY u.n FOR UPDATE OF calls`,
        columns,
      );
      await client.query(
        `UPDATE calls SET ended = true, wake_at = NULL
          WHERE (source, call_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        columns,
      );
      await client.query('SELECT pg_advisory_xact_lock($1)', [RECORD_ORDER_LOCK]);
      const { rows } = await client.query<{ seq: string; source: string; call_id: string }>(
        `INSERT INTO records (source, call_id, partition, written_at, body, token, owner)
         SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::bigint[], $5::text[], $6::bigint[], $7::text[])
         ON CONFLICT DO NOTHING
         RETURNING seq, source, call_id`,
        [
          ...columns,
          valid.map((write) => write.lease.partition),
          valid.map((write) => write.writtenAt),
          valid.map((write) => write.body),
          valid.map((write) => write.lease.token),
          valid.map((write) => write.lease.owner),
        ],
      );
      for (const row of rows) seqs.set(`${row.source}\u0000${row.call_id}`, Number(row.seq));
    }
    return batch.map((write): RecordOutcome => {
      if (!current.has(write.lease.partition)) return { fenced: true };
      const key = `${write.source}\u0000${write.callId}`;
      const seq = seqs.get(key) ?? null;
      seqs.delete(key); // the same call twice in one batch: the second finds the first's record
      return { seq };
    });
  });
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
