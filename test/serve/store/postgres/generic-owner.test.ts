import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runScenario } from '../../../../src/scenario/run.js';
import { partitionOf } from '../../../../src/serve/store/postgres/partition.js';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../support/postgres.js';
import { testSecrets } from '../../support.js';
import { ServeProcess } from './support/serve-process.js';

// The generic API runs a call in the memory of the process that owns its partition. A request for
// it that reaches another process (a load balancer does not know call ids) is passed to the owner
// and its answer passed back: the client sees the same answers as from the owner itself.
const secrets = testSecrets();
const CALL = { to: '+33612345678', messages: [{ id: 'm' }], timeouts: { ringMs: 500 } };

describePostgres('the generic API on a store two serve processes share', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  const processes: ServeProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    for (const serve of processes) serve.kill();
    await Promise.all(processes.map((serve) => serve.exited()));
    await db.end();
    await database.drop();
  });

  /** The partitions whose lease `serve` holds now, by the database's clock. */
  async function owned(serve: ServeProcess): Promise<Set<number>> {
    const { rows } = await db.query<{ partition: number }>(
      "SELECT partition FROM partitions WHERE owner LIKE '%:' || $1 || ':%' AND expires_at > clock_timestamp()",
      [serve.pid],
    );
    return new Set(rows.map((row) => row.partition));
  }

  it('passes POST /calls and /calls/{id}/events to the call’s owner: the record is runScenario’s, written there', {
    timeout: 60_000,
  }, async () => {
    const args = ['--store', database.url, '--lease-ms', '3000'];
    processes.push(...(await Promise.all([0, 1].map(() => ServeProcess.start(args, secrets.env)))));
    const [receiver, owner] = processes as [ServeProcess, ServeProcess];
    await expect
      .poll(async () => [(await owned(receiver)).size, (await owned(owner)).size], { timeout: 20_000 })
      .toEqual([32, 32]); // the fair shares of 64 partitions: nothing moves any more
    const ownerPartitions = await owned(owner);
    let index = 0;
    while (!ownerPartitions.has(partitionOf(`generic\u0000forwarded-${index}`, 64))) index++;
    const callId = `forwarded-${index}`;

    const auth = { authorization: `Bearer ${secrets.token}`, 'content-type': 'application/json' };
    const created = await fetch(`${receiver.url}/calls`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ callId, ...CALL }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ callId, duplicate: false, late: false });
    const rang = await fetch(`${receiver.url}/calls/${callId}/events`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': 'ring-1' },
      body: '{"type":"carrier.ringing"}',
    });
    expect(rang.status).toBe(200);
    const { at } = (await rang.json()) as { at: number };

    // The ring timeout fires at the owner; the record is the one runScenario gives.
    const replay = runScenario({ call: { callId, ...CALL }, events: [{ type: 'carrier.ringing', at }] });
    if (!replay.ok) expect.fail(replay.error.kind);
    const records = async () =>
      (await db.query<{ body: string; owner: string }>('SELECT body, owner FROM records')).rows;
    await expect.poll(async () => (await records()).length, { timeout: 10_000 }).toBe(1);
    const [record] = await records();
    expect(record?.body).toBe(JSON.stringify(replay.record));
    expect(record?.owner).toContain(`:${owner.pid}:`);
    const view = await fetch(`${receiver.url}/calls/${callId}`, { headers: auth });
    expect(await view.json()).toMatchObject({ source: 'generic', ended: true, record: { subStatus: 'NO_ANSWER' } });
  });
});
