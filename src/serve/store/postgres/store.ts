import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import type {
  AppendResult,
  CallKey,
  CallStore,
  PendingCall,
  SourceName,
  StoredCallback,
  StoredRecord,
} from '../types.js';
import { type Append, commitAppends } from './append.js';
import { Batcher } from './batch.js';
import { migrate } from './migrate.js';
import { Ownership } from './ownership.js';
import { openPool, redact } from './pool.js';
import { beforeRecordWrite } from './failpoint.js';
import { commitRecords, type RecordOutcome, type RecordWrite } from './records.js';

/** How a process joins the shared store. */
export interface PostgresStoreOptions {
  /**
   * A lease not renewed for this long lets another process take the partition over: the longest a
   * dead process's calls wait, and the longest pause a live one survives without losing them.
   * @defaultValue 10000
   */
  readonly leaseMs?: number;
  /** This process's name in the lease tables. @defaultValue `host:pid:random` */
  readonly owner?: string;
  /** @defaultValue 8 */
  readonly poolSize?: number;
  /** Errors of background work (heartbeats, notifications), which are retried, never thrown. */
  readonly onError?: (error: Error) => void;
}

interface CallbackRow {
  seq: string;
  source: SourceName;
  call_id: string;
  dedup_key: string;
  received_at: string;
  body: string;
}
interface RecordRow {
  seq: string;
  source: SourceName;
  call_id: string;
  written_at: string;
  body: string;
}

const toCallback = (row: CallbackRow): StoredCallback => ({
  seq: Number(row.seq),
  source: row.source,
  callId: row.call_id,
  dedupKey: row.dedup_key,
  receivedAt: Number(row.received_at),
  body: row.body,
});
const toRecord = (row: RecordRow): StoredRecord => ({
  seq: Number(row.seq),
  source: row.source,
  callId: row.call_id,
  writtenAt: Number(row.written_at),
  body: row.body,
});

/** A `CallStore` that several `serve` processes share, with the ownership that tells each which calls are its own. */
export type PostgresCallStore = CallStore & { readonly ownership: Ownership };

