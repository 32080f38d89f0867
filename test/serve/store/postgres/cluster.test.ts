import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../support/postgres.js';
import { callIdOf, normalizedLines, signedPost, testSecrets } from '../../support.js';
import { Balancer } from './support/balancer.js';
import { ServeProcess } from './support/serve-process.js';
import { type TwilioCallback, twilioCampaign } from './support/twilio-calls.js';

// The judged scenario of issue 13, with real processes and the real database: three `serve`
// processes share one PostgreSQL; signed Twilio callbacks for many calls go round-robin across
// them; one is killed with SIGKILL mid-stream, another is paused (SIGSTOP) past its lease and then
// resumed. Deliberately real-time (processes, leases, grace window); it never asserts a duration.
// The default (60 calls, about 3.5 callbacks each) keeps the default suite fast while every step
// still happens; CL_CLUSTER_CALLS=3000 is the "thousands of calls" run of issue 13.
const CALLS = Number(process.env.CL_CLUSTER_CALLS ?? 60);
const LEASE_MS = 2000;
const GRACE_MS = 1500;
const MESSAGE_MS = 20_000;
const PUBLIC_URL = 'https://calls.example.test';
const STOP_AT_RECORD = Math.max(5, Math.floor(CALLS / 20));
const secrets = testSecrets();

