/**
 * call-lifecycle: the lifecycle of an outbound voice call as an XState v5 machine. The main entry
 * is the core a new user starts from: everything `call-lifecycle/machine` exports (the machine,
 * its events, input, record and taxonomy), the taxonomy's derived lists, and the three ways to run
 * a call (replay a scenario, step a session, run many live). Every other
 * capability has its own entry point (`call-lifecycle/carriers`, `/simulator`, `/diagram`,
 * `/report`, `/sip`, `/serve`), so an app loads only what it uses. Browser-safe: nothing here
 * imports from `node:`.
 */
export * from '../machines/index.js';
export * from './taxonomy/index.js';
export { VirtualClock } from './call/clock.js';
export { CallSession } from './call/session.js';
export type { SavedCall, TimedCallEvent } from './call/session.js';
export { parseScenario } from './scenario/parse.js';
export type { ParsedScenario, Scenario } from './scenario/parse.js';
export { runScenario } from './scenario/run.js';
export { LiveCalls, LiveCallsError } from './live/index.js';
export type {
  HostClock,
  LiveCallsErrorKind,
  LiveCallsOptions,
  LiveEvent,
  SavedLiveCalls,
  SendError,
} from './live/index.js';
export type { CallProgress, ScenarioError, ScenarioResult } from './scenario/run.js';
