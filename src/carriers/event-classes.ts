import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { callMachine } from '../../machines/call.machine.js';
import { CALL_EVENT_TYPES } from '../../machines/events.js';
import { TIMER_NAMES } from '../../machines/timers.js';

/**
 * The classes of events that provider replay relies on, read from a call machine's graph instead
 * of kept by hand beside it (issue 8): add an outcome or an event to the machine and every class
 * follows, or `eventClasses` throws naming what it cannot place.
 */
export interface EventClasses {
  /** Events that end the call in every state that handles them (every target is a final state). */
  readonly ending: ReadonlySet<string>;
  /**
   * Ending events that say why a ringing call ended unanswered: their target from the ringing
   * state is not the state the machine gives up in when the carrier says nothing (the dialing
   * state's own timer target). They win over a generic ending at the same moment.
   */
  readonly specificEnding: ReadonlySet<string>;
  /** Events handled only inside the answered state: they mean nothing before pickup and wait for it. */
  readonly afterPickupOnly: ReadonlySet<string>;
  /**
   * Detection verdicts: after-pickup events handled where the machine waits on a timer before any
   * message plays (detection, the beep). A verdict reported with the call's end was reached at pickup.
   */
  readonly verdicts: ReadonlySet<string>;
  /**
   * How far into a call each event is handled: the furthest rank (longest loop-free path from the
   * start) of a state that handles it; ending events come after every other. It orders callbacks
   * whose times tie.
   */
  readonly phase: ReadonlyMap<string, number>;
  /** Timers of the machine that replay leaves to the provider (their delay reads one of `providerTimeouts`). */
  readonly providerTimers: ReadonlySet<string>;
  /** The states (dotted paths) only a provider's signal ends in replay: their timer is a provider timer. */
  readonly waitingOnProvider: ReadonlySet<string>;
}

/** The state names the classes are read relative to: the first a call waits in, and the one a ring leads to. */
export interface MachineLandmarks {
  readonly dialing: string;
  readonly ringing: string;
  readonly answered: string;
}

/**
 * The input timeouts replay hands to the provider: its own timers decided when it gave up waiting
 * for the carrier, the ring and the detection, so only its signals end those waits.
 */
export const PROVIDER_TIMEOUTS: readonly string[] = ['carrierMs', 'proceedingMs', 'ringMs', 'amdMs'];

const LANDMARKS: MachineLandmarks = { dialing: 'dialing', ringing: 'ringing', answered: 'connected' };

function descendants(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states as Record<string, AnyStateNode>).flatMap(descendants)];
}

/** The leaf state a transition into `node` lands in (compound states enter their initial child). */
function landing(node: AnyStateNode): AnyStateNode {
  const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
  return node.type === 'compound' && initial !== undefined ? landing(initial) : node;
}

function targetsOf(node: AnyStateNode): AnyStateNode[] {
  const transitions = [...node.transitions.values()].flat();
  return [...transitions, ...(node.always ?? [])].flatMap((transition) => (transition.target ?? []) as AnyStateNode[]);
}

/**
 * Each state's rank in the call's progress: the longest path from the start to it once loops are
 * cut (a transition back to a state on the current path, like the playlist's next message, is a
 * loop). A compound state ranks as its earliest descendant.
 */
function ranks(machine: AnyStateMachine): Map<AnyStateNode, number> {
  const successors = (node: AnyStateNode) => {
    const targets = new Set<AnyStateNode>();
    for (let ancestor: AnyStateNode | undefined = node; ancestor !== undefined; ancestor = ancestor.parent)
      for (const target of targetsOf(ancestor)) targets.add(landing(target));
    for (const transition of node.after)
      for (const target of (transition.target ?? []) as AnyStateNode[]) targets.add(landing(target));
    return [...targets];
  };
  const start = landing(machine.root);
  const edges = new Map<AnyStateNode, AnyStateNode[]>();
  const onPath = new Set<AnyStateNode>();
  const finished: AnyStateNode[] = [];
  const visit = (node: AnyStateNode) => {
    onPath.add(node);
    const forward: AnyStateNode[] = [];
    edges.set(node, forward);
    for (const next of successors(node)) {
      if (onPath.has(next)) continue;
      forward.push(next);
      if (!edges.has(next)) visit(next);
    }
    onPath.delete(node);
    finished.push(node);
  };
  visit(start);
  const rank = new Map<AnyStateNode, number>([[start, 0]]);
  for (const node of finished.reverse()) {
    const here = rank.get(node) ?? 0;
    for (const next of edges.get(node) ?? []) rank.set(next, Math.max(rank.get(next) ?? 0, here + 1));
  }
  for (const node of descendants(machine.root).reverse()) {
    const reached = descendants(node)
      .map((child) => rank.get(child))
      .filter((value) => value !== undefined);
    if (reached.length > 0 && !rank.has(node)) rank.set(node, Math.min(...reached));
  }
  return rank;
}

