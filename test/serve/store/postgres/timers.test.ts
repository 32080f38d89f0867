import type { Pool } from 'pg';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Fenced, type Lease, withLease } from '../../../../src/serve/store/postgres/fence.js';
import { migrate } from '../../../../src/serve/store/postgres/migrate.js';
import { openPool } from '../../../../src/serve/store/postgres/pool.js';
import { claimDueTimers, setTimer } from '../../../../src/serve/store/postgres/timers.js';
import { deferred } from '../../../support/deferred.js';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../support/postgres.js';

function committed<T>(fenced: Fenced<T>): T {
  if (!fenced.ok) throw new Error('the lease was refused');
  return fenced.value;
}

describePostgres('due timers claimed with FOR UPDATE SKIP LOCKED on a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  const lease: Lease = { partition: 7, owner: 'a', token: 1 };

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = openPool({ url: database.url, max: 4 });
    await migrate(pool);
    await pool.query("UPDATE partitions SET owner = 'a', token = 1, expires_at = 'infinity' WHERE partition = $1", [
      lease.partition,
    ]);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });
  beforeEach(async () => {
    await pool.query('TRUNCATE timers');
    // 20 calls due in the past (call-00 the earliest), 5 due in an hour.
    const past = Date.now() - 60_000;
    await withLease(pool, lease, async (client) => {
      for (let i = 0; i < 20; i++)
        await setTimer(client, lease, `call-${String(i).padStart(2, '0')}`, new Date(past + i));
      for (let i = 0; i < 5; i++) await setTimer(client, lease, `later-${i}`, new Date(Date.now() + 3_600_000));
    });
  });

  async function remaining(): Promise<string[]> {
    const { rows } = await pool.query<{ call_id: string }>('SELECT call_id FROM timers ORDER BY call_id');
    return rows.map((row) => row.call_id);
  }

  it('gives two concurrent claimers disjoint timers, earliest first, and never one not yet due', async () => {
    const gate = deferred();
    const inside = deferred();
    const first = withLease(pool, lease, async (client) => {
      const claimed = await claimDueTimers(client, lease.partition, 5);
      inside.resolve();
      await gate.promise;
      return claimed;
    });
    await inside.promise;
    const second = await withLease(pool, lease, (client) => claimDueTimers(client, lease.partition, 100));
    gate.resolve();
    const a = committed(await first);
    const b = committed(second);
    expect(a.map((timer) => timer.callId)).toEqual(['call-00', 'call-01', 'call-02', 'call-03', 'call-04']);
    expect(b).toHaveLength(15);
    expect(new Set([...a, ...b].map((timer) => timer.callId)).size).toBe(20);
    expect(await remaining()).toEqual(['later-0', 'later-1', 'later-2', 'later-3', 'later-4']);
  });

  it('puts claimed timers back when the claiming transaction fails', async () => {
    await expect(
      withLease(pool, lease, async (client) => {
        expect(await claimDueTimers(client, lease.partition, 100)).toHaveLength(20);
        throw new Error('the owner crashed before committing');
      }),
    ).rejects.toThrow('crashed');
    expect(await remaining()).toHaveLength(25);
  });

  it('claims nothing under a lease that is no longer the partition’s', async () => {
    const stale: Lease = { ...lease, token: 0 };
    expect(await withLease(pool, stale, (client) => claimDueTimers(client, lease.partition, 100))).toEqual({
      ok: false,
    });
    expect(await remaining()).toHaveLength(25);
  });
});
