import { and, createMachine, not, or, setup, stateIn } from 'xstate';
import { describe, expect, it } from 'vitest';
import { callMachine } from '../../machines/call.machine.js';
import { TIMER_DEFAULTS } from '../../machines/timers.js';
import { callDelayDefaults, callMachineGraph } from '../../src/diagram/call-machine.js';
import { formatDuration } from '../../src/diagram/duration.js';
import { isMachineLike, machineGraph } from '../../src/diagram/graph.js';
import { guardName } from '../../src/diagram/guard-name.js';
import { edgeLabel } from '../../src/diagram/labels.js';
import { fetchMachine, playerMachine, trafficLightMachine, wordMachine } from '../../examples/machines/index.js';
import { countFromRoot } from './support/count.js';

describe('machineGraph', () => {
  it.each([
    ['call', callMachine],
    ['traffic light', trafficLightMachine],
    ['fetch', fetchMachine],
    ['nested', playerMachine],
    ['parallel', wordMachine],
  ])('keeps every state and transition of the %s machine (counted from machine.root)', (_, machine) => {
    const graph = machineGraph(machine);
    const counted = countFromRoot(machine);
    expect(graph.nodes.slice(1).map((node) => node.key)).toEqual(counted.states);
    expect(graph.edges).toHaveLength(counted.transitions);
    expect(new Set(graph.edges.map((edge) => edge.id)).size).toBe(graph.edges.length);
    expect(new Set(graph.nodes.map((node) => node.id)).size).toBe(graph.nodes.length);
  });

  it('keeps the eventless transitions that toDirectedGraph drops', () => {
    const always = callMachineGraph().edges.filter((edge) => edge.kind === 'always');
    expect(always.map((edge) => `${edge.source} ${edgeLabel(edge)} → ${edge.targets.join()}`)).toMatchInlineSnapshot(`
      [
        "call.initiating [isBlacklisted] → call.blacklisted",
        "call.initiating [else] → call.dialing",
        "call.connected.screening [amdEnabled] → call.connected.detecting",
        "call.connected.screening [else] → call.connected.playing",
        "call.connected.playing.nextMessage [allMessagesPlayed] → call.connected.releasing",
        "call.connected.playing.nextMessage [messageIsTimed] → call.connected.playing.timedMessage",
        "call.connected.playing.nextMessage [else] → call.connected.playing.untimedMessage",
        "call.connected.voicemail.screening [hangUpOnVoicemail] → call.voicemailSkipped",
        "call.connected.voicemail.screening [else] → call.connected.voicemail.awaitingBeep",
        "call.connected.voicemail.leaving.nextMessage [allMessagesPlayed] → call.voicemailComplete",
        "call.connected.voicemail.leaving.nextMessage [messageIsTimed] → call.connected.voicemail.leaving.timedMessage",
        "call.connected.voicemail.leaving.nextMessage [else] → call.connected.voicemail.leaving.untimedMessage",
      ]
    `);
  });

  it('shows the call timers by name with the defaults of machines/timers.ts', () => {
    const defaults = callDelayDefaults();
    expect(Object.values(defaults).sort()).toEqual(Object.values(TIMER_DEFAULTS).sort());
    expect(defaults).not.toHaveProperty('messageDuration');
    const ringing = callMachineGraph().edges.find((edge) => edge.id === 'call.ringing/after:ringTimeout/0');
    expect(ringing === undefined ? null : edgeLabel(ringing)).toBe(
      `after ringTimeout (${formatDuration(TIMER_DEFAULTS.ringMs)})`,
    );
  });

  it('reads every node type, the initial child, meta and the status a final state declares', () => {
    const graph = callMachineGraph();
    const noAnswer = graph.nodes.find((node) => node.id === 'call.noAnswer');
    expect(noAnswer).toMatchObject({
      type: 'final',
      parent: 'call',
      meta: { outcome: { status: 'ABSENT', subStatus: 'NO_ANSWER' } },
    });
    expect(graph.nodes.find((node) => node.id === 'call.connected')).toMatchObject({
      type: 'compound',
      initial: 'call.connected.screening',
    });
    const player = machineGraph(playerMachine);
    expect(player.nodes.find((node) => node.key === 'resume')).toMatchObject({ type: 'history', history: 'deep' });
    expect(machineGraph(wordMachine).nodes[0]?.type).toBe('parallel');
  });

  it('names invoked actors, onDone/onError and numeric delays', () => {
    const labels = machineGraph(fetchMachine).edges.map((edge) => `${edge.kind}: ${edgeLabel(edge)}`);
    expect(labels).toContain('done: done: fetchData');
    expect(labels).toContain('error: error: fetchData');
    expect(labels).toContain('always: [!canRetry]');
    expect(labels).toContain('after: after retryBackoff [canRetry && isOnline]');
    expect(labels).toContain('event: RETRY [context.retries < 3]');
    expect(machineGraph(trafficLightMachine).edges.map((edge) => edgeLabel(edge))).toContain('after 5 s');
  });

  it('tells an XState machine from other values', () => {
    expect(isMachineLike(callMachine)).toBe(true);
    expect(isMachineLike({ id: 'x', root: {} })).toBe(false);
    expect(isMachineLike(null)).toBe(false);
  });
});

describe('guardName', () => {
  it('writes higher-order and inline guards readably', () => {
    expect(guardName(undefined)).toBeNull();
    expect(guardName('isReady')).toBe('isReady');
    expect(guardName({ type: 'isAbove', params: { n: 3 } })).toBe('isAbove(n: 3)');
    expect(guardName(and(['a', not('b')]))).toBe('a && !b');
    expect(guardName(or([and(['a', 'b']), 'c']))).toBe('(a && b) || c');
    expect(guardName(not(or(['a', 'b'])))).toBe('!(a || b)');
    expect(guardName(stateIn('#light.red'))).toBe('in(#light.red)');
    expect(guardName(({ context }: { context: { n: number } }) => context.n > 2)).toBe('context.n > 2');
    expect(
      guardName(function hasBudget() {
        return true;
      }),
    ).toBe('hasBudget');
    expect(
      guardName(() => {
        const x = 1;
        return x > 0;
      }),
    ).toBe('inline guard');
  });

  it('reads guards from a machine built with setup()', () => {
    const machine = setup({ guards: { ok: () => true } }).createMachine({
      initial: 'a',
      states: { a: { on: { GO: { guard: and(['ok', not('ok')]), target: 'b' } } }, b: {} },
    });
    expect(machineGraph(machine).edges[0]?.guard).toBe('ok && !ok');
    expect(
      machineGraph(createMachine({ initial: 'x', states: { x: { after: { 90000: 'x' } } } })).edges.map((edge) =>
        edgeLabel(edge),
      ),
    ).toEqual(['after 1 min 30 s']);
  });
});
