import type { CallEvent, CallMachineEvent } from './events.js';

/** What `routeEvent` reads of a call actor's snapshot. */
interface RoutableSnapshot {
  readonly status: string;
  can(event: CallMachineEvent): boolean;
}

/**
 * What to send a call's actor for `event`: the event itself when the call's state handles it
 * (`snapshot.can(event)`), else `call.ignore` carrying it, which records it among the record's
 * ignored events and changes nothing else. Every runner of this package sends events this way; an
 * event sent to a raw actor without it, in a state that does not handle it, is dropped by XState
 * as for any machine, and the record does not list it (docs/embedding.md).
 *
 * @example
 * const actor = createActor(callMachine, { input }).start();
 * actor.send(routeEvent(actor.getSnapshot(), { type: 'amd.human', at: 500 })); // still dialing: recorded as ignored
 */
export function routeEvent(snapshot: RoutableSnapshot, event: CallEvent): CallMachineEvent {
  return snapshot.status !== 'active' || snapshot.can(event) ? event : { type: 'call.ignore', event };
}
