/**
 * call-lifecycle: the lifecycle of an outbound voice call as an XState v5 machine. The main entry
 * is the core a new user starts from: the machine, its events, input, record and taxonomy, and the
 * three ways to run a call (replay a scenario, step a session, run many live). Every other
 * capability has its own entry point (`call-lifecycle/carriers`, `/simulator`, `/diagram`,
 * `/report`, `/sip`, `/serve`), so an app loads only what it uses. Browser-safe: nothing here
 * imports from `node:`.
 */
export { callMachine, CallInputError, eventName, statePath } from '../machines/call.machine.js';
export type { CallContext, CallMachine, CallMachineInput, DelayName } from '../machines/call.machine.js';
export { CALL_EVENT_TYPES, CARRIER_EVENT_TYPES, isCallEventType, isCarrierEventType } from '../machines/events.js';
export type {
  CallEvent,
  CallEventType,
  CallMachineEvent,
  CarrierEvent,
  CarrierEventType,
  IgnoreEvent,
  PlaybackEndedEvent,
  SimpleCallEvent,
} from '../machines/events.js';
export { routeEvent } from '../machines/route-event.js';
export { CallEventError } from '../machines/event-time.js';
export { CALL_PHASES } from '../machines/observable.js';
export type { CallEmitted, CallEndedEmitted, CallEnteredEmitted, CallPhase, CallTag } from '../machines/observable.js';
export { TIMER_DEFAULTS, TIMER_NAMES } from '../machines/timers.js';
export type { TimerName } from '../machines/timers.js';

export * from './taxonomy/index.js';
export { parseCallInput } from '../machines/input.js';
export type { CallConfig, CallInput, MessageSpec, VoicemailPolicy } from '../machines/input.js';
export type { CallRecord, CallRecordFields, IgnoredEvent, TimelineEntry } from '../machines/record.js';
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
export { formatInputError } from '../machines/result.js';
export type { InputError, Result } from '../machines/result.js';
