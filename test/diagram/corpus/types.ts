import type { AnyStateMachine } from 'xstate';

/**
 * A machine of a shape found in public XState example apps, docs and test suites, written here
 * (no code copied): `source` names where the shape is found. `states` and `transitions` are
 * written by hand from the machine's config, before any exporter runs, and every format is checked
 * against them.
 */
export interface CorpusMachine {
  readonly name: string;
  /** Where this shape is found (a doc page, an example app, a test suite). */
  readonly source: string;
  readonly machine: AnyStateMachine;
  /** Every state below the root, as a dotted key path (`loaded.playing`). */
  readonly states: readonly string[];
  /**
   * Every transition, as `<source path or (root)> <trigger> -> <target paths, comma-separated, or
   * (stays)>`, with triggers as the graph writes them (`INSERT_CD`, `always`, `after:300`,
   * `done:fetchUser`, `error:inline`, `snapshot:inline`, `done`).
   */
  readonly transitions: readonly string[];
}
