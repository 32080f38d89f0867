// Node-only: faults injected into a campaign worker on purpose, to test that the campaign survives
// them (test/simulator/worker-faults.test.ts). Off unless CALL_LIFECYCLE_INJECT_FAULT is set.

/** What an injected fault does to the worker thread that meets it. */
const FAULT_KINDS = ['exit', 'throw', 'hang'] as const;

export interface InjectedFault {
  /** The first call index of the chunk the fault strikes. */
  readonly chunkStart: number;
  readonly trigger: () => void;
}

/**
 * Reads `CALL_LIFECYCLE_INJECT_FAULT=<kind>:<chunk start>`, e.g. `exit:4000` (the worker thread
 * exits with code 70 on receiving the chunk starting at call 4,000), `throw:0` (an uncaught
 * exception), `hang:2000` (a busy loop that never returns). Anything else injects nothing.
 */
export function injectedFault(spec: string | undefined): InjectedFault | null {
  const match = /^(exit|throw|hang):(\d+)$/.exec(spec ?? '');
  if (match === null) return null;
  const kind = match[1] as (typeof FAULT_KINDS)[number];
  const trigger = () => {
    if (kind === 'exit') process.exit(70);
    if (kind === 'throw') throw new Error('injected worker fault');
    for (;;);
  };
  return { chunkStart: Number(match[2]), trigger };
}
