import { fc, test } from '../support/property.js';
import { createActor, type AnyStateNode } from 'xstate';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CallInputError, callMachine, statePath, type CallMachine } from '../../machines/call.machine.js';
import type { CallEvent } from '../../machines/events.js';
import { CallEventError } from '../../machines/event-time.js';
import type { CallInput } from '../../machines/input.js';
import { CALL_PHASES, type CallEmitted } from '../../machines/observable.js';
import type { CallRecord } from '../../machines/record.js';
import { routeEvent } from '../../machines/route-event.js';
import { CallSession, type TimedCallEvent } from '../../src/call/session.js';
import { VirtualClock } from '../../src/call/clock.js';
import { runScenario } from '../../src/scenario/run.js';
import { callInputArb, eventScriptArb } from '../support/arbitraries.js';
import { callInput, outcomeOf, traceOf } from '../support/calls.js';

// The XState conventions an embedder relies on when it runs `callMachine` as a raw actor
// (issue 9; docs/embedding.md): provided delays, added side effects, emitted events, tags,
// `snapshot.can`, and an `at` that is no time on the call's clock.

/** Runs timed events on a raw actor of `machine`, as CallSession does, and returns the actor. */
function drive(machine: CallMachine, input: CallInput, events: readonly TimedCallEvent[]) {
  const clock = new VirtualClock();
  const errors: unknown[] = [];
  const actor = createActor(machine, { clock, input });
  actor.subscribe({ error: (error) => void errors.push(error) });
  actor.start();
  for (const event of events) {
    clock.advanceTo(event.at);
    if (actor.getSnapshot().status !== 'active') break;
    actor.send(routeEvent(actor.getSnapshot(), event));
  }
  clock.runUntilIdle();
  return { actor, errors, record: actor.getSnapshot().output };
}

const RING_THEN_SILENCE: TimedCallEvent[] = [{ type: 'carrier.ringing', at: 1_000 }];
const ANSWERED_BY_A_PERSON: TimedCallEvent[] = [
  { type: 'carrier.ringing', at: 1_000, sipCode: 180 },
  { type: 'carrier.answered', at: 4_000, sipCode: 200 },
  { type: 'amd.human', at: 5_000 },
  { type: 'carrier.busy', at: 6_000, sipCode: 486 }, // ignored: the call is connected
  { type: 'recipient.hangup', at: 12_000 }, // during the second message
];

describe('delays given with provide', () => {
  it('are the delays the record reports, as numbers or functions', () => {
    const byNumber = callMachine.provide({ delays: { ringTimeout: 5_000 } });
    const byFunction = callMachine.provide({
      delays: { ringTimeout: ({ context }) => context.config.to.length * 100 },
    });
    const defaults = drive(callMachine, callInput(), RING_THEN_SILENCE).record as CallRecord;
    const five = drive(byNumber, callInput(), RING_THEN_SILENCE).record as CallRecord;
    const twelve = drive(byFunction, callInput(), RING_THEN_SILENCE).record as CallRecord;
    expect([defaults.endedAt, five.endedAt, twelve.endedAt]).toEqual([31_000, 6_000, 2_200]);
    expect(traceOf(five)).toMatchInlineSnapshot(`
      [
        "0 initiating (xstate.init)",
        "0 dialing (xstate.init)",
        "1000 ringing (carrier.ringing)",
        "6000 noAnswer (after:ringTimeout)",
      ]
    `);
  });

  it('apply to every timer: here the release delay after the last message', () => {
    const machine = callMachine.provide({ delays: { releaseDelay: 250 } });
    const { actor } = drive(machine, callInput({ messages: [{ id: 'm1', durationMs: 2_000 }] }), [
      { type: 'carrier.answered', at: 1_000 },
      { type: 'amd.human', at: 1_500 },
    ]);
    const record = actor.getSnapshot().output as CallRecord;
    expect(traceOf(record).slice(-2)).toEqual([
      '3500 connected.releasing (after:messageDuration)',
      '3750 answeredComplete (after:releaseDelay)',
    ]);
  });

  test.prop([
    callInputArb({ allTimed: true }),
    eventScriptArb,
    fc.array(fc.integer({ min: 1, max: 90_000 }), { minLength: 6, maxLength: 6 }),
  ])(
    'giving every timer its delay with provide is giving it in the input',
    (input, events, [carrierMs, proceedingMs, ringMs, amdMs, beepMs, releaseMs]) => {
      const timeouts = { carrierMs, proceedingMs, ringMs, amdMs, beepMs, releaseMs } as Record<string, number>;
      const provided = callMachine.provide({
        delays: {
          carrierTimeout: carrierMs as number,
          proceedingTimeout: proceedingMs as number,
          ringTimeout: ringMs as number,
          amdTimeout: amdMs as number,
          beepTimeout: beepMs as number,
          releaseDelay: releaseMs as number,
        },
      });
      const script = events as TimedCallEvent[];
      const { timeouts: _ignored, ...withoutTimeouts } = input;
      const byProvide = drive(provided, withoutTimeouts, script);
      const byInput = drive(callMachine, { ...input, timeouts }, script);
      expect(byProvide.errors).toEqual([]);
      expect(byProvide.record).toEqual(byInput.record);
    },
  );
});

