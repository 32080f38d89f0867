import type { Pool } from 'pg';
import { afterEach, expect, it } from 'vitest';
import { migrate } from '../../../../src/serve/store/postgres/migrate.js';
import { MIGRATIONS, type Migration } from '../../../../src/serve/store/postgres/migrations/index.js';
import { openPool } from '../../../../src/serve/store/postgres/pool.js';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../support/postgres.js';

const LATEST = MIGRATIONS.length;

describePostgres('schema migrations on a real PostgreSQL', () => {
  const pools: Pool[] = [];
  let databases: TestDatabase[] = [];

  async function freshDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  }
  function pool(database: TestDatabase): Pool {
    const opened = openPool({ url: database.url, max: 2 });
    pools.push(opened);
    return opened;
  }

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((opened) => opened.end()));
    await Promise.all(databases.map((database) => database.drop()));
    databases = [];
  });

  it('applies every migration to an empty database, then nothing on the next run', async () => {
    const db = pool(await freshDatabase());
    const first = await migrate(db);
    expect(first.applied).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(first.version).toBe(LATEST);
    expect(await migrate(db)).toEqual({ applied: [], version: LATEST });
    const { rows } = await db.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    const partitions = await db.query('SELECT count(*)::integer AS n, max(token)::integer AS token FROM partitions');
    expect(partitions.rows[0]).toEqual({ n: 64, token: 0 });
  });

  it('applies each migration once when five processes start together on an empty database', async () => {
    const database = await freshDatabase();
    const reports = await Promise.all(Array.from({ length: 5 }, () => migrate(pool(database))));
    const applied = reports.flatMap((report) => report.applied).sort((a, b) => a - b);
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(reports.filter((report) => report.applied.length > 0)).toHaveLength(1);
    const { rows } = await pool(database).query('SELECT count(*)::integer AS n FROM schema_migrations');
    expect(rows[0]).toEqual({ n: LATEST });
  });

  it('refuses a database whose applied migration was edited since', async () => {
    const db = pool(await freshDatabase());
    await migrate(db);
    const edited: Migration[] = MIGRATIONS.map((migration, index) =>
      index === 0 ? { ...migration, sql: `${migration.sql}\n-- edited` } : migration,
    );
    await expect(migrate(db, edited)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[SchemaMismatchError: migration 1 (cluster) was changed after it was applied]`,
    );
  });

  it('refuses a database migrated by a newer program, and changes nothing', async () => {
    const db = pool(await freshDatabase());
    const newer: Migration = { version: LATEST + 1, name: 'from-the-future', sql: 'CREATE TABLE future (x int)' };
    await migrate(db, [...MIGRATIONS, newer]);
    await expect(migrate(db)).rejects.toThrow(
      `the database is at schema version ${LATEST + 1}, newer than this program knows (${LATEST})`,
    );
    const { rows } = await db.query('SELECT max(version)::integer AS v FROM schema_migrations');
    expect(rows[0]).toEqual({ v: LATEST + 1 });
  });

  it('rolls a failing migration back whole: no table, no version row', async () => {
    const db = pool(await freshDatabase());
    const broken: Migration = { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE half (x int); SELECT nope;' };
    await expect(migrate(db, [...MIGRATIONS, broken])).rejects.toThrow(/nope/);
    const { rows } = await db.query(
      "SELECT to_regclass('half') AS half, to_regclass('schema_migrations') AS migrations",
    );
    expect(rows[0]).toEqual({ half: null, migrations: null });
  });

  it('rejects a list of migrations with a gap before touching the database', async () => {
    const db = pool(await freshDatabase());
    const gap: Migration = { version: LATEST + 2, name: 'gap', sql: 'SELECT 1' };
    await expect(migrate(db, [...MIGRATIONS, gap])).rejects.toThrow(`expected ${LATEST + 1}`);
  });
});
