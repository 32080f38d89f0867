/**
 * A call's ladder: who said what to whom, and when, as a sequence of messages between the
 * platform (the call machine), the carrier, the recipient (or their voicemail) and the answering
 * machine detector, each with the state the call machine entered. Drawn from a call record's
 * timeline and ignored events, so it shows the status reasoning beside the signalling.
 */

/** The four parties of a call. */
export type LadderParty = 'platform' | 'carrier' | 'recipient' | 'detector';

/** One arrow of the ladder. */
export interface LadderMessage {
  /** ms on the call's clock. */
  readonly at: number;
  readonly from: LadderParty;
  readonly to: LadderParty;
  /** The event, with its SIP status / Q.850 cause when known: `carrier.busy (SIP 486)`. */
  readonly label: string;
  /**
   * The event type as the record writes it (`carrier.busy`, `after:ringTimeout`, `dial`); empty
   * for a SIP message the machine is not sent (an ACK, a 200 to a BYE, a retransmission).
   */
  readonly event: string;
  /** The state the call came to rest in, then the transient states it went through, or empty when ignored. */
  readonly states: readonly string[];
  /** The event changed nothing (late, duplicate or out of order): drawn dashed and grey. */
  readonly ignored: boolean;
}

/**
 * A call's ladder: its parties in order (the recipient named `voicemail` when a machine answered;
 * no detector in a ladder read from SIP), messages and outcome.
 */
export interface Ladder {
  readonly callId: string;
  readonly parties: readonly { readonly id: LadderParty; readonly label: string }[];
  readonly messages: readonly LadderMessage[];
  /** `STATUS / SUB_STATUS / RESULT_CODE after <time>`. */
  readonly outcome: string;
  readonly endedAt: number;
}

/** What `callLadder` reads from a call record (a `CallRecord` fits). */
export interface LadderRecordLike {
  readonly callId: string;
  readonly status: string;
  readonly subStatus: string;
  readonly resultCode: string | null;
  readonly endedAt: number;
  readonly timeline: readonly { readonly at: number; readonly state: string; readonly event: string }[];
  readonly ignoredEvents: readonly {
    readonly at: number;
    readonly state: string;
    readonly event: string;
    readonly sipCode?: number;
    readonly q850?: number;
  }[];
}

/** An event as the scenario or the provider log gave it: its codes label the arrow. */
export interface LadderEventLike {
  readonly at: number;
  readonly type: string;
  readonly sipCode?: number | undefined;
  readonly q850?: number | undefined;
}

/** Who sends an event to whom: the carrier signals, the detector classifies, the recipient hangs up. */
function ends(event: string): { from: LadderParty; to: LadderParty } {
  if (event === 'dial') return { from: 'platform', to: 'carrier' };
  if (event.startsWith('carrier.')) return { from: 'carrier', to: 'platform' };
  if (event.startsWith('amd.') || event === 'voicemail.beep') return { from: 'detector', to: 'platform' };
  if (event.startsWith('recipient.')) return { from: 'recipient', to: 'platform' };
  if (event === 'playback.ended') return { from: 'platform', to: 'recipient' };
  if (event === 'platform.abort') return { from: 'platform', to: 'carrier' };
  return { from: 'platform', to: 'platform' };
}

function codes(event: { sipCode?: number | undefined; q850?: number | undefined } | undefined): string {
  if (event === undefined) return '';
  const parts = [
    event.sipCode === undefined ? null : `SIP ${event.sipCode}`,
    event.q850 === undefined ? null : `Q.850 ${event.q850}`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/**
 * The ladder of one call from its record (the timeline groups into one message per event; the
 * machine's initial entry is the platform dialing) and, optionally, the events that were sent
 * (for their SIP and Q.850 codes).
 *
 * @example
 * const ladder = callLadder(record, scenario.events);
 * ladder.messages.map((message) => `${message.from}→${message.to} ${message.label}`);
 * // → ['platform→carrier dial', 'carrier→platform carrier.ringing (SIP 180)', …]
 */
export function callLadder(record: LadderRecordLike, events: readonly LadderEventLike[] = []): Ladder {
  const messages: LadderMessage[] = [];
  const sent = new Map<string, LadderEventLike[]>();
  for (const event of events)
    sent.set(`${event.at} ${event.type}`, [...(sent.get(`${event.at} ${event.type}`) ?? []), event]);
  const codesOf = (at: number, type: string): string => codes(sent.get(`${at} ${type}`)?.shift());
  let group: { at: number; event: string; states: string[] } | null = null;
  const flush = (): void => {
    if (group === null) return;
    const event = group.event === 'xstate.init' ? 'dial' : group.event;
    // A blacklisted call is never dialed: its first entry is a decision of the platform alone.
    const alone = group.event === 'xstate.init' && !group.states.includes('dialing');
    const { from, to } = alone ? { from: 'platform' as const, to: 'platform' as const } : ends(event);
    const label = alone ? 'start' : event.startsWith('after:') ? `timer ${event.slice('after:'.length)}` : event;
    messages.push({
      at: group.at,
      from,
      to,
      label: `${label}${codesOf(group.at, group.event)}`,
      event: alone ? 'start' : event,
      states: [...group.states].reverse(),
      ignored: false,
    });
    group = null;
  };
  for (const step of record.timeline) {
    if (group !== null && group.at === step.at && group.event === step.event) group.states.push(step.state);
    else {
      flush();
      group = { at: step.at, event: step.event, states: [step.state] };
    }
  }
  flush();
  for (const ignored of record.ignoredEvents) {
    const { from, to } = ends(ignored.event);
    messages.push({
      at: ignored.at,
      from,
      to,
      label: `${ignored.event}${codes(ignored)}`,
      event: ignored.event,
      states: [],
      ignored: true,
    });
  }
  // Stable: at equal times, the timeline's order, then the ignored events.
  const ordered = messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => a.message.at - b.message.at || a.index - b.index);
  const voicemail = record.subStatus.startsWith('VOICEMAIL');
  return {
    callId: record.callId,
    parties: [
      { id: 'platform', label: 'platform' },
      { id: 'carrier', label: 'carrier' },
      { id: 'recipient', label: voicemail ? 'voicemail' : 'recipient' },
      { id: 'detector', label: 'detector (AMD)' },
    ],
    messages: ordered.map(({ message }) => message),
    outcome: [record.status, record.subStatus, record.resultCode].filter((part) => part !== null).join(' / '),
    endedAt: record.endedAt,
  };
}
