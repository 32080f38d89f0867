import type { Pool } from 'pg';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Lease, withLease } from '../../../../src/serve/store/postgres/fence.js';
import { type LeaseListener, PartitionLeases } from '../../../../src/serve/store/postgres/leases.js';
import { migrate } from '../../../../src/serve/store/postgres/migrate.js';
import { openPool } from '../../../../src/serve/store/postgres/pool.js';
import { deferred } from '../../../support/deferred.js';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../support/postgres.js';

/** A process's view of its partitions, as the store would keep it. */
class Recorder implements LeaseListener {
  readonly owned = new Set<number>();
  readonly lostLog: number[] = [];
  gained(lease: Lease): void {
    this.owned.add(lease.partition);
  }
  lost(partition: number): void {
    this.owned.delete(partition);
    this.lostLog.push(partition);
  }
}

// Heartbeats only when the test calls tick(): leases expire because the test says so (below),
// never because the wall clock ran.
const MANUAL = { leaseMs: 60_000, heartbeatMs: 3_600_000 };

describePostgres('partition leases and fencing tokens on a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  const started: PartitionLeases[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = openPool({ url: database.url, max: 6 });
    await migrate(pool);
    await pool.query(`CREATE TABLE fenced_writes (
      partition integer, token bigint, owner text, written_at timestamptz DEFAULT clock_timestamp())`);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });
  beforeEach(async () => {
    await Promise.all(started.splice(0).map((leases) => leases.stop().catch(() => undefined)));
    await pool.query("UPDATE partitions SET owner = NULL, expires_at = '-infinity'");
    await pool.query('TRUNCATE members, fenced_writes');
  });

  async function member(owner: string, timing = MANUAL, on: Pool = pool): Promise<[PartitionLeases, Recorder]> {
    const recorder = new Recorder();
    const leases = new PartitionLeases(on, owner, recorder, timing, (error) => {
      throw error;
    });
    started.push(leases);
    await leases.start();
    return [leases, recorder];
  }
  /** What a lease running out looks like to the database, without waiting for it. */
  async function expire(owner: string): Promise<void> {
    await pool.query("UPDATE partitions SET expires_at = clock_timestamp() - interval '1 s' WHERE owner = $1", [owner]);
    await pool.query("UPDATE members SET expires_at = clock_timestamp() - interval '1 s' WHERE owner = $1", [owner]);
  }
  function firstLease(leases: PartitionLeases): Lease {
    const [lease] = leases.leases();
    if (lease === undefined) throw new Error(`${leases.owner} holds no lease`);
    return lease;
  }
  function write(lease: Lease) {
    return withLease(pool, lease, (client) =>
      client.query('INSERT INTO fenced_writes (partition, token, owner) VALUES ($1, $2, $3)', [
        lease.partition,
        lease.token,
        lease.owner,
      ]),
    );
  }
  async function writes(): Promise<number> {
    return (await pool.query('SELECT count(*)::integer AS n FROM fenced_writes')).rows[0].n;
  }

  it('splits the partitions between two members: the first sheds half when the second joins', async () => {
    const [a, aView] = await member('a');
    expect(aView.owned.size).toBe(64);
    const [b, bView] = await member('b');
    expect(bView.owned.size).toBe(0);
    await a.tick();
    expect(aView.owned.size).toBe(32);
    await b.tick();
    expect(bView.owned.size).toBe(32);
    expect(new Set([...aView.owned, ...bView.owned]).size).toBe(64);
    const { rows } = await pool.query(
      'SELECT owner, count(*)::integer AS n FROM partitions GROUP BY owner ORDER BY owner',
    );
    expect(rows).toEqual([
      { owner: 'a', n: 32 },
      { owner: 'b', n: 32 },
    ]);
  });

  it('takes over a dead member’s partitions once its leases expire, each under a higher token', async () => {
    const [a, aView] = await member('a');
    const before = a.leases();
    const [b, bView] = await member('b');
    expect(bView.owned.size).toBe(0);
    await expire('a');
    await b.tick();
    expect(bView.owned.size).toBe(64);
    for (const lease of b.leases()) {
      const old = before.find((held) => held.partition === lease.partition);
      expect(lease.token).toBe((old?.token ?? Number.NaN) + 1);
    }
    await a.tick();
    expect(aView.owned.size).toBe(0);
    expect(aView.lostLog).toHaveLength(64);
    const history = await pool.query(
      "SELECT count(*)::integer AS n FROM lease_history WHERE owner = 'b' AND token IN (SELECT token FROM partitions)",
    );
    expect(history.rows[0].n).toBe(64);
  });

  it('refuses a stale owner’s write after a takeover, and writes nothing', async () => {
    const [a] = await member('a');
    const stale = firstLease(a);
    expect(await write(stale)).toMatchObject({ ok: true });
    const [b] = await member('b');
    await expire('a');
    await b.tick();
    expect(await write(stale)).toEqual({ ok: false });
    expect(await writes()).toBe(1);
    const current = b.leaseFor(stale.partition);
    expect(current?.token).toBe(stale.token + 1);
    if (current !== undefined) expect(await write(current)).toMatchObject({ ok: true });
  });

  it('refuses an expired lease even before anyone takes it over', async () => {
    const [a] = await member('a');
    await expire('a');
    expect(await write(firstLease(a))).toEqual({ ok: false });
    expect(await writes()).toBe(0);
  });

  it('does not grant a partition while its old owner’s fenced write is open; that write commits first', async () => {
    const [a] = await member('a');
    const lease = firstLease(a);
    const gate = deferred();
    const inside = deferred();
    const pending = withLease(pool, lease, async (client) => {
      await client.query('INSERT INTO fenced_writes (partition, token, owner) VALUES ($1, $2, $3)', [
        lease.partition,
        lease.token,
        'a',
      ]);
      inside.resolve();
      await gate.promise;
    });
    await inside.promise;
    const [b, bView] = await member('b');
    await expire('a');
    await b.tick();
    expect(bView.owned.has(lease.partition)).toBe(false);
    expect(bView.owned.size).toBe(63);
    gate.resolve();
    expect(await pending).toMatchObject({ ok: true });
    await b.tick();
    expect(bView.owned.has(lease.partition)).toBe(true);
    const { rows } = await pool.query(
      `SELECT w.written_at < h.acquired_at AS before_grant FROM fenced_writes w
         JOIN lease_history h ON h.partition = w.partition AND h.token = w.token + 1 AND h.owner = 'b'`,
    );
    expect(rows).toEqual([{ before_grant: true }]);
  });

  it('hands every lease back on clean shutdown, so another member takes them at once', async () => {
    const [a] = await member('a');
    const [b, bView] = await member('b');
    const handed = firstLease(a);
    expect(a.handedBack(handed)).toBe(false);
    await a.stop();
    // It knows it gave that lease up itself, but not a later grant of the same partition.
    expect(a.handedBack(handed)).toBe(true);
    expect(a.handedBack({ ...handed, token: handed.token + 1 })).toBe(false);
    const { rows } = await pool.query('SELECT count(*)::integer AS n FROM partitions WHERE owner IS NOT NULL');
    expect(rows[0].n).toBe(0);
    await b.tick();
    expect(bView.owned.size).toBe(64);
  });

  it('frees a partition whose owner is paused inside a fenced write: the server ends that session', async () => {
    // Real time on purpose: the server's idle_in_transaction_session_timeout is what is tested.
    const paused = openPool({ url: database.url, max: 1, idleInTransactionMs: 200 });
    try {
      const [a] = await member('a');
      const lease = firstLease(a);
      const gate = deferred();
      const inside = deferred();
      const pending = withLease(paused, lease, async (client) => {
        await client.query('INSERT INTO fenced_writes (partition, token, owner) VALUES ($1, $2, $3)', [
          lease.partition,
          lease.token,
          'a',
        ]);
        inside.resolve();
        await gate.promise; // the process is "stopped" here, holding the partition's row
        await client.query('INSERT INTO fenced_writes (partition, token, owner) VALUES ($1, $2, $3)', [
          lease.partition,
          lease.token,
          'a',
        ]);
      });
      await inside.promise;
      const [b, bView] = await member('b');
      await expire('a');
      await expect
        .poll(
          async () => {
            await b.tick();
            return bView.owned.has(lease.partition);
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBe(true);
      gate.resolve(); // "SIGCONT": the rest of the transaction runs on a session the server ended
      await expect(pending).rejects.toThrow();
      expect(await writes()).toBe(0);
    } finally {
      await paused.end();
    }
  });
});
