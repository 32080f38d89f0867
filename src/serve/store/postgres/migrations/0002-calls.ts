import type { Migration } from './types.js';

/**
 * What every process shares about calls, in the shapes of serve's `CallStore`: the callbacks as
 * received (any process appends, committed before its 2xx), each call's wake time, the records
 * and the named readers' cursors. A record row carries the partition's fencing token and owner
 * and the database's time of its commit, so the database itself shows under which lease each
 * record was written (docs/scale-out.md, "Proof from the database").
 * Times the service gives are ms since the epoch (bigint), as in the SQLite store.
 */
export const calls: Migration = {
  version: 2,
  name: 'calls',
  sql: `
CREATE TABLE callbacks (
  seq            bigserial PRIMARY KEY,
  source         text NOT NULL,
  call_id        text NOT NULL,
  partition      integer NOT NULL,
  dedup_key      text NOT NULL,
  received_at    bigint NOT NULL,
  body           text NOT NULL,
  received_by    text NOT NULL,
  UNIQUE (source, call_id, dedup_key)
);

CREATE TABLE calls (
  source     text NOT NULL,
  call_id    text NOT NULL,
  partition  integer NOT NULL,
  wake_at    bigint,
  ended      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (source, call_id)
);
CREATE INDEX calls_pending ON calls (partition) WHERE NOT ended;

-- seq is taken under an advisory lock held to the commit (records.ts), so records become visible
-- in seq order and a reader that resumes after the last seq it saw misses none.
CREATE TABLE records (
  seq           bigserial PRIMARY KEY,
  source        text NOT NULL,
  call_id       text NOT NULL,
  partition     integer NOT NULL,
  written_at    bigint NOT NULL,
  body          text NOT NULL,
  token         bigint NOT NULL,
  owner         text NOT NULL,
  committed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (source, call_id)
);

CREATE TABLE cursors (
  name  text PRIMARY KEY,
  seq   bigint NOT NULL
);
`,
};
