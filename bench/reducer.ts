// The floor the fast engine is measured against: the same call lifecycle written by hand as a
// plain reducer, with no XState and no table. It exists only in bench/ and is NOT a specification:
// the machine is. test/simulator/reducer.test.ts checks that it gives the machine's records on
// sampled calls, so the comparison is between engines doing the same work.
import { recordFromFields, type CallRecord, type IgnoredEvent, type TimelineEntry } from '../machines/record.js';
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
      const carrierFinal = CARRIER_FINAL[type];
      if (type === 'carrier.ringing' && state === 'dialing') {
        codes(e);
        ringingAt = t;
        enter('ringing', t, type, c.timeouts.ringMs);
      } else if (type === 'carrier.answered') {
        codes(e);
        answer(t, type);
      } else if (carrierFinal !== undefined) {
        codes(e);
        enter(carrierFinal, t, type);
      } else if (type === 'carrier.noAnswer') {
        codes(e);
        enter(state === 'ringing' ? 'noAnswer' : 'failed', t, type);
      } else if (type === 'platform.abort') {
        enter('failed', t, type);
      } else if (type === TIMER[state]) {
        enter(state === 'ringing' ? 'noAnswer' : 'failed', t, type);
      } else {
        return false;
      }
      return true;
    }
    if (state === 'connected.detecting') {
      if (type === 'amd.human' || type === 'amd.unknown' || type === 'after:amdTimeout')
        playNext('connected.playing', t, type);
      else if (type === 'amd.machine') voicemail(t, type);
      else if (type === 'recipient.hangup') enter('answeredIncompleteHangup', t, type);
      else if (type === 'platform.abort') enter('answeredIncomplete', t, type);
      else return false;
      return true;
    }
    if (state === 'connected.releasing') {
      if (type === 'after:releaseDelay' || type === 'platform.abort') enter('answeredComplete', t, type);
      else if (type === 'recipient.hangup') enter('answeredCompleteHangup', t, type);
      else return false;
      return true;
    }
    const voice = state.startsWith('connected.voicemail');
    if (state === 'connected.voicemail.awaitingBeep' && (type === 'voicemail.beep' || type === 'after:beepTimeout')) {
      playNext('connected.voicemail.leaving', t, type);
      return true;
    }
    if (type === 'recipient.hangup' || type === 'platform.abort') {
      const ended = type === 'platform.abort' ? 'answeredIncomplete' : 'answeredIncompleteHangup';
      enter(voice ? 'voicemailIncomplete' : ended, t, type);
      return true;
    }
    const ends =
      type === 'after:messageDuration' ||
      (type === 'playback.ended' && (e.messageId === undefined || e.messageId === c.messages[played]?.id));
    if (ends && (state.endsWith('.timedMessage') || state.endsWith('.untimedMessage'))) {
      played++;
      playNext(base(), t, type);
      return true;
    }
    return false;
  };

  enter('initiating', 0, 'xstate.init');
  if (c.blacklisted) {
    enter('blacklisted', 0, 'xstate.init');
  } else {
    startedAt = 0;
    enter('dialing', 0, 'xstate.init', c.timeouts.carrierMs);
  }
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
    const t = Math.max(event.at, now);
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
  return recordFromFields({
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
  });
}
