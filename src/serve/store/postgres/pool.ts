import pg from 'pg';

/** How a process connects: the URL and the session limits that keep a stalled process from blocking others. */
export interface PoolOptions {
  /** `postgres://user@host:port/database` (or `postgresql://`). */
  readonly url: string;
  /**
   * Connections kept by this process.
   * @defaultValue 8
   */
  readonly max?: number;
  /**
   * The server ends a session that sits inside a transaction longer than this. A process paused
   * (SIGSTOP) in the middle of a fenced write would otherwise hold its partition's lock forever and
   * no other process could take the partition over; see docs/scale-out.md.
   * @defaultValue 5000
   */
  readonly idleInTransactionMs?: number;
  /**
   * Any statement running longer than this is cancelled by the server.
   * @defaultValue 30000
   */
  readonly statementTimeoutMs?: number;
  /** Shown in `pg_stat_activity.application_name`, to tell the processes apart. */
  readonly applicationName?: string;
}

/** A URL this store cannot use: one line saying what was wrong and what is accepted. */
export class PostgresUrlError extends Error {
  override readonly name = 'PostgresUrlError';
}

/** Checks the URL's shape without connecting, so `serve --store` can refuse it before starting. */
export function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PostgresUrlError(`"${redact(url)}" is not a URL (expected postgres://user@host:port/database)`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new PostgresUrlError(`"${redact(url)}" is not a postgres:// URL`);
  }
  if (parsed.pathname.length <= 1) {
    throw new PostgresUrlError(`"${redact(url)}" names no database (expected postgres://user@host:port/database)`);
  }
  return parsed;
}

/** The URL with any password replaced, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/**
 * A connection pool (node-postgres `Pool`) with the session limits above. Errors on idle
 * connections (the database restarted, the network cut) are reported to `onError` instead of
 * crashing the process; the pool replaces such connections on the next query.
 */
export function openPool(options: PoolOptions, onError: (error: Error) => void = () => undefined): pg.Pool {
  parsePostgresUrl(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 8,
    idle_in_transaction_session_timeout: options.idleInTransactionMs ?? 5000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: options.applicationName ?? 'call-lifecycle',
  });
  pool.on('error', onError);
  return pool;
}
