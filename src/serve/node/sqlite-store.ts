import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type {
  AppendResult,
  CallbackInput,
  CallKey,
  CallStore,
  PendingCall,
  StoredCallback,
  StoredRecord,
} from '../store/types.js';
import { CoalescedSync } from './coalesced-sync.js';
import { GroupCommit } from './group-commit.js';

/** Versioned schema: `PRAGMA user_version` says which migrations a file has had. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE callbacks (
     seq INTEGER PRIMARY KEY,
     source TEXT NOT NULL,
     call_id TEXT NOT NULL,
     dedup_key TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     body TEXT NOT NULL,
     UNIQUE (source, call_id, dedup_key)
   );
   CREATE TABLE calls (
     source TEXT NOT NULL,
     call_id TEXT NOT NULL,
     wake_at INTEGER,
     ended INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (source, call_id)
   ) WITHOUT ROWID;
   CREATE INDEX calls_pending ON calls (ended) WHERE ended = 0;
   CREATE TABLE records (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     source TEXT NOT NULL,
     call_id TEXT NOT NULL,
     written_at INTEGER NOT NULL,
     body TEXT NOT NULL,
     UNIQUE (source, call_id)
   );
   CREATE TABLE cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;`,
];

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length)
    throw new Error(`the store was written by a newer call-lifecycle (schema ${version}); upgrade to read it`);
  for (const [index, sql] of MIGRATIONS.entries()) {
    if (index < version) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}

interface CallbackRow {
  seq: number;
  source: string;
  call_id: string;
  dedup_key: string;
  received_at: number;
  body: string;
}
interface RecordRow {
  seq: number;
  source: string;
  call_id: string;
  written_at: number;
  body: string;
}

const toCallback = (row: CallbackRow): StoredCallback => ({
  seq: row.seq,
  source: row.source as StoredCallback['source'],
  callId: row.call_id,
  dedupKey: row.dedup_key,
  receivedAt: row.received_at,
  body: row.body,
});
const toRecord = (row: RecordRow): StoredRecord => ({
  seq: row.seq,
  source: row.source as StoredRecord['source'],
  callId: row.call_id,
  writtenAt: row.written_at,
  body: row.body,
});

/**
 * A `CallStore` in one SQLite file (created on first use), in WAL mode, with group commit: the
 * writes of an event-loop turn share one transaction, and their callers hear back only once the
 * WAL holding it is fsynced. SQLite runs with `synchronous=NORMAL` (a commit writes the WAL but
 * does not wait for the disk; checkpoints still sync) and the store adds the one fsync that
 * `synchronous=FULL` would add after each commit, on libuv's thread pool instead of the event
 * loop, shared by every commit made while the previous fsync ran. One process owns the file
 * (SQLite's own lock refuses a second writer).
 *
 * @example
 * const store = openSqliteStore('./call-lifecycle.db');
 * await store.append({ source: 'twilio', callId: 'CA1', dedupKey: 'k1', receivedAt: Date.now(), body: '{}' });
 */
export function openSqliteStore(path: string): CallStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  // The WAL lives as long as the connection (SQLite resets it after a checkpoint, never deletes it
  // while open), so one descriptor serves every fsync. Its directory entry is synced once.
  const wal = openSync(`${path}-wal`, 'a');
  syncDirectory(dirname(path));
  const walSync = new CoalescedSync(() => fsyncAsync(wal));
  const sql = {
    insertCallback: db.prepare(
      'INSERT OR IGNORE INTO callbacks (source, call_id, dedup_key, received_at, body) VALUES (?, ?, ?, ?, ?)',
    ),
    upsertCall: db.prepare(
      `INSERT INTO calls (source, call_id, wake_at) VALUES (?, ?, ?)
       ON CONFLICT (source, call_id) DO UPDATE SET wake_at =
         CASE WHEN excluded.wake_at IS NULL THEN wake_at WHEN wake_at IS NULL THEN excluded.wake_at
              ELSE min(wake_at, excluded.wake_at) END
       WHERE ended = 0`,
    ),
    setWake: db.prepare('UPDATE calls SET wake_at = ? WHERE source = ? AND call_id = ? AND ended = 0'),
    callbacks: db.prepare<[string, string], CallbackRow>(
      'SELECT * FROM callbacks WHERE source = ? AND call_id = ? ORDER BY seq',
    ),
    pending: db.prepare<[], { source: string; call_id: string; wake_at: number | null }>(
      'SELECT source, call_id, wake_at FROM calls WHERE ended = 0',
    ),
    insertRecord: db.prepare('INSERT OR IGNORE INTO records (source, call_id, written_at, body) VALUES (?, ?, ?, ?)'),
    endCall: db.prepare('UPDATE calls SET ended = 1, wake_at = NULL WHERE source = ? AND call_id = ?'),
    record: db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE source = ? AND call_id = ?'),
    records: db.prepare<[number, number], RecordRow>('SELECT * FROM records WHERE seq > ? ORDER BY seq LIMIT ?'),
    cursor: db.prepare<[string], { seq: number }>('SELECT seq FROM cursors WHERE name = ?'),
    saveCursor: db.prepare(
      'INSERT INTO cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
    ),
  };
  const writes = new GroupCommit(
    db.transaction((batch: readonly (() => unknown)[]) => batch.map((run) => run())),
    () => walSync.sync(),
  );
  let closed = false;

  return {
    append(callback: CallbackInput) {
      return writes.write((): AppendResult => {
        const { source, callId, dedupKey, receivedAt, body } = callback;
        const inserted = sql.insertCallback.run(source, callId, dedupKey, receivedAt, body);
        if (inserted.changes === 0) return { duplicate: true };
        // The upsert changes nothing only when the call has ended (its record is written).
        const call = sql.upsertCall.run(source, callId, callback.wakeAt ?? null);
        return { duplicate: false, seq: Number(inserted.lastInsertRowid), ended: call.changes === 0 };
      });
    },
    async callbacks(key: CallKey) {
      return sql.callbacks.all(key.source, key.callId).map(toCallback);
    },
    setWake(key: CallKey, wakeAt: number | null) {
      return writes.write(() => void sql.setWake.run(wakeAt, key.source, key.callId));
    },
    async pending(): Promise<PendingCall[]> {
      return sql.pending.all().map((row) => ({
        source: row.source as PendingCall['source'],
        callId: row.call_id,
        wakeAt: row.wake_at,
      }));
    },
    writeRecord(key: CallKey, body: string, writtenAt: number) {
      return writes.write(() => {
        const inserted = sql.insertRecord.run(key.source, key.callId, writtenAt, body);
        sql.endCall.run(key.source, key.callId);
        return inserted.changes > 0 ? Number(inserted.lastInsertRowid) : null;
      });
    },
    async record(key: CallKey) {
      const row = sql.record.get(key.source, key.callId);
      return row === undefined ? null : toRecord(row);
    },
    async records(after: number, limit: number) {
      return sql.records.all(after, limit).map(toRecord);
    },
    async cursor(name: string) {
      return sql.cursor.get(name)?.seq ?? 0;
    },
    saveCursor(name: string, seq: number) {
      return writes.write(() => void sql.saveCursor.run(name, seq));
    },
    async ready() {
      return !closed && db.open;
    },
    async close() {
      if (closed) return;
      closed = true;
      await writes.drain();
      await walSync.settled();
      db.close();
      closeSync(wal);
    },
  };
}

const fsyncAsync = promisify(fsync);

function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
