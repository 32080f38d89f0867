import { resolve } from 'node:path';
import type { CallStore } from '../store/types.js';
import { openPostgresStore } from '../store/postgres/store.js';
import { PostgresUrlError, parsePostgresUrl } from '../store/postgres/pool.js';
import { openSqliteStore } from './sqlite-store.js';

/** What only some stores take. */
export interface StoreOptions {
  /** PostgreSQL: the partition lease (docs/scale-out.md). @defaultValue 10000 */
  readonly leaseMs?: number;
  /** Where background errors of a shared store go (one line each). */
  readonly log?: (line: string) => void;
}

/** A `--store` value that names no store this build can open. */
export class StoreSpecError extends Error {
  override readonly name = 'StoreSpecError';
}

/**
 * Opens the store a `--store` value names: `sqlite:PATH` (or a bare path) for one process, or
 * `postgres://…` (`postgresql://…`) for several processes sharing one database.
 *
 * @example
 * const store = await openStore('sqlite:./call-lifecycle.db', process.cwd());
 */
export async function openStore(spec: string, cwd: string, options: StoreOptions = {}): Promise<CallStore> {
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    try {
      parsePostgresUrl(spec);
    } catch (error) {
      if (error instanceof PostgresUrlError) throw new StoreSpecError(`--store: ${error.message}`);
      throw error;
    }
    const log = options.log;
    return openPostgresStore(spec, {
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      ...(log === undefined
        ? {}
        : { onError: (error: Error) => log(`call-lifecycle: serve: store: ${error.message}`) }),
    });
  }
  if (spec.startsWith('sqlite:') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    const path = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length) : spec;
    if (path === '') throw new StoreSpecError('--store sqlite: needs a file path, e.g. sqlite:./call-lifecycle.db');
    return openSqliteStore(path === ':memory:' ? path : resolve(cwd, path));
  }
  throw new StoreSpecError(
    `--store: unsupported store ${JSON.stringify(spec.split(':')[0])} (accepted: sqlite:PATH, postgres://…)`,
  );
}