/**
 * Opens the PostgreSQL store: migrates the schema (idempotent, safe when processes start together),
 * joins the members, takes a share of the partitions and listens for wake-ups. Any process stores
 * any callback (committed before it resolves); only the owner of a call's partition writes its
 * record, under its lease (docs/scale-out.md).
 *
 * @example
 * const store = await openPostgresStore('postgres://postgres@127.0.0.1:5432/calls');
 * await store.append({ source: 'twilio', callId: 'CA1', dedupKey: 'k1', receivedAt: Date.now(), body: '{}' });
 * await store.close(); // hands its leases back
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresCallStore> {
  const onError = options.onError ?? (() => undefined);
  const leaseMs = options.leaseMs ?? 10_000;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  // A session stuck inside a transaction is ended well before its lease could be taken over.
  const pool = openPool(
    { url, max: options.poolSize ?? 8, idleInTransactionMs: Math.max(100, Math.floor(leaseMs / 2)) },
    onError,
  );
  try {
    await migrate(pool);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM partitions');
    const ownership = new Ownership(pool, url, owner, rows[0]?.n ?? 0, { leaseMs }, onError);
    await ownership.start(Math.max(1, Math.floor(leaseMs / 3)));
    return storeOn(pool, ownership, onError);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`${redact(url)}: ${(error as Error).message}`);
  }
}

function storeOn(pool: Pool, ownership: Ownership, onError: (error: Error) => void): PostgresCallStore {
  const appends = new Batcher<Append, AppendResult>((batch) => commitAppends(pool, ownership.leases.owner, batch), {
    parallel: 3,
  });
  const records = new Batcher<RecordWrite, RecordOutcome>((batch) => commitRecords(pool, batch));
  // Every call's record needs its callbacks read: one query for the calls that fall due together,
  // not one round trip each (the round trips, not the rows, are what a busy process pays for).
  const reads = new Batcher<CallKey, StoredCallback[]>((keys) => callbacksOf(pool, keys));
  let closed = false;
  return {
    ownership,
    append(callback) {
      if (closed) return Promise.reject(new Error('the store is closed'));
      return appends.push({ ...callback, partition: ownership.partitionOf(callback) });
    },
    callbacks(key: CallKey) {
      return reads.push(key);
    },
    async setWake(key: CallKey, wakeAt: number | null) {
      await pool.query('UPDATE calls SET wake_at = $3 WHERE source = $1 AND call_id = $2 AND NOT ended', [
        key.source,
        key.callId,
        wakeAt,
      ]);
    },
    async pending(): Promise<PendingCall[]> {
      // Shared by several processes: a process resumes the calls of the partitions it owns; the
      // others' are theirs (and become this one's through Ownership when their leases move).
      const owned = ownership.leases.leases().map((lease) => lease.partition);
      const { rows } = await pool.query<{ source: SourceName; call_id: string; wake_at: string | null }>(
        'SELECT source, call_id, wake_at FROM calls WHERE NOT ended AND partition = ANY($1::integer[])',
        [owned],
      );
      return rows.map((row) => ({
        source: row.source,
        callId: row.call_id,
        wakeAt: row.wake_at === null ? null : Number(row.wake_at),
      }));
    },
    async writeRecord(key: CallKey, body: string, writtenAt: number) {
      const lease = ownership.leaseOf(key);
      if (lease === undefined) return null; // not this process's call: its owner writes the record
      beforeRecordWrite();
      const outcome = await records.push({ ...key, lease, body, writtenAt });
      if ('fenced' in outcome) {
        // Refused by the database. Unless this process had already let the partition go (handed
        // back while rebalancing), it learns here that its lease was lost (a pause, a cut).
        if (!ownership.leases.handedBack(lease))
          onError(
            new Error(
              `partition ${lease.partition}: a record write was refused, the lease (token ${lease.token}) had passed to another process`,
            ),
          );
        ownership.leases.drop(lease.partition);
        return null;
      }
      return outcome.seq;
    },
    async record(key: CallKey) {
      const { rows } = await pool.query<RecordRow>('SELECT * FROM records WHERE source = $1 AND call_id = $2', [
        key.source,
        key.callId,
      ]);
      return rows[0] === undefined ? null : toRecord(rows[0]);
    },
    async records(after: number, limit: number) {
      const { rows } = await pool.query<RecordRow>('SELECT * FROM records WHERE seq > $1 ORDER BY seq LIMIT $2', [
        after,
        limit,
      ]);
      return rows.map(toRecord);
    },
    async cursor(name: string) {
      const { rows } = await pool.query<{ seq: string }>('SELECT seq FROM cursors WHERE name = $1', [name]);
      return rows[0] === undefined ? 0 : Number(rows[0].seq);
    },
    async saveCursor(name: string, seq: number) {
      await pool.query(
        'INSERT INTO cursors (name, seq) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET seq = EXCLUDED.seq',
        [name, seq],
      );
    },
    async ready() {
      if (closed) return false;
      return pool.query('SELECT 1').then(
        () => true,
        () => false,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await appends.drain();
      await records.drain();
      await reads.drain();
      await ownership.stop();
      await pool.end();
    },
  };
}

/** The callbacks of each call of `keys`, in order of arrival, in one query. */
async function callbacksOf(pool: Pool, keys: readonly CallKey[]): Promise<StoredCallback[][]> {
  const { rows } = await pool.query<CallbackRow>(
    `SELECT * FROM callbacks
      WHERE (source, call_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY seq`,
    [keys.map((key) => key.source), keys.map((key) => key.callId)],
  );
  const byCall = new Map<string, StoredCallback[]>();
  for (const row of rows) {
    const id = `${row.source}\u0000${row.call_id}`;
    const list = byCall.get(id) ?? [];
    list.push(toCallback(row));
    byCall.set(id, list);
  }
  return keys.map((key) => byCall.get(`${key.source}\u0000${key.callId}`) ?? []);
}
