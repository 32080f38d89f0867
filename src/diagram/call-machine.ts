import { createActor } from 'xstate';
import { callMachine } from '../../machines/call.machine.js';
import type { CallRecord } from '../../machines/record.js';
import { formatDuration } from './duration.js';
import { machineGraph } from './graph.js';
import type { MachineGraph } from './types.js';

/** A call input with every default: what the diagram's timer values are read from. */
const DEFAULT_INPUT = { to: '+33100000000', messages: [{ id: 'message' }] };

/** The call the explorer page steps when no scenario gives one: every default, one timed message. */
export const CALL_EXPLORER_INPUT = { to: '+33100000000', messages: [{ id: 'message', durationMs: 20_000 }] };

/**
 * The call machine's named delays evaluated on the default configuration, e.g.
 * `{ ringTimeout: 30000, … }`: drawn from the machine's own delay functions, so the diagram cannot
 * drift from machines/timers.ts. A delay that is not positive by default (`messageDuration`
 * depends on the message) is left out, and the diagram shows its name only.
 *
 * @example
 * callDelayDefaults().ringTimeout; // → 30000
 */
export function callDelayDefaults(): Record<string, number> {
  const context = createActor(callMachine, { input: DEFAULT_INPUT }).getSnapshot().context;
  const defaults: Record<string, number> = {};
  for (const [name, delay] of Object.entries(callMachine.implementations.delays)) {
    const value = typeof delay === 'function' ? (delay as (args: { context: unknown }) => unknown)({ context }) : delay;
    if (typeof value === 'number' && value > 0) defaults[name] = value;
  }
  return defaults;
}

/**
 * The call machine as a graph, with its timers' default values.
 *
 * @example
 * callMachineGraph().nodes.length; // every state of machines/call.machine.ts, root included
 */
export function callMachineGraph(): MachineGraph {
  return machineGraph(callMachine, { delayDefaults: callDelayDefaults() });
}

/**
 * The title of a trace diagram: which call, how it ended and when, e.g.
 * `call c-42: ABSENT / NO_ANSWER after 31.5 s`.
 *
 * @example
 * traceTitle(record); // → 'call c-1: ABSENT / NO_ANSWER after 31.5 s'
 */
export function traceTitle(record: CallRecord): string {
  const outcome = [record.status, record.subStatus, record.resultCode].filter((part) => part !== null).join(' / ');
  return `call ${record.callId}: ${outcome} after ${formatDuration(record.endedAt)}`;
}
