import type { Migration } from './types.js';

/**
 * The ownership tables: who is alive (`members`), who owns which partition of call ids under which
 * fencing token (`partitions`), and every lease ever granted (`lease_history`), so a test or an
 * operator can prove from the database alone that each write happened under a valid lease.
 *
 * Times are the database's `clock_timestamp()`, never a process clock: processes may drift, the
 * database is the one clock every lease is judged by. See docs/scale-out.md.
 */
export const cluster: Migration = {
  version: 1,
  name: 'cluster',
  sql: `
CREATE TABLE members (
  owner        text PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at   timestamptz NOT NULL
);

-- One row per partition of the call-id hash space. token grows by one at every grant and never
-- goes back: a write carrying an older token is refused (a fencing token, as in Kleppmann's
-- "How to do distributed locking", 2016).
CREATE TABLE partitions (
  partition    integer PRIMARY KEY,
  owner        text,
  token        bigint NOT NULL DEFAULT 0,
  expires_at   timestamptz NOT NULL DEFAULT '-infinity'
);

INSERT INTO partitions (partition) SELECT generate_series(0, 63);

CREATE TABLE lease_history (
  partition    integer NOT NULL REFERENCES partitions,
  token        bigint NOT NULL,
  owner        text NOT NULL,
  acquired_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (partition, token)
);
`,
};
