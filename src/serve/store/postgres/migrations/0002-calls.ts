import type { Migration } from './types.js';

/**
 * What every process shares about calls: the callbacks as received (the inbox any process writes
 * to, committed before its 2xx), each call's next deadline, and the records. Every row an owner
 * writes carries the partition's fencing token and the owner, so the database itself shows under
 * which lease it was written (docs/scale-out.md, "Proof from the database").
 */
export const calls: Migration = {
  version: 2,
  name: 'calls',
  sql: `
CREATE TABLE callbacks (
  seq            bigserial PRIMARY KEY,
  call_id        text NOT NULL,
  partition      integer NOT NULL,
  -- The provider's own identity of this delivery: a duplicate delivery is stored once.
  dedupe_key     text NOT NULL UNIQUE,
  body           jsonb NOT NULL,
  received_by    text NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Set by the partition's owner, under its lease, when it applies the callback.
  applied_token  bigint,
  applied_by     text,
  applied_at     timestamptz
);
CREATE INDEX callbacks_unapplied ON callbacks (partition, seq) WHERE applied_token IS NULL;
CREATE INDEX callbacks_by_call ON callbacks (call_id, seq);

CREATE TABLE timers (
  call_id    text PRIMARY KEY,
  partition  integer NOT NULL,
  due_at     timestamptz NOT NULL,
  token      bigint NOT NULL,
  owner      text NOT NULL
);
CREATE INDEX timers_due ON timers (partition, due_at);

CREATE TABLE records (
  call_id     text PRIMARY KEY,
  partition   integer NOT NULL,
  record      text NOT NULL,
  token       bigint NOT NULL,
  owner       text NOT NULL,
  written_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
`,
};
