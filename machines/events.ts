/**
 * The events one call's machine understands: the public contract that scenarios, carrier mappings
 * and provider normalizers all speak. Lowercase and dot-namespaced, like XState's own events, so
 * `carrier.*` descriptors and `assertEvent` narrowing work.
 */
export const CARRIER_EVENT_TYPES = [
  'carrier.trying',
  'carrier.ringing',
  'carrier.answered',
  'carrier.busy',
  'carrier.rejected',
  'carrier.unallocated',
  'carrier.noAnswer',
  'carrier.failed',
] as const;

export const CALL_EVENT_TYPES = [
  ...CARRIER_EVENT_TYPES,
  'amd.human',
  'amd.machine',
  'amd.unknown',
  'voicemail.beep',
  'playback.ended',
  'recipient.hangup',
  'platform.abort',
] as const;

export type CarrierEventType = (typeof CARRIER_EVENT_TYPES)[number];
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

/** What every event may carry: when it happened, in ms on the call's clock (0 = call start). */
interface Timed {
  readonly at?: number;
}

/**
 * A carrier's signal. `sipCode` and `q850` are the raw SIP status code and Q.850 cause it came from,
 * kept in the call record so the raw code, the cause and the mapped status stay together.
 */
export interface CarrierEvent extends Timed {
  readonly type: CarrierEventType;
  readonly sipCode?: number;
  readonly q850?: number;
}

/** The media server says a message finished. `messageId`, when given, must be the message playing. */
export interface PlaybackEndedEvent extends Timed {
  readonly type: 'playback.ended';
  readonly messageId?: string;
}

export interface SimpleCallEvent extends Timed {
  readonly type: 'amd.human' | 'amd.machine' | 'amd.unknown' | 'voicemail.beep' | 'recipient.hangup' | 'platform.abort';
}

export type CallEvent = CarrierEvent | PlaybackEndedEvent | SimpleCallEvent;

export function isCarrierEventType(type: string): type is CarrierEventType {
  return (CARRIER_EVENT_TYPES as readonly string[]).includes(type);
}

export function isCallEventType(type: string): type is CallEventType {
  return (CALL_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * An event the call's state does not handle, carried in so the machine records it among the
 * ignored events and changes nothing else. `routeEvent` wraps an event in it when
 * `snapshot.can(event)` is false; the machine handles it in every state, so `can()` stays truthful
 * for the events themselves (docs/embedding.md).
 */
export interface IgnoreEvent {
  readonly type: 'call.ignore';
  readonly event: CallEvent;
}

/** What the call machine can be sent: its events, or one of them to record as ignored. */
export type CallMachineEvent = CallEvent | IgnoreEvent;
