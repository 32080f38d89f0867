import { resolve } from 'node:path';
import type { CallStore } from '../store/types.js';
import { openSqliteStore } from './sqlite-store.js';

/** A `--store` value that names no store this build can open. */
export class StoreSpecError extends Error {
  override readonly name = 'StoreSpecError';
}

/**
 * Opens the store a `--store` value names: `sqlite:PATH` (or a bare path) for one process.
 *
 * @example
 * const store = await openStore('sqlite:./call-lifecycle.db', process.cwd());
 */
export async function openStore(spec: string, cwd: string): Promise<CallStore> {
  if (spec.startsWith('sqlite:') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    const path = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length) : spec;
    if (path === '') throw new StoreSpecError('--store sqlite: needs a file path, e.g. sqlite:./call-lifecycle.db');
    return openSqliteStore(path === ':memory:' ? path : resolve(cwd, path));
  }
  throw new StoreSpecError(`--store: unsupported store ${JSON.stringify(spec.split(':')[0])} (accepted: sqlite:PATH)`);
}