/** The delay names whose value, for a context with only these timeouts set to a marker, is that marker. */
function timersReading(machine: AnyStateMachine, timeouts: readonly string[]): Set<string> {
  const marker = 987_654_321;
  const context = {
    config: {
      timeouts: Object.fromEntries(timeouts.map((name) => [name, marker])),
      messages: [],
    },
    messagesPlayed: 0,
  };
  const delays = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  return new Set(
    Object.entries(delays)
      .filter(([, delay]) => typeof delay === 'function' && delay({ context }) === marker)
      .map(([name]) => name),
  );
}

/**
 * Reads the event classes from a machine. `providerTimeouts` names the input timeouts replay hands
 * to the provider (the provider's own timers decided when it gave up).
 *
 * @example
 * eventClasses(callMachine).ending.has('carrier.busy'); // → true
 */
export function eventClasses(
  machine: AnyStateMachine,
  providerTimeouts: readonly string[] = PROVIDER_TIMEOUTS,
  landmarks: MachineLandmarks = LANDMARKS,
): EventClasses {
  const nodes = descendants(machine.root);
  const byId = (key: string) => {
    const node = nodes.find((candidate) => candidate.path.join('.') === key);
    if (node === undefined) throw new Error(`bug: the machine has no state "${key}" (event-classes.ts landmarks)`);
    return node;
  };
  const dialing = byId(landmarks.dialing);
  const ringing = byId(landmarks.ringing);
  const answered = new Set(descendants(byId(landmarks.answered)));
  const providerTimers = timersReading(machine, providerTimeouts);
  const configuredTimers = timersReading(machine, TIMER_NAMES);
  const handlers = new Map<string, { node: AnyStateNode; targets: AnyStateNode[] }[]>();
  for (const node of nodes) {
    for (const [type, transitions] of node.transitions) {
      if (type === '*' || type === 'call.ignore' || type.startsWith('xstate.')) continue;
      const targets = transitions.flatMap((transition) => (transition.target ?? []) as AnyStateNode[]);
      handlers.set(type, [...(handlers.get(type) ?? []), { node, targets }]);
    }
  }
  const giveUp = dialing.after.find((transition) => providerTimers.has(String(transition.delay)))?.target?.[0];
  const ending = new Set<string>();
  const specificEnding = new Set<string>();
  const afterPickupOnly = new Set<string>();
  const verdicts = new Set<string>();
  const rank = ranks(machine);
  const phase = new Map<string, number>();
  let furthest = 0;
  for (const [type, handled] of handlers) {
    if (handled.every(({ targets }) => targets.length > 0 && targets.every((target) => target.type === 'final'))) {
      ending.add(type);
      const fromRinging = handled.find(({ node }) => node === ringing)?.targets ?? [];
      if (fromRinging.length > 0 && fromRinging.every((target) => target !== giveUp)) specificEnding.add(type);
      continue;
    }
    const depth = Math.max(...handled.map(({ node }) => rank.get(node) ?? 0));
    phase.set(type, depth);
    furthest = Math.max(furthest, depth);
    if (!handled.every(({ node }) => answered.has(node))) continue;
    afterPickupOnly.add(type);
    // A verdict is awaited on a configured timeout (detection, the beep), not on a message's length.
    const awaited = ({ node }: { node: AnyStateNode }) =>
      node.after.length > 0 && node.after.every((transition) => configuredTimers.has(String(transition.delay)));
    if (handled.every(awaited)) verdicts.add(type);
  }
  for (const type of ending) phase.set(type, furthest + 1);
  const unplaced = CALL_EVENT_TYPES.filter((type) => !phase.has(type));
  if (unplaced.length > 0) throw new Error(`bug: no state of the machine handles ${unplaced.join(', ')}`);
  const waitingOnProvider = new Set(
    nodes
      .filter((node) => node.after.some((transition) => providerTimers.has(String(transition.delay))))
      .map((node) => node.path.join('.')),
  );
  return { ending, specificEnding, afterPickupOnly, verdicts, phase, providerTimers, waitingOnProvider };
}

/** The classes of the project's call machine. */
export const EVENT_CLASSES: EventClasses = eventClasses(callMachine);
