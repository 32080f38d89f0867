import { callLadder, type Ladder, type LadderMessage } from '../diagram/ladder.js';
import type { CallRecord } from '../../machines/record.js';
import { SipCall, type SipCallEvent } from './call.js';
import { sipKeys } from './fields.js';
import type { SipMessage } from './message.js';

/** One SIP message of a call, `at` ms after its first INVITE. */
export interface TimedSip {
  /** ms after the call's first INVITE. */
  readonly at: number;
  /** The message as parsed (`parseSipMessage`). */
  readonly message: SipMessage;
}

/** `INVITE`, `180 Ringing`, and for a response to another request its method: `200 OK (BYE)`. */
function sipText(message: SipMessage): string {
  if (message.kind === 'request') return message.method;
  const keys = sipKeys(message);
  const method = typeof keys === 'string' || keys.cseqMethod === 'INVITE' ? '' : ` (${keys.cseqMethod})`;
  return `${message.status}${message.reason === '' ? '' : ` ${message.reason}`}${method}`;
}

/** The event a message mapped to, with what the status line does not already say (its Q.850 cause). */
function eventText(event: SipCallEvent): string {
  const q850 = 'q850' in event && event.q850 !== undefined ? ` (Q.850 ${event.q850})` : '';
  return `${event.type}${q850}`;
}

/**
 * The ladder of a call read from SIP: one arrow per SIP message between the platform (us) and
 * the carrier (them), named by its request method or status line, with the machine event it
 * mapped to and the state the call machine entered; the rows the record has beyond SIP (our RTP
 * ending a message, a timer) keep their own arrows. `messages` are the call's SIP messages in
 * capture order, the first our INVITE; `record` is the record they gave (`readSipCapture`).
 * Retransmissions are drawn and marked: they show what the network did, though the machine sees
 * each message once.
 *
 * @example
 * const ladder = sipLadder(call.record, messages);
 * ladder.messages.map((message) => message.label);
 * // → ['INVITE', '100 Trying → carrier.trying', '180 Ringing → carrier.ringing', '200 OK → carrier.answered', 'ACK', …]
 */
export function sipLadder(record: CallRecord, messages: readonly TimedSip[]): Ladder {
  const base = callLadder(record);
  const unused = [...base.messages];
  /** The record's row for an event (first match by time and type), taken so it is drawn once. */
  const take = (at: number, event: string): LadderMessage | undefined => {
    const index = unused.findIndex((row) => row.at === at && row.event === event);
    return index === -1 ? undefined : unused.splice(index, 1)[0];
  };
  const [first, ...rest] = messages;
  const call = first === undefined ? 'no INVITE' : SipCall.start(first.message);
  if (first === undefined || typeof call === 'string')
    throw new Error(`bug: sipLadder needs our INVITE first (${call})`);
  const dial = take(0, 'dial');
  const rows: LadderMessage[] = [
    {
      at: first.at,
      from: 'platform',
      to: 'carrier',
      label: 'INVITE',
      event: 'dial',
      states: dial?.states ?? [],
      ignored: false,
    },
  ];
  for (const { at, message } of rest) {
    const step = call.observe(message, at);
    const ends =
      step.side === 'us'
        ? ({ from: 'platform', to: 'carrier' } as const)
        : ({ from: 'carrier', to: 'platform' } as const);
    const text = `${sipText(message)}${step.retransmission ? ' (retransmission)' : ''}`;
    if (step.events.length === 0) {
      rows.push({ at, ...ends, label: text, event: '', states: [], ignored: false });
      continue;
    }
    for (const event of step.events) {
      const recorded = take(event.at, event.type);
      rows.push({
        at,
        ...ends,
        label: `${text} → ${eventText(event)}`,
        event: event.type,
        states: recorded?.states ?? [],
        // An event the record has neither as a step nor as ignored came after the call ended.
        ignored: recorded === undefined || recorded.ignored,
      });
    }
  }
  // Rows the SIP messages did not account for (playback ended by our RTP, timers) at their time;
  // at equal times the SIP message comes first.
  const ordered = [
    ...rows.map((row, index) => ({ row, index })),
    ...unused.map((row, index) => ({ row, index: rows.length + index })),
  ]
    .sort((a, b) => a.row.at - b.row.at || a.index - b.index)
    .map(({ row }) => row);
  return {
    ...base,
    // No detector: SIP carries no answering-machine verdict (docs/sip.md).
    parties: base.parties.filter((party) => party.id !== 'detector'),
    messages: ordered,
  };
}
