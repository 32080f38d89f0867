import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openPostgresStore, type PostgresCallStore } from '../../../../src/serve/store/postgres/store.js';
import type { CallKey, OwnershipListener, PendingCall } from '../../../../src/serve/store/types.js';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../support/postgres.js';

/** The service's side of ownership, recorded. */
class Armed implements OwnershipListener {
  readonly calls: PendingCall[] = [];
  disownings = 0;
  arm(call: PendingCall): void {
    this.calls.push(call);
  }
  disowned(): void {
    this.disownings++;
  }
}

const callback = (callId: string, dedupKey: string, wakeAt?: number) => ({
  source: 'twilio' as const,
  callId,
  dedupKey,
  receivedAt: 1_700_000_000_000,
  body: JSON.stringify({ CallSid: callId, key: dedupKey }),
  ...(wakeAt === undefined ? {} : { wakeAt }),
});

describePostgres('the PostgreSQL CallStore shared by several processes', () => {
  let database: TestDatabase;
  let admin: pg.Pool;
  const open: PostgresCallStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await admin.query('TRUNCATE callbacks, calls, records, cursors, members');
    await admin.query("UPDATE partitions SET owner = NULL, expires_at = '-infinity'");
  });
  afterAll(async () => {
    await admin.end();
    await database.drop();
  });

  async function process(owner: string): Promise<PostgresCallStore> {
    const store = await openPostgresStore(database.url, { owner, leaseMs: 60_000, poolSize: 4 });
    open.push(store);
    return store;
  }
  async function waitingOnLocks(): Promise<number> {
    const { rows } = await admin.query(
      'SELECT count(*)::integer AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE NOT l.granted AND a.datname = current_database()',
    );
    return rows[0].n;
  }
  /** A call id whose partition `store` owns (or does not own). */
  function callOwnedBy(store: PostgresCallStore, owned: boolean, prefix = 'CA'): CallKey {
    for (let i = 0; ; i++) {
      const key = { source: 'twilio' as const, callId: `${prefix}${i}` };
      if (store.ownership.owns(key) === owned) return key;
    }
  }

  it('stores each callback once, duplicates in one batch included, in order of arrival', async () => {
    const store = await process('a');
    const results = await Promise.all([
      store.append(callback('CA1', 'k1')),
      store.append(callback('CA1', 'k2')),
      store.append(callback('CA1', 'k1')),
    ]);
    expect(results.map((result) => result.duplicate)).toEqual([false, false, true]);
    expect(results[0]).toMatchObject({ ended: false });
    expect(await store.append(callback('CA1', 'k2'))).toEqual({ duplicate: true });
    const stored = await store.callbacks({ source: 'twilio', callId: 'CA1' });
    expect(stored.map((item) => item.dedupKey)).toEqual(['k1', 'k2']);
    expect(stored[0]).toMatchObject({ receivedAt: 1_700_000_000_000, body: '{"CallSid":"CA1","key":"k1"}' });
  });

  it('writes a record only in its owner, once, stamped with the owner and its fencing token', async () => {
    const a = await process('a');
    const b = await process('b');
    await a.ownership.leases.tick(); // a sheds half of the partitions, b takes them
    await b.ownership.leases.tick();
    const ofB = callOwnedBy(b, true);
    expect(a.ownership.owns(ofB)).toBe(false);
    await a.append(callback(ofB.callId, 'k1', Date.now()));
    expect(await a.writeRecord(ofB, '{"r":1}', 1)).toBeNull();
    const seq = await b.writeRecord(ofB, '{"r":1}', 1);
    expect(seq).toBeGreaterThan(0);
    expect(await b.writeRecord(ofB, '{"r":2}', 2)).toBeNull();
    expect((await a.record(ofB))?.body).toBe('{"r":1}');
    // A callback after the record is stored, and the append says the call had ended.
    expect(await a.append(callback(ofB.callId, 'k2', Date.now()))).toMatchObject({ duplicate: false, ended: true });
    const { rows } = await admin.query('SELECT owner, token::integer, partition FROM records');
    expect(rows).toEqual([
      { owner: 'b', token: b.ownership.leaseOf(ofB)?.token, partition: b.ownership.partitionOf(ofB) },
    ]);
    expect(await b.pending()).toEqual([]);
  });

  it('tells the owner of a call when another process stored a callback that sets its wake', async () => {
    const a = await process('a');
    const b = await process('b');
    await a.ownership.leases.tick();
    await b.ownership.leases.tick();
    const armed = new Armed();
    b.ownership.watch(armed);
    const ofB = callOwnedBy(b, true);
    // A wake due soon is announced; one a day away is not (the owner's sweep arms it when it nears).
    const soon = Date.now() + 5_000;
    await a.append(callback(ofB.callId, 'k1'));
    await a.append(callback(ofB.callId, 'k2', soon));
    await a.append(callback(callOwnedBy(b, true, 'later').callId, 'k1', Date.now() + 86_400_000));
    // Notifications arrive in commit order: once this one is in, the one a day away would be too.
    const marker = callOwnedBy(b, true, 'marker');
    await a.append(callback(marker.callId, 'k1', soon));
    await expect.poll(() => armed.calls.length).toBe(2);
    expect(armed.calls).toEqual([
      { ...ofB, wakeAt: soon },
      { ...marker, wakeAt: soon },
    ]);
    expect(await b.pending()).toContainEqual({ ...ofB, wakeAt: soon });
    expect(await a.pending()).not.toContainEqual(expect.objectContaining(ofB));
  });

  it('refuses a record from an owner whose lease was taken over, and makes it let go of the partition', async () => {
    const a = await process('a');
    const key = callOwnedBy(a, true);
    const armed = new Armed();
    a.ownership.watch(armed);
    await a.append(callback(key.callId, 'k1', 1));
    const b = await process('b');
    // a's leases run out (as if it were paused) and b takes every partition over.
    await admin.query("UPDATE partitions SET expires_at = clock_timestamp() - interval '1 s' WHERE owner = 'a'");
    await admin.query("UPDATE members SET expires_at = clock_timestamp() - interval '1 s' WHERE owner = 'a'");
    await b.ownership.leases.tick();
    expect(b.ownership.owns(key)).toBe(true);
    expect(a.ownership.owns(key)).toBe(true); // a has not noticed yet
    expect(await a.writeRecord(key, '{"stale":true}', 1)).toBeNull();
    expect(a.ownership.owns(key)).toBe(false);
    expect(armed.disownings).toBe(1);
    expect(await b.writeRecord(key, '{"fresh":true}', 2)).toBeGreaterThan(0);
    const { rows } = await admin.query('SELECT body, owner FROM records');
    expect(rows).toEqual([{ body: '{"fresh":true}', owner: 'b' }]);
  });

  it('makes records visible in seq order: a record whose commit is held back holds back the later ones', async () => {
    const a = await process('a');
    const b = await process('b');
    await a.ownership.leases.tick();
    await b.ownership.leases.tick();
    const ofA = callOwnedBy(a, true);
    const ofB = callOwnedBy(b, true);
    // Another session inserts a's record first, uncommitted: a's insert takes its seq, then waits.
    const blocker = await admin.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        "INSERT INTO records (source, call_id, partition, written_at, body, token, owner) VALUES ($1, $2, 0, 0, '', 0, 'x')",
        [ofA.source, ofA.callId],
      );
      const first = a.writeRecord(ofA, '{"first":true}', 1);
      await expect.poll(waitingOnLocks).toBe(1);
      const second = b.writeRecord(ofB, '{"second":true}', 2);
      // b's record is either committed (nothing orders it after a's) or waiting behind a's.
      await expect.poll(async () => (await waitingOnLocks()) === 2 || (await a.records(0, 10)).length > 0).toBe(true);
      const seenEarly = await a.records(0, 10);
      await blocker.query('ROLLBACK');
      expect(await first).toBeGreaterThan(0);
      expect(await second).toBeGreaterThan(0);
      const all = await a.records(0, 10);
      expect(all.map((record) => record.callId)).toEqual([ofA.callId, ofB.callId]);
      // What a reader saw early is a prefix of the final order: resuming after it skips nothing.
      expect(all.slice(0, seenEarly.length)).toEqual(seenEarly);
    } finally {
      blocker.release();
    }
  });

  it('hands its partitions back on close, so the other process owns every call at once', async () => {
    const a = await process('a');
    const b = await process('b');
    await a.ownership.leases.tick();
    await b.ownership.leases.tick();
    await a.close();
    open.splice(open.indexOf(a), 1);
    await b.ownership.leases.tick();
    expect(b.ownership.leases.leases()).toHaveLength(64);
  });
});