describe('side effects added with provide or by listening', () => {
  const actionNames = Object.keys(callMachine.implementations.actions);

  it('the machine names its actions', () => expect(actionNames.length).toBeGreaterThan(8));

  it.each(actionNames)('replacing %s with a side effect never changes the outcome nor stops the call', (name) => {
    let calls = 0;
    const machine = callMachine.provide({ actions: { [name]: () => void calls++ } });
    const { errors, record } = drive(machine, callInput(), ANSWERED_BY_A_PERSON);
    expect(errors).toEqual([]);
    expect(calls).toBeGreaterThan(0);
    expect(outcomeOf(record as CallRecord)).toBe('ANSWERED/INCOMPLETE/HANGUP');
  });

  it('replacing the two hooks leaves the whole record as it was', () => {
    const seen: string[] = [];
    const machine = callMachine.provide({
      actions: {
        announceEntered: ({ context }) => void seen.push(context.timeline.at(-1)?.state ?? ''),
        announceEnded: (_, outcome) => void seen.push(`ended ${outcome.status}`),
      },
    });
    const hooked = drive(machine, callInput(), ANSWERED_BY_A_PERSON).record;
    const plain = drive(callMachine, callInput(), ANSWERED_BY_A_PERSON).record as CallRecord;
    expect(hooked).toEqual(plain);
    expect(seen).toEqual([...plain.timeline.map((step) => step.state), 'ended ANSWERED']);
  });
});

describe('emitted events', () => {
  test.prop([callInputArb(), eventScriptArb])(
    'call.entered repeats the timeline, and call.ended carries the output, once',
    (input, events) => {
      const clock = new VirtualClock();
      const actor = createActor(callMachine, { clock, input });
      const entered: unknown[] = [];
      const ended: CallRecord[] = [];
      actor.on('call.entered', ({ type, ...step }) => void entered.push(step));
      actor.on('call.ended', ({ record }) => void ended.push(record));
      actor.start();
      for (const event of events as TimedCallEvent[]) {
        clock.advanceTo(event.at);
        if (actor.getSnapshot().status !== 'active') break;
        actor.send(routeEvent(actor.getSnapshot(), event));
      }
      clock.runUntilIdle(); // a call waiting for an event does not end: both lists stop where it waits
      const snapshot = actor.getSnapshot();
      expect(entered).toEqual(snapshot.output?.timeline ?? snapshot.context.timeline.slice());
      expect(ended).toEqual(snapshot.output === undefined ? [] : [snapshot.output]);
    },
  );

  it('are typed: the listener of call.ended gets the record', () => {
    const actor = createActor(callMachine, { input: callInput() });
    actor.on('call.ended', (event) => expectTypeOf(event.record).toEqualTypeOf<CallRecord>());
    actor.on('call.entered', (event) => expectTypeOf(event.state).toEqualTypeOf<string>());
    expectTypeOf<CallEmitted['type']>().toEqualTypeOf<'call.entered' | 'call.ended'>();
  });
});

function allNodes(node: AnyStateNode = callMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child))];
}

/** The tags a snapshot in this leaf state would have: its own and its ancestors'. */
function tagsOf(leaf: AnyStateNode): string[] {
  const tags: string[] = [];
  for (let node: AnyStateNode | undefined = leaf; node !== undefined; node = node.parent) tags.push(...node.tags);
  return tags.sort();
}

describe('tags', () => {
  const leaves = allNodes().filter((node) => node.type === 'atomic' || node.type === 'final');

  it.each(leaves.map((node) => [node.id, node] as const))('%s is in exactly one phase', (_, leaf) => {
    const phases = tagsOf(leaf).filter((tag) => (CALL_PHASES as readonly string[]).includes(tag));
    // A voicemail is connected too: its phase is the innermost one.
    const expected = leaf.id.includes('.voicemail.') ? ['connected', 'voicemail'] : phases.slice(0, 1);
    expect(phases).toEqual(expected);
  });

  it('a final state is tagged ended and with its status, as its outcome says', () => {
    for (const leaf of leaves.filter((node) => node.type === 'final')) {
      const { status } = (leaf.meta as { outcome: { status: string } }).outcome;
      expect(tagsOf(leaf)).toEqual(['ended', status].sort());
    }
  });

  it('snapshot.hasTag answers for a running call and an ended one', () => {
    const clock = new VirtualClock();
    const actor = createActor(callMachine, { clock, input: callInput({ amd: true }) }).start();
    const phase = () => CALL_PHASES.filter((tag) => actor.getSnapshot().hasTag(tag));
    const seen = [phase()];
    for (const event of [
      { type: 'carrier.ringing', at: 500 },
      { type: 'carrier.answered', at: 1_000 },
      { type: 'amd.machine', at: 2_000 },
      { type: 'recipient.hangup', at: 3_000 },
    ] as const) {
      actor.send(event);
      seen.push(phase());
    }
    expect(seen).toEqual([['dialing'], ['ringing'], ['connected'], ['connected', 'voicemail'], ['ended']]);
    expect(actor.getSnapshot().hasTag('ABSENT')).toBe(true);
  });
});

