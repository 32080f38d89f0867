// The floor the fast engine is measured against: the same call lifecycle written by hand as a
// plain reducer, with no XState and no table. It exists only in bench/ and is NOT a specification:
// the machine is. test/simulator/reducer.test.ts checks that it gives the machine's records on
// sampled calls, so the comparison is between engines doing the same work.
import type { CallRecord, IgnoredEvent, TimelineEntry } from '../machines/record.js';
import type { SampledCall } from '../src/simulator/sampler.js';
import type { CallOutcome } from '../machines/taxonomy.js';

const FINAL: Record<string, CallOutcome> = {
  answeredComplete: { status: 'ANSWERED', subStatus: 'COMPLETE', resultCode: null },
  answeredCompleteHangup: { status: 'ANSWERED', subStatus: 'COMPLETE', resultCode: 'HANGUP' },
  answeredIncomplete: { status: 'ANSWERED', subStatus: 'INCOMPLETE', resultCode: null },
  answeredIncompleteHangup: { status: 'ANSWERED', subStatus: 'INCOMPLETE', resultCode: 'HANGUP' },
  busy: { status: 'ABSENT', subStatus: 'BUSY', resultCode: null },
  noAnswer: { status: 'ABSENT', subStatus: 'NO_ANSWER', resultCode: null },
  voicemailComplete: { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: 'VOICEMAIL_COMPLETE' },
  voicemailIncomplete: { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: 'VOICEMAIL_INCOMPLETE' },
  voicemailSkipped: { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: null },
  blacklisted: { status: 'ERROR', subStatus: 'BLACKLISTED', resultCode: null },
  rejected: { status: 'ERROR', subStatus: 'REJECTED', resultCode: null },
  unallocatedNumber: { status: 'ERROR', subStatus: 'UNALLOCATED_NUMBER', resultCode: null },
  failed: { status: 'ERROR', subStatus: 'OTHER', resultCode: null },
};
const CARRIER_FINAL: Record<string, string> = {
  'carrier.busy': 'busy',
  'carrier.rejected': 'rejected',
  'carrier.unallocated': 'unallocatedNumber',
  'carrier.failed': 'failed',
};
const TIMER: Record<string, string> = {
  dialing: 'after:carrierTimeout',
  ringing: 'after:ringTimeout',
  'connected.detecting': 'after:amdTimeout',
  'connected.playing.timedMessage': 'after:messageDuration',
  'connected.voicemail.leaving.timedMessage': 'after:messageDuration',
  'connected.releasing': 'after:releaseDelay',
  'connected.voicemail.awaitingBeep': 'after:beepTimeout',
};

interface Event {
  readonly type: string;
  readonly at: number;
  readonly sipCode?: number;
  readonly q850?: number;
  readonly messageId?: string;
}

