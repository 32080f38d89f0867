import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * The advisory-lock key every `migrate` takes, so that several processes starting at once on an
 * empty database apply each migration exactly once (the others wait, then find nothing to do).
 * Any constant works; this one spells "clmg" in ASCII.
 */
const MIGRATION_LOCK = 0x636c6d67;

/** What `migrate` did: the versions it applied now, and the schema version the database is at. */
export interface MigrationReport {
  readonly applied: readonly number[];
  readonly version: number;
}

/** A database whose schema this program cannot use: newer than it knows, or edited after applying. */
class SchemaMismatchError extends Error {
  override readonly name = 'SchemaMismatchError';
}

function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

/**
 * Brings the database's schema up to date, in one transaction under an advisory lock: idempotent
 * (a second run applies nothing) and safe when several processes start together. Refuses a
 * database that has a migration this program does not know, or whose applied SQL was edited.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  checkSequence(migrations);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    const { rows } = await client.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    for (const row of rows) {
      const known = migrations[row.version - 1];
      if (known === undefined) {
        throw new SchemaMismatchError(
          `the database is at schema version ${row.version}, newer than this program knows (${migrations.length})`,
        );
      }
      if (checksum(known) !== row.checksum) {
        throw new SchemaMismatchError(`migration ${row.version} (${known.name}) was changed after it was applied`);
      }
    }
    const applied: number[] = [];
    for (const migration of migrations.slice(rows.length)) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksum(migration),
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return { applied, version: migrations.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