describe('snapshot.can', () => {
  test.prop([callInputArb(), eventScriptArb])(
    'is true exactly for the events that change the call; the others are recorded as ignored',
    (input, events) => {
      const clock = new VirtualClock();
      const actor = createActor(callMachine, { clock, input }).start();
      for (const event of events as TimedCallEvent[]) {
        clock.advanceTo(event.at);
        const before = actor.getSnapshot();
        if (before.status !== 'active') break;
        const can = before.can(event);
        // Unrouted, an event the state does not handle changes nothing at all.
        const probe = createActor(callMachine, { snapshot: actor.getPersistedSnapshot(), input: undefined as never });
        probe.start();
        probe.send(event);
        const changed = JSON.stringify(probe.getPersistedSnapshot()) !== JSON.stringify(actor.getPersistedSnapshot());
        probe.stop();
        expect(changed, `${statePath(before.value)} on ${event.type}`).toBe(can);
        const ignoredBefore = before.context.ignoredEvents.length;
        actor.send(routeEvent(before, event));
        expect(actor.getSnapshot().context.ignoredEvents.length - ignoredBefore).toBe(can ? 0 : 1);
      }
    },
  );
});

describe('an at that is no time on the call clock', () => {
  const ringing = (at: unknown) => ({ type: 'carrier.ringing', at }) as unknown as CallEvent;

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a negative time', -5],
    ['a Unix time', 1_764_450_000_000],
    ['a time before the latest step', 400],
    ['a string', '1000'],
  ])('stops a raw actor with one clear error and no record: %s', (_, at) => {
    const actor = createActor(callMachine, { clock: new VirtualClock(), input: callInput() });
    const errors: Error[] = [];
    actor.subscribe({ error: (error) => void errors.push(error as Error) });
    actor.start();
    actor.send({ type: 'carrier.trying', at: 500 });
    actor.send(ringing(at));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CallEventError);
    expect(errors[0]?.message).toMatch(/^carrier\.ringing\.at: /);
    expect(actor.getSnapshot().status).toBe('error');
    expect(actor.getSnapshot().output).toBeUndefined();
  });

  it('says what was wrong and what is accepted', () => {
    const messages = [Number.NaN, 1_764_450_000_000, 400].map((at) => {
      const actor = createActor(callMachine, { clock: new VirtualClock(), input: callInput() });
      let message = '';
      actor.subscribe({
        error: (error) => {
          message = (error as Error).message;
        },
      });
      actor.start().send({ type: 'carrier.trying', at: 500 });
      actor.send(ringing(at));
      return message;
    });
    expect(messages).toMatchInlineSnapshot(`
      [
        "carrier.ringing.at: expected ms since the call started (a finite number ≥ 0), got NaN",
        "carrier.ringing.at: 1764450000000 looks like a Unix time (Date.now()); "at" is ms since the call started, or leave it out for now",
        "carrier.ringing.at: 400 ms is before the call's latest step at 500 ms: "at" must not go back",
      ]
    `);
  });

  it('a hand-made call.ignore that carries no event is refused the same way', () => {
    for (const wrapped of [undefined, 'amd.human', { type: 'call.ignore' }]) {
      const actor = createActor(callMachine, { clock: new VirtualClock(), input: callInput() });
      const errors: Error[] = [];
      actor.subscribe({ error: (error) => void errors.push(error as Error) });
      actor.start().send({ type: 'call.ignore', event: wrapped } as never);
      expect(errors.map((error) => error.message)).toEqual([
        'call.ignore.event: expected the event a state did not handle, such as { type: "amd.human" }',
      ]);
    }
  });

  it('is refused by CallSession before anything happens: the call goes on unchanged', () => {
    const session = CallSession.start(callInput());
    session.send({ type: 'carrier.ringing', at: 1_000 });
    for (const at of [Number.NaN, Number.POSITIVE_INFINITY, -1, Date.now()]) {
      expect(() => session.send({ type: 'carrier.answered', at })).toThrow(CallEventError);
    }
    expect(session.state).toBe('ringing');
    session.send({ type: 'carrier.busy', at: 2_000 });
    expect(outcomeOf(session.record() as CallRecord)).toBe('ABSENT/BUSY');
    const replayed = runScenario({
      call: callInput(),
      events: [
        { type: 'carrier.ringing', at: 1_000 },
        { type: 'carrier.busy', at: 2_000 },
      ],
    });
    expect(replayed.ok && replayed.record).toEqual(session.record());
  });
});

describe('the host', () => {
  it('an invalid input reaches the error observer, and nothing is thrown a tick later', async () => {
    const errors: unknown[] = [];
    const actor = createActor(callMachine, { input: { to: 'nope', messages: [] } });
    actor.subscribe({ error: (error) => void errors.push(error) });
    actor.start();
    // XState throws an unobserved error from a zero-delay timer; vitest fails on an uncaught one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CallInputError);
  });
});
