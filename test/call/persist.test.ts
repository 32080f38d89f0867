import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { CallSession, type TimedCallEvent } from '../../src/call/session.js';
import { callInput } from '../support/calls.js';
import { callInputArb, eventScriptArb } from '../support/arbitraries.js';

function uninterrupted(input: Parameters<typeof CallSession.start>[0], events: TimedCallEvent[]) {
  const call = CallSession.start(input);
  for (const event of events) call.send(event);
  call.settle();
  return call.record();
}

describe('saving and restoring a call', () => {
  it('keeps a pending timer: a ringing call restored mid-ring still times out at ringMs', () => {
    const call = CallSession.start(callInput({ timeouts: { ringMs: 20_000 } }));
    call.send({ type: 'carrier.ringing', at: 1000 });
    call.advanceTo(8000);
    const saved = JSON.parse(JSON.stringify(call.save()));

    const restored = CallSession.restore(saved);
    expect(restored.state).toBe('ringing');
    restored.settle();
    expect(restored.record()).toMatchObject({ subStatus: 'NO_ANSWER', endedAt: 21_000 });
  });

  it('cancels the re-armed timer when the state is left, as XState does its own', () => {
    const call = CallSession.start(callInput({ timeouts: { ringMs: 20_000 } }));
    call.send({ type: 'carrier.ringing', at: 1000 });
    const restored = CallSession.restore(call.save());
    restored.send({ type: 'carrier.answered', at: 5000 });
    restored.send({ type: 'amd.human', at: 5500 });
    restored.settle();
    const record = restored.record();
    expect(record).toMatchObject({ status: 'ANSWERED', subStatus: 'COMPLETE' });
    expect(record?.ignoredEvents).toEqual([]);
  });

  test.prop([callInputArb(), eventScriptArb, fc.nat(), fc.integer({ min: 0, max: 60_000 })])(
    'restoring at any step and continuing gives the uninterrupted record',
    (input, script, cut, pause) => {
      const events = script as TimedCallEvent[];
      const split = cut % (events.length + 1);
      const call = CallSession.start(input);
      for (const event of events.slice(0, split)) call.send(event);
      // Save at a moment between two events, so pending timers have partly run.
      const next = events[split]?.at ?? Number.POSITIVE_INFINITY;
      call.advanceTo(Math.min(call.clock.now() + pause, next));
      const restored = CallSession.restore(JSON.parse(JSON.stringify(call.save())));
      for (const event of events.slice(split)) restored.send(event);
      restored.settle();
      expect(restored.record()).toEqual(uninterrupted(input, events));
    },
  );
});
