import { transition, type ActorLogic, type AnyStateNode, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { callMachine, statePath, type CallMachine } from '../../machines/call.machine.js';
import { CALL_EVENT_TYPES, type CallEvent, type CallMachineEvent } from '../../machines/events.js';
import type { CallInput } from '../../machines/input.js';
import { routeEvent } from '../../machines/route-event.js';
import { VALID_OUTCOMES, outcomeKey } from '../../src/taxonomy/index.js';

// Exhaustive traversal of the call machine's bounded state space with xstate/graph: the state is
// its value plus the message index (time and the record lists are left out of the key, or the
// space would be infinite). Each input below switches the machine's guards one way; together they
// switch every guard both ways.

type CallSnapshot = SnapshotFrom<CallMachine>;

const INPUTS: CallInput[] = [true, false].flatMap((amd) =>
  (['leave', 'hangup'] as const).flatMap((voicemail) =>
    [true, false].map((blacklisted) => ({
      to: '+33612345678',
      // One timed and one untimed message, so both playback states and both ends are reachable.
      messages: [{ id: 'timed', durationMs: 4000 }, { id: 'untimed' }],
      amd,
      voicemail,
      blacklisted,
    })),
  ),
);

function allNodes(node: AnyStateNode = callMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child))];
}

function activeNodes(snapshot: CallSnapshot): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  for (
    let node: AnyStateNode | undefined = callMachine.getStateNodeById(`call.${statePath(snapshot.value)}`);
    node;
    node = node.parent
  )
    nodes.push(node);
  return nodes;
}

/**
 * Every event the machine knows, one with a payload its guard rejects (each routed as the runners
 * send it: one the state does not handle as `call.ignore`), and the pending timers.
 */
function eventsFor(snapshot: CallSnapshot): CallMachineEvent[] {
  if (snapshot.status === 'done') return [];
  const timers = activeNodes(snapshot).flatMap((node) =>
    node.after.map((t) => ({ type: t.eventType }) as unknown as CallEvent),
  );
  const events: CallEvent[] = [
    ...CALL_EVENT_TYPES.map((type) => ({ type }) as CallEvent),
    { type: 'playback.ended', messageId: 'not-playing' },
  ];
  return [...events.map((event) => routeEvent(snapshot, event)), ...timers];
}

const serializeState = (snapshot: CallSnapshot) => JSON.stringify([snapshot.value, snapshot.context.messagesPlayed]);

interface Exploration {
  vertices: CallSnapshot[];
  edges: Array<{ from: string; to: string }>;
  taken: Set<unknown>;
}

// xstate/graph's ActorLogic has no parameter for emitted events, so it does not take a machine
// that emits typed ones as it is.
const traversable = callMachine as unknown as ActorLogic<CallSnapshot, CallMachineEvent, CallInput>;

function explore(input: CallInput): Exploration {
  const map = getAdjacencyMap(traversable, { input, events: eventsFor, serializeState });
  const exploration: Exploration = { vertices: [], edges: [], taken: new Set() };
  for (const [key, { state, transitions }] of Object.entries(map)) {
    exploration.vertices.push(state);
    for (const { event, state: next } of Object.values(transitions) as Array<{
      event: CallEvent;
      state: CallSnapshot;
    }>) {
      exploration.edges.push({ from: key, to: serializeState(next) });
      for (const transition of callMachine.getTransitionData(state, event)) exploration.taken.add(transition);
    }
  }
  return exploration;
}

const explorations = INPUTS.map(explore);
const vertices = explorations.flatMap((e) => e.vertices);
const taken = new Set(explorations.flatMap((e) => [...e.taken]));
// Eventless transitions run inside a step, so they show in the timelines the steps wrote.
const timelines = vertices.map((snapshot) => snapshot.context.timeline.map((step) => step.state));

function takenAlways(source: AnyStateNode, target: AnyStateNode): boolean {
  const from = source.path.join('.');
  const to = target.path.join('.');
  return timelines.some((states) =>
    states.some((state, i) => state === from && (states[i + 1] === to || states[i + 1]?.startsWith(`${to}.`))),
  );
}

describe('exhaustive traversal of the call machine', () => {
  it('stays bounded', () => {
    expect(vertices.length).toBeGreaterThan(20);
    expect(vertices.length).toBeLessThan(500);
  });

  it('reaches every state', () => {
    const visited = new Set(timelines.flat());
    const leaves = allNodes().filter((node) => node.type === 'atomic' || node.type === 'final');
    const missing = leaves.map((node) => node.path.join('.')).filter((path) => !visited.has(path));
    expect(missing).toEqual([]);
  });

  it('takes every transition', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const node of allNodes()) {
      for (const [event, transitions] of node.transitions) {
        for (const definition of transitions) {
          checked++;
          if (!taken.has(definition)) missing.push(`${node.id} on ${event}`);
        }
      }
      for (const definition of node.always ?? []) {
        checked++;
        const target = definition.target?.[0];
        if (target === undefined || !takenAlways(node, target)) missing.push(`${node.id} always → ${target?.id}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(40); // the walk did see the machine
  });

  it('reaches every valid outcome, and nothing else', () => {
    const reached = new Set(
      vertices
        .filter((s) => s.status === 'done')
        .map((s) => (s.output === undefined ? 'done without an output' : outcomeKey(s.output))),
    );
    expect([...reached].sort()).toEqual(VALID_OUTCOMES.map(outcomeKey).sort());
  });

  it('can reach a terminal state from every reachable state', () => {
    for (const { vertices: own, edges } of explorations) {
      const canEnd = new Set(own.filter((s) => s.status === 'done').map(serializeState));
      for (let grew = true; grew; ) {
        grew = false;
        for (const { from, to } of edges) {
          if (canEnd.has(to) && !canEnd.has(from)) {
            canEnd.add(from);
            grew = true;
          }
        }
      }
      const stuck = own.map(serializeState).filter((key) => !canEnd.has(key));
      expect(stuck).toEqual([]);
    }
  });

  it('never leaves a terminal state', () => {
    for (const snapshot of vertices.filter((s) => s.status === 'done')) {
      expect(eventsFor(snapshot)).toEqual([]);
      for (const type of CALL_EVENT_TYPES) {
        const [next] = transition(callMachine, snapshot, { type } as CallEvent);
        expect(next.value).toEqual(snapshot.value);
        expect(next.output).toEqual(snapshot.output);
      }
    }
  });
});
