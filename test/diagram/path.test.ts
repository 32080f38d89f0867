import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { callMachine } from '../../machines/call.machine.js';
import { CALL_EVENT_TYPES } from '../../machines/events.js';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { countEdges, pathFromTimeline } from '../../src/diagram/path.js';
import { runScenario } from '../../src/scenario/run.js';
import { callInput, replay } from '../support/calls.js';

const graph = callMachineGraph();
const byId = new Map(graph.edges.map((edge) => [edge.id, edge]));

describe('pathFromTimeline', () => {
  it('traces a call nobody answered: dialing, ringing, then the ring timeout', () => {
    const record = replay(callInput(), [{ at: 1500, type: 'carrier.ringing' }]);
    const path = pathFromTimeline(callMachine, record.timeline);
    expect(path.edges).toEqual([
      'call.initiating/always/1',
      'call.dialing/carrier.ringing/0',
      'call.ringing/after:ringTimeout/0',
    ]);
    expect(path.nodes).toEqual(['call', 'call.initiating', 'call.dialing', 'call.ringing', 'call.noAnswer']);
  });

  it('traces a voicemail left after the beep, through nested states and eventless choices', () => {
    const record = replay(callInput({ messages: [{ id: 'intro', durationMs: 5000 }] }), [
      { at: 1000, type: 'carrier.ringing' },
      { at: 4000, type: 'carrier.answered' },
      { at: 6000, type: 'amd.machine' },
      { at: 9000, type: 'voicemail.beep' },
    ]);
    expect(pathFromTimeline(callMachine, record.timeline).edges).toMatchInlineSnapshot(`
      [
        "call.initiating/always/1",
        "call.dialing/carrier.ringing/0",
        "call.ringing/carrier.answered/0",
        "call.connected.screening/always/0",
        "call.connected.detecting/amd.machine/0",
        "call.connected.voicemail.screening/always/1",
        "call.connected.voicemail.awaitingBeep/voicemail.beep/0",
        "call.connected.voicemail.leaving.nextMessage/always/1",
        "call.connected.voicemail.leaving.timedMessage/after:messageDuration/0",
        "call.connected.voicemail.leaving.nextMessage/always/0",
      ]
    `);
  });

  it('finds a transition declared on an ancestor (a hangup while playing)', () => {
    const record = replay(callInput({ amd: false }), [
      { at: 1000, type: 'carrier.answered' },
      { at: 2000, type: 'recipient.hangup' },
    ]);
    expect(pathFromTimeline(callMachine, record.timeline).edges.at(-1)).toBe(
      'call.connected.playing/recipient.hangup/0',
    );
  });

  it('counts the edges many calls took, for a campaign picture', () => {
    const busy = replay(callInput(), [{ at: 900, type: 'carrier.busy' }]);
    const noAnswer = replay(callInput(), [{ at: 1500, type: 'carrier.ringing' }]);
    const counts = countEdges(
      [busy, busy, noAnswer].map((record) => pathFromTimeline(callMachine, record.timeline, graph)),
    );
    expect(Object.fromEntries(counts)).toEqual({
      'call.initiating/always/1': 3,
      'call.dialing/carrier.busy/0': 2,
      'call.dialing/carrier.ringing/0': 1,
      'call.ringing/after:ringTimeout/0': 1,
    });
  });

  it('throws on a timeline that is not from this machine', () => {
    expect(() => pathFromTimeline(callMachine, [{ at: 0, state: 'nowhere', event: 'xstate.init' }])).toThrow(
      '"nowhere" is not a state of machine "call"',
    );
  });

  const event = fc.record({ gap: fc.integer({ min: 0, max: 20_000 }), type: fc.constantFrom(...CALL_EVENT_TYPES) });
  test.prop([fc.array(event, { maxLength: 8 }), fc.boolean(), fc.constantFrom('leave', 'hangup')])(
    'every step of any replayed call is explained by an edge whose target holds the next state',
    (events, amd, voicemail) => {
      let at = 0;
      const timed = events.map(({ gap, type }) => {
        at += gap;
        return { at, type };
      });
      const result = runScenario({
        call: callInput({ amd, voicemail, messages: [{ id: 'a', durationMs: 3000 }, { id: 'b' }] }),
        events: timed,
      });
      if (!result.ok) return;
      const path = pathFromTimeline(callMachine, result.record.timeline, graph);
      expect(path.steps.slice(1).every((step) => step.edge !== null)).toBe(true);
      for (const step of path.steps.slice(1)) {
        const edge = byId.get(step.edge ?? '');
        expect(edge?.targets.some((target) => step.to === target || step.to.startsWith(`${target}.`))).toBe(true);
      }
      expect(path.nodes.at(-1)).toBe(`call.${result.record.timeline.at(-1)?.state}`);
    },
  );
});
