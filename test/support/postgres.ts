import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/**
 * The server the PostgreSQL tests use: the one this machine starts before each session and `.ci/run`
 * starts when it is down (127.0.0.1:5432, trust auth). `CL_TEST_PG_URL` points elsewhere.
 */
const ADMIN_URL = process.env.CL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const HOW_TO_START = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** Why the PostgreSQL tests cannot run here, or null when a server answers. */
async function postgresUnavailableReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `no PostgreSQL at ${ADMIN_URL} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unavailable = await postgresUnavailableReason();

/**
 * `describe` for tests that need a real PostgreSQL. Without one they are skipped locally with a
 * loud notice saying how to start one; under CI (`CI` set) a test in their place fails, so a CI
 * run never passes without having run them.
 */
export function describePostgres(name: string, body: () => void): void {
  if (unavailable === null) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs PostgreSQL (CI must run these tests)', () => {
        throw new Error(`${unavailable}; .ci/run starts it with: ${HOW_TO_START}`);
      });
    });
  } else {
    console.warn(
      `\n*** SKIPPED "${name}": these tests need PostgreSQL: ${unavailable}.\n` +
        `*** Start the local cluster with: ${HOW_TO_START}\n`,
    );
    describe.skip(name, body);
  }
}

/** A database of its own for one test run, and how to remove it. */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** Creates `cl_test_<pid>_<random>` on the test server; `drop()` removes it, closing any session left on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cl_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