/** Runs a sampled call to its record by hand-written rules. */
export function runReducer({ input: c, events }: SampledCall): CallRecord {
  const timeline: TimelineEntry[] = [];
  const ignoredEvents: IgnoredEvent[] = [];
  let state = '';
  let now = 0;
  let deadline: number | null = null;
  let played = 0;
  let sipCode: number | null = null;
  let q850: number | null = null;
  let startedAt: number | null = null;
  let ringingAt: number | null = null;
  let answeredAt: number | null = null;
  let outcome: CallOutcome | null = null;

  const enter = (next: string, t: number, event: string, ms: number | null = null) => {
    timeline.push({ at: t, state: next, event });
    state = next;
    now = t;
    deadline = ms === null ? null : t + ms;
    outcome = FINAL[next] ?? null;
  };
  const codes = (e: Event) => {
    if (e.sipCode === undefined && e.q850 === undefined) return;
    sipCode = e.sipCode ?? null;
    q850 = e.q850 ?? null;
  };
  const playNext = (base: string, t: number, event: string) => {
    enter(`${base}.nextMessage`, t, event);
    const message = c.messages[played];
    if (message === undefined) {
      if (base === 'connected.playing') enter('connected.releasing', t, event, c.timeouts.releaseMs);
      else enter('voicemailComplete', t, event);
    } else if (message.durationMs !== undefined) enter(`${base}.timedMessage`, t, event, message.durationMs);
    else enter(`${base}.untimedMessage`, t, event);
  };
  const answer = (t: number, event: string) => {
    answeredAt = t;
    enter('connected.screening', t, event);
    if (c.amd) enter('connected.detecting', t, event, c.timeouts.amdMs);
    else playNext('connected.playing', t, event);
  };
  const voicemail = (t: number, event: string) => {
    enter('connected.voicemail.screening', t, event);
    if (c.voicemail === 'hangup') enter('voicemailSkipped', t, event);
    else enter('connected.voicemail.awaitingBeep', t, event, c.timeouts.beepMs);
  };
  const base = () => (state.startsWith('connected.voicemail') ? 'connected.voicemail.leaving' : 'connected.playing');

  /** Applies an event (or a timer, `type` = `after:…`); returns false when the state ignores it. */
  const apply = (e: Event, t: number): boolean => {
    const { type } = e;
    if (state === 'dialing' || state === 'ringing') {
      if (type === 'carrier.ringing' && state === 'dialing')
        return (codes(e), (ringingAt = t), enter('ringing', t, type, c.timeouts.ringMs), true);
      if (type === 'carrier.answered') return (codes(e), answer(t, type), true);
      if (CARRIER_FINAL[type] !== undefined) return (codes(e), enter(CARRIER_FINAL[type] as string, t, type), true);
      if (type === 'carrier.noAnswer')
        return (codes(e), enter(state === 'ringing' ? 'noAnswer' : 'failed', t, type), true);
      if (type === 'platform.abort') return (enter('failed', t, type), true);
      if (type === TIMER[state]) return (enter(state === 'ringing' ? 'noAnswer' : 'failed', t, type), true);
      return false;
    }
    if (state === 'connected.detecting') {
      if (type === 'amd.human' || type === 'amd.unknown' || type === 'after:amdTimeout')
        return (playNext('connected.playing', t, type), true);
      if (type === 'amd.machine') return (voicemail(t, type), true);
      if (type === 'recipient.hangup') return (enter('answeredIncompleteHangup', t, type), true);
      if (type === 'platform.abort') return (enter('answeredIncomplete', t, type), true);
      return false;
    }
    if (state === 'connected.releasing') {
      if (type === 'after:releaseDelay' || type === 'platform.abort') return (enter('answeredComplete', t, type), true);
      if (type === 'recipient.hangup') return (enter('answeredCompleteHangup', t, type), true);
      return false;
    }
    const voice = state.startsWith('connected.voicemail');
    if (state === 'connected.voicemail.awaitingBeep' && (type === 'voicemail.beep' || type === 'after:beepTimeout'))
      return (playNext('connected.voicemail.leaving', t, type), true);
    if (type === 'recipient.hangup' || type === 'platform.abort') {
      return (
        enter(
          voice ? 'voicemailIncomplete' : type === 'platform.abort' ? 'answeredIncomplete' : 'answeredIncompleteHangup',
          t,
          type,
        ),
        true
      );
    }
    const ends =
      type === 'after:messageDuration' ||
      (type === 'playback.ended' && (e.messageId === undefined || e.messageId === c.messages[played]?.id));
    if (ends && (state.endsWith('.timedMessage') || state.endsWith('.untimedMessage')))
      return (played++, playNext(base(), t, type), true);
    return false;
  };

  enter('initiating', 0, 'xstate.init');
  if (c.blacklisted) enter('blacklisted', 0, 'xstate.init');
  else (startedAt = 0), enter('dialing', 0, 'xstate.init', c.timeouts.carrierMs);
  const late: IgnoredEvent[] = [];
  const fireDue = (until: number) => {
    while (outcome === null && deadline !== null && deadline <= until)
      apply({ type: TIMER[state] as string, at: deadline }, deadline);
  };
  for (const event of events as readonly Event[]) {
    fireDue(event.at);
    if (outcome !== null) {
      late.push({
        at: event.at,
        state,
        event: event.type,
        ...(event.sipCode === undefined ? {} : { sipCode: event.sipCode }),
        ...(event.q850 === undefined ? {} : { q850: event.q850 }),
      });
      continue;
    }
    const t = event.at > now ? event.at : now;
    if (!apply(event, t)) {
      ignoredEvents.push({
        at: t,
        state,
        event: event.type,
        ...(event.sipCode === undefined ? {} : { sipCode: event.sipCode }),
        ...(event.q850 === undefined ? {} : { q850: event.q850 }),
      });
    }
  }
  fireDue(Infinity);
  const ended = outcome as CallOutcome | null;
  if (ended === null) throw new Error(`the call is stuck in ${state}`);
  return {
    callId: c.callId,
    to: c.to,
    status: ended.status,
    subStatus: ended.subStatus,
    resultCode: ended.resultCode,
    messagesPlayed: played,
    sipCode,
    q850,
    startedAt,
    ringingAt,
    answeredAt,
    endedAt: now,
    timeline,
    ignoredEvents: late.length === 0 ? ignoredEvents : [...ignoredEvents, ...late],
  } as CallRecord;
}
