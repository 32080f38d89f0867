import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/serve/node/sqlite-store.js';
import type { CallStore } from '../../src/serve/store/types.js';

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-store-'));
  dirs.push(dir);
  return join(dir, 'calls.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const key = { source: 'twilio', callId: 'CA1' } as const;
const callback = (dedupKey: string, extra: { wakeAt?: number } = {}) => ({
  ...key,
  dedupKey,
  receivedAt: 1_000,
  body: JSON.stringify({ dedupKey }),
  ...extra,
});

describe('the SQLite store', () => {
  it('stores a callback once: the same source and dedup key again is a duplicate', async () => {
    const store = openSqliteStore(tempPath());
    const [first, again, other] = await Promise.all([
      store.append(callback('a')),
      store.append(callback('a')),
      store.append(callback('b')),
    ]);
    expect([first.duplicate, again.duplicate, other.duplicate]).toEqual([false, true, false]);
    expect((await store.callbacks(key)).map((stored) => stored.dedupKey)).toEqual(['a', 'b']);
    await store.close();
  });

  it('keeps the earliest wake time it is given until setWake replaces it', async () => {
    const store = openSqliteStore(tempPath());
    await store.append(callback('a', { wakeAt: 5_000 }));
    await store.append(callback('b', { wakeAt: 9_000 }));
    await store.append(callback('c'));
    expect(await store.pending()).toEqual([{ ...key, wakeAt: 5_000 }]);
    await store.setWake(key, 12_000);
    expect(await store.pending()).toEqual([{ ...key, wakeAt: 12_000 }]);
    await store.close();
  });

  it('writes a record once, and the call stops being pending', async () => {
    const store = openSqliteStore(tempPath());
    expect(await store.append(callback('a', { wakeAt: 5_000 }))).toMatchObject({ duplicate: false, ended: false });
    const first = await store.writeRecord(key, '{"n":1}', 6_000);
    const second = await store.writeRecord(key, '{"n":2}', 7_000);
    expect(first).toBeTypeOf('number');
    expect(second).toBeNull();
    expect((await store.record(key))?.body).toBe('{"n":1}');
    expect(await store.pending()).toEqual([]);
    // A callback after the record is kept; the call does not become pending again.
    // ... and the append says the call had ended.
    expect(await store.append(callback('late', { wakeAt: 8_000 }))).toMatchObject({ duplicate: false, ended: true });
    expect(await store.pending()).toEqual([]);
    await store.close();
  });

  it('pages records after a cursor, in the order written', async () => {
    const store = openSqliteStore(tempPath());
    for (const id of ['c1', 'c2', 'c3']) {
      await store.append({ ...callback(id), callId: id });
      await store.writeRecord({ source: 'twilio', callId: id }, `{"callId":"${id}"}`, 1);
    }
    const all = await store.records(0, 10);
    expect(all.map((record) => record.callId)).toEqual(['c1', 'c2', 'c3']);
    expect((await store.records(all[0]?.seq ?? 0, 1)).map((record) => record.callId)).toEqual(['c2']);
    await store.close();
  });

  it('keeps everything acknowledged across a reopen, cursors included', async () => {
    const path = tempPath();
    const store: CallStore = openSqliteStore(path);
    await store.append(callback('a', { wakeAt: 5_000 }));
    await store.saveCursor('forward', 7);
    await store.close();
    const reopened = openSqliteStore(path);
    expect((await reopened.callbacks(key)).map((stored) => stored.body)).toEqual(['{"dedupKey":"a"}']);
    expect(await reopened.pending()).toEqual([{ ...key, wakeAt: 5_000 }]);
    expect(await reopened.cursor('forward')).toBe(7);
    expect(await reopened.cursor('never-saved')).toBe(0);
    await reopened.close();
  });

  it('refuses a file written by a newer schema instead of guessing', async () => {
    const path = tempPath();
    const store = openSqliteStore(path);
    await store.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(path)).toThrow(/newer call-lifecycle \(schema 99\)/);
  });
});