describePostgres('three serve processes on one PostgreSQL, one killed and one paused', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  let scratch: string;
  const processes: ServeProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    scratch = mkdtempSync(join(tmpdir(), 'cl-cluster-'));
  });
  afterAll(async () => {
    for (const serve of processes) serve.kill();
    await Promise.all(processes.map((serve) => serve.exited()));
    await db.end();
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The partitions whose last grant went to `serve` (whether or not the lease has expired since). */
  async function heldBy(serve: ServeProcess): Promise<number[]> {
    const { rows } = await db.query<{ partition: number }>(
      "SELECT partition FROM partitions WHERE owner LIKE '%:' || $1 || ':%'",
      [serve.pid],
    );
    return rows.map((row) => row.partition);
  }

  async function owned(serve: ServeProcess): Promise<number[]> {
    const { rows } = await db.query<{ partition: number }>(
      "SELECT partition FROM partitions WHERE owner LIKE '%:' || $1 || ':%' AND expires_at > clock_timestamp()",
      [serve.pid],
    );
    return rows.map((row) => row.partition);
  }

  it('ends every call with exactly one record, equal to normalize’s; none lost, none doubled, none stale', {
    // Sending is the part that grows with the calls: room for a slow, shared machine.
    timeout: 120_000 + CALLS * 100,
  }, async () => {
    const t0 = Date.now();
    // CL_CLUSTER_TRACE=1 prints the scenario's steps as they happen.
    const trace = (what: string) => {
      if (process.env.CL_CLUSTER_TRACE) console.log(`[cluster ${Date.now() - t0} ms] ${what}`);
    };
    const start = (index: number) =>
      ServeProcess.start(
        [
          '--store',
          database.url,
          '--lease-ms',
          String(LEASE_MS),
          '--grace',
          String(GRACE_MS),
          '--message-ms',
          String(MESSAGE_MS),
          '--public-url',
          PUBLIC_URL,
          '--records',
          join(scratch, `records-${index}.jsonl`),
        ],
        // The second process stops itself (SIGSTOP) just before one of its record writes: see
        // src/serve/store/postgres/failpoint.ts.
        index === 1
          ? { ...secrets.env, CALL_LIFECYCLE_FAILPOINT: `stop-before-record:${STOP_AT_RECORD}` }
          : secrets.env,
      );
    // Started together on an empty database: the migrations' advisory lock is exercised too.
    processes.push(...(await Promise.all([0, 1, 2].map(start))));
    const [killed, paused, survivor] = processes as [ServeProcess, ServeProcess, ServeProcess];
    trace('started');
    await expect.poll(async () => (await owned(paused)).length > 0, { timeout: 20_000 }).toBe(true);
    trace('balanced');

    const calls = twilioCampaign(CALLS, 13);
    const balancer = new Balancer(
      processes.map((serve) => serve.url),
      1000,
      3000,
    );
    const acknowledged: TwilioCallback[] = [];
    let sent = 0;
    let stoppedAt: Date | null = null;
    let pausedPartitions: number[] = [];
    const killing = (async () => {
      await waitFor(() => sent >= CALLS * 0.3);
      killed.signal('SIGKILL');
      trace('killed');
    })();
    const pausing = (async () => {
      await expect.poll(() => paused.stopped(), { timeout: 120_000, interval: 20 }).toBe(true);
      pausedPartitions = await heldBy(paused);
      stoppedAt = (await db.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]?.now ?? null;
      trace(`paused itself before a record write, holding ${pausedPartitions.length}`);
      // Resumed only once every partition it held was granted to another process.
      await expect
        .poll(() => grantedToOthersSince(db, pausedPartitions, paused.pid, stoppedAt), {
          timeout: 30_000,
          interval: 200,
        })
        .toBe(pausedPartitions.length);
      paused.signal('SIGCONT');
      trace('resumed');
    })();
    const events = Promise.all([killing, pausing]);

    let next = 0;
    const sender = async () => {
      for (let index = next++; index < calls.length; index = next++) {
        for (const callback of calls[index] ?? []) {
          const post = signedPost('twilio', callback, `${PUBLIC_URL}/webhooks/twilio`, secrets);
          const { status } = await balancer.post('/webhooks/twilio', post.body, post.headers);
          expect(status).toBe(200);
          acknowledged.push(callback);
        }
        sent++;
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));
    trace(`sent; attempts ${balancer.attempts}, failures ${balancer.failures}`);
    await events;

    // Every call gets its record once the grace window has passed and leases have moved.
    await expect
      .poll(async () => (await db.query('SELECT count(*)::integer AS n FROM records')).rows[0].n, {
        timeout: 60_000 + CALLS * 20,
        interval: 500,
      })
      .toBe(CALLS);

    trace('all records');
    // No acknowledged callback lost: each is stored, once.
    const stored = await db.query<{ call_id: string; body: string }>('SELECT call_id, body FROM callbacks');
    const storedBodies = new Set(stored.rows.map((row) => row.body));
    expect(acknowledged.filter((callback) => !storedBodies.has(JSON.stringify(callback)))).toEqual([]);
    expect(stored.rows).toHaveLength(calls.flat().length);

    // Each record equals normalize's line for the same callbacks.
    const normalized = await normalizedLines('twilio', calls.flat(), { args: ['--message-ms', String(MESSAGE_MS)] });
    const expected = new Map(normalized.map((line) => [callIdOf(line), line]));
    const records = await db.query<{ call_id: string; body: string }>('SELECT call_id, body FROM records');
    const differing = records.rows.filter((row) => expected.get(row.call_id) !== row.body);
    expect(
      differing
        .slice(0, 2)
        .map((row) => ({ callId: row.call_id, stored: row.body, normalize: expected.get(row.call_id) })),
    ).toEqual([]);
    expect(new Set(records.rows.map((row) => row.call_id)).size).toBe(CALLS);

    // The paused process applied nothing once its lease was gone: no record was committed under a
    // lease after that partition had been granted to someone else (a higher token).
    expect(await staleRecords(db)).toEqual([]);
    expect(pausedPartitions.length).toBeGreaterThan(0);
    // ... though it tried: the write it was about to make when it stopped was refused by the database.
    expect(paused.stderr.join('')).toMatch(
      /a record write was refused, the lease \(token \d+\) had passed to another process/,
    );
    // ... and every record names a grant that really happened.
    const ungranted = await db.query(
      'SELECT r.call_id FROM records r LEFT JOIN lease_history h USING (partition, token) WHERE h.owner IS DISTINCT FROM r.owner',
    );
    expect(ungranted.rows).toEqual([]);

    // The survivors stop cleanly and hand their leases back; --records holds no record twice.
    trace('checked');
    expect(await survivor.stop()).toBe(0);
    trace('survivor stopped');
    expect(await paused.stop()).toBe(0);
    trace(`paused stopped; its stderr: ${paused.stderr.join('').slice(0, 2000)}`);
    const held = await db.query(
      'SELECT count(*)::integer AS n FROM partitions WHERE owner IS NOT NULL AND expires_at > clock_timestamp()',
    );
    expect(held.rows[0].n).toBe(0);
    for (const index of [1, 2]) {
      const lines = readFileSync(join(scratch, `records-${index}.jsonl`), 'utf8')
        .trimEnd()
        .split('\n');
      const ids = lines.map((line) => (JSON.parse(line) as { callId: string }).callId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

/** Partitions the paused process held that were granted to another process after it stopped. */
async function grantedToOthersSince(
  db: pg.Pool,
  partitions: number[],
  pid: number,
  since: Date | null,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(DISTINCT partition)::integer AS n FROM lease_history
      WHERE partition = ANY($1::integer[]) AND owner NOT LIKE '%:' || $2 || ':%' AND acquired_at > $3`,
    [partitions, pid, since],
  );
  return rows[0]?.n ?? 0;
}

/** Records committed after their partition had been granted under a higher token: must be none. */
async function staleRecords(db: pg.Pool): Promise<unknown[]> {
  const { rows } = await db.query(
    `SELECT r.call_id, r.owner, r.token, h.owner AS granted_to, h.token AS granted_token
       FROM records r JOIN lease_history h ON h.partition = r.partition AND h.token > r.token
      WHERE h.acquired_at <= r.committed_at`,
  );
  return rows;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
