import { test } from '../support/property.js';
import { describe, expect } from 'vitest';
import { callMachine } from '../../machines/call.machine.js';
import { CallSession, type TimedCallEvent } from '../../src/call/session.js';
import { runScenario } from '../../src/scenario/run.js';
import { parseOutcome } from '../../src/taxonomy/index.js';
import { callInputArb, eventScriptArb } from '../support/arbitraries.js';

const FINAL_STATES = new Set(
  Object.entries(callMachine.root.states)
    .filter(([, node]) => node.type === 'final')
    .map(([key]) => key),
);

/** Replays step by step, keeping the record seen after every event. */
function recordsAfterEachEvent(input: Parameters<typeof CallSession.start>[0], events: TimedCallEvent[]) {
  const call = CallSession.start(input);
  const seen = events.map((event) => {
    call.send(event);
    return call.record();
  });
  call.settle();
  return { seen, final: call.record() };
}

describe('call machine properties', () => {
  test.prop([callInputArb(), eventScriptArb])('a run never has two terminal statuses', (call, events) => {
    const result = runScenario({ call, events });
    const record = result.ok ? result.record : null;
    const timeline =
      record?.timeline ?? (result.ok ? [] : result.error.kind === 'stalled' ? result.error.progress.timeline : []);
    const terminals = timeline.filter((step) => FINAL_STATES.has(step.state));
    expect(terminals.length).toBe(record === null ? 0 : 1);
    if (record !== null) expect(timeline.at(-1)?.state).toBe(terminals[0]?.state);
  });

  test.prop([callInputArb(), eventScriptArb])('once terminal, the outcome never changes', (call, events) => {
    const { seen, final } = recordsAfterEachEvent(call, events as TimedCallEvent[]);
    const firstEnded = seen.findIndex((record) => record !== null);
    const first = seen[firstEnded];
    if (first === undefined || first === null) return;
    const outcome = ({ ignoredEvents, ...rest }: NonNullable<(typeof seen)[number]>) => rest;
    for (const later of [...seen.slice(firstEnded), final]) {
      if (later === null) expect.unreachable('an ended call lost its record');
      expect(outcome(later)).toEqual(outcome(first));
      expect(later.ignoredEvents.slice(0, first.ignoredEvents.length)).toEqual(first.ignoredEvents);
    }
  });

  test.prop([callInputArb(), eventScriptArb])(
    'every outcome is in the validity table, with a consistent record',
    (call, events) => {
      const result = runScenario({ call, events });
      if (!result.ok) return;
      const record = result.record;
      expect(parseOutcome(record).ok).toBe(true);
      const times = [record.startedAt, record.ringingAt, record.answeredAt, record.endedAt].filter(
        (t) => t !== null,
      ) as number[];
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(record.timeline.map((s) => s.at)).toEqual(record.timeline.map((s) => s.at).sort((a, b) => a - b));
      expect(record.messagesPlayed).toBeLessThanOrEqual(call.messages.length);
      expect(record.subStatus === 'BLACKLISTED').toBe(call.blacklisted === true);
      if (record.subStatus === 'NO_ANSWER') expect(record.ringingAt).not.toBeNull();
      if (record.status === 'ANSWERED' || record.subStatus === 'VOICEMAIL_DETECTED')
        expect(record.answeredAt).not.toBeNull();
      if (record.subStatus === 'VOICEMAIL_DETECTED')
        expect(record.timeline.some((s) => s.event === 'amd.machine')).toBe(true);
      if (record.subStatus === 'COMPLETE' || record.resultCode === 'VOICEMAIL_COMPLETE')
        expect(record.messagesPlayed).toBe(call.messages.length);
      if (record.subStatus === 'INCOMPLETE') expect(record.messagesPlayed).toBeLessThan(call.messages.length);
      expect(record.ignoredEvents.length + record.timeline.length).toBeGreaterThan(0);
    },
  );

  test.prop([callInputArb(), eventScriptArb])('replay is deterministic', (call, events) => {
    const first = runScenario({ call, events });
    const second = runScenario(JSON.parse(JSON.stringify({ call, events })));
    expect(second).toEqual(first);
  });

  test.prop([callInputArb({ allTimed: true }), eventScriptArb])(
    'a call with every timer configured always ends',
    (call, events) => {
      const result = runScenario({ call, events });
      expect(result.ok, JSON.stringify(result.ok ? null : result.error)).toBe(true);
    },
  );

  test.prop([callInputArb(), eventScriptArb])('every event is either applied or listed as ignored', (call, events) => {
    const result = runScenario({ call, events });
    if (!result.ok) return;
    const applied = new Set(result.record.timeline.map((s) => `${s.at}|${s.event}`));
    for (const event of events) {
      const ignored = result.record.ignoredEvents.some((i) => i.at === event.at && i.event === event.type);
      expect(applied.has(`${event.at}|${event.type}`) || ignored, `${event.type} at ${event.at}`).toBe(true);
    }
    expect(result.record.ignoredEvents.length).toBeLessThanOrEqual(events.length);
  });
});
