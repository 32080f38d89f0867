/**
 * The specification, as the `call-lifecycle/machine` entry point: the call machine, its events and
 * timers, the input it starts from, the record it outputs and the outcome taxonomy. Browser-safe.
 *
 * @example
 * import { createActor } from 'xstate';
 * import { callMachine } from 'call-lifecycle/machine';
 * const actor = createActor(callMachine, { input: { to: '+33612345678', messages: [{ id: 'm1', durationMs: 5000 }] } });
 */
export { callMachine, CallInputError, eventName, statePath } from './call.machine.js';
export type { CallContext, CallMachine, CallMachineInput, DelayName } from './call.machine.js';
export { CALL_EVENT_TYPES, CARRIER_EVENT_TYPES, isCallEventType, isCarrierEventType } from './events.js';
export type {
  CallEvent,
  CallEventType,
  CallMachineEvent,
  CarrierEvent,
  CarrierEventType,
  IgnoreEvent,
  PlaybackEndedEvent,
  SimpleCallEvent,
} from './events.js';
export { routeEvent } from './route-event.js';
export { CallEventError } from './event-time.js';
export { CALL_PHASES } from './observable.js';
export type { CallEmitted, CallEndedEmitted, CallEnteredEmitted, CallPhase, CallTag } from './observable.js';
export { TIMER_DEFAULTS, TIMER_NAMES } from './timers.js';
export type { TimerName } from './timers.js';
export { isE164, parseCallInput } from './input.js';
export type { CallConfig, CallInput, MessageSpec, VoicemailPolicy } from './input.js';
export { CALL_RECORD_FIELDS } from './record.js';
export type { CallRecord, CallRecordFields, IgnoredEvent, TimelineEntry } from './record.js';
export { OUTCOME_TABLE } from './taxonomy.js';
export type { CallOutcome, CallStatus, ResultCode, SubStatus, SubStatusOf } from './taxonomy.js';
export { formatInputError } from './result.js';
export type { InputError, Result } from './result.js';
