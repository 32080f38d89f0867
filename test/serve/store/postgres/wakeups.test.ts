import type { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../../../src/serve/store/postgres/migrate.js';
import { openPool } from '../../../../src/serve/store/postgres/pool.js';
import { CALLBACK_CHANNEL, Wakeups } from '../../../../src/serve/store/postgres/wakeups.js';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../support/postgres.js';

describePostgres('LISTEN/NOTIFY wake-ups on a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = openPool({ url: database.url, max: 2 });
    await migrate(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('passes each committed notification to the listener, and re-sweeps after a reconnect', async () => {
    const woken: string[] = [];
    let sweeps = 0;
    const wakeups = new Wakeups(database.url, {
      wake: (partition) => woken.push(partition),
      wakeAll: () => void sweeps++,
    });
    try {
      await wakeups.start();
      expect(sweeps).toBe(1);
      await pool.query('SELECT pg_notify($1, $2)', [CALLBACK_CHANNEL, '12']);
      await pool.query('SELECT pg_notify($1, $2)', [CALLBACK_CHANNEL, '3']);
      await expect.poll(() => woken).toEqual(['12', '3']);

      // A notification sent inside a transaction that rolls back is never delivered.
      await pool.query(`BEGIN; SELECT pg_notify('${CALLBACK_CHANNEL}', '40'); ROLLBACK;`);

      // The listening session dies (as in a database restart): the listener reconnects and, since
      // notifications sent meanwhile are lost, asks for a full sweep.
      await pool.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'call-lifecycle-listen' AND datname = current_database()",
      );
      await expect.poll(() => sweeps, { timeout: 10_000 }).toBe(2);
      await pool.query('SELECT pg_notify($1, $2)', [CALLBACK_CHANNEL, '5']);
      await expect.poll(() => woken).toEqual(['12', '3', '5']);
    } finally {
      await wakeups.close();
    }
  });
});
