import { actionName } from './action-name.js';
import { guardName } from './guard-name.js';
import type { EdgeKind, GraphEdge, GraphNode, MachineGraph, NodeType } from './types.js';

/**
 * The parts of an XState v5 state node this module reads. Typed structurally so that a machine
 * built with another copy of xstate (a user's own module) is read the same way.
 */
interface StateNodeLike {
  readonly key: string;
  readonly id: string;
  readonly type: NodeType;
  readonly path: readonly string[];
  readonly states: Readonly<Record<string, StateNodeLike>>;
  readonly parent?: StateNodeLike;
  readonly history: false | 'shallow' | 'deep';
  readonly meta?: unknown;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly config: { readonly target?: unknown; readonly invoke?: unknown };
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly transitions: ReadonlyMap<string, readonly TransitionLike[]>;
  readonly always?: readonly TransitionLike[];
  readonly after: readonly (TransitionLike & { readonly delay: unknown })[];
  readonly initial?: { readonly target: readonly StateNodeLike[] };
  readonly invoke: readonly { readonly id: string; readonly src: unknown }[];
}

interface TransitionLike {
  readonly eventType: string;
  readonly target?: readonly StateNodeLike[] | undefined;
  readonly guard?: unknown;
  readonly reenter: boolean;
  readonly actions: readonly unknown[];
  readonly description?: string | undefined;
}

/** The parts of an XState v5 machine this module reads. Any `createMachine`/`setup` result fits. */
export interface MachineLike {
  readonly id: string;
  readonly root: unknown;
  readonly implementations?: { readonly delays?: Readonly<Record<string, unknown>> };
}

/** Options of `machineGraph`. */
export interface MachineGraphOptions {
  /**
   * Values in ms to show for named delays whose implementation is a function of context (the
   * machine's defaults, say). A named delay implemented as a number is read without help.
   * @defaultValue `{}`
   */
  readonly delayDefaults?: Readonly<Record<string, number>>;
}

const DONE_STATE = 'xstate.done.state.';
const DONE_ACTOR = 'xstate.done.actor.';
const ERROR_ACTOR = 'xstate.error.actor.';
const SNAPSHOT = 'xstate.snapshot.';
/** XState v5 names logic written inline in `invoke` `xstate.invoke.<index>.<state id>`. */
const INLINE_SRC = 'xstate.invoke.';

/** A key inside an id: `.` and `\` are escaped with `\`, as XState's target paths read them. */
function escapeKey(key: string): string {
  return key.replace(/[\\.]/g, '\\$&');
}

/** Whether a value looks like an XState v5 machine (structurally, so any copy of xstate counts). */
export function isMachineLike(value: unknown): value is MachineLike {
  if (typeof value !== 'object' || value === null) return false;
  const root = (value as { root?: unknown }).root as Partial<StateNodeLike> | undefined;
  return (
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof root === 'object' &&
    root !== null &&
    root.transitions instanceof Map &&
    typeof root.states === 'object' &&
    typeof (value as { getInitialSnapshot?: unknown }).getInitialSnapshot === 'function'
  );
}

/** `meta` without functions, cycles or `undefined`, so the graph stays JSON data. */
function plain(value: unknown, seen: Set<unknown>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object') return undefined;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => plain(item, seen) ?? null);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = plain(item, seen);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** An invoked actor's name: its `src` key, or `inline` for logic written in the config. */
function srcName(src: unknown): string {
  return typeof src === 'string' && !src.startsWith(INLINE_SRC) ? src : 'inline';
}

/** The trigger and kind of a `transitions` map key; invoked actors are named by their `src`. */
function triggerOf(eventType: string, invokeNames: ReadonlyMap<string, string>): { kind: EdgeKind; trigger: string } {
  if (eventType.startsWith(DONE_STATE)) return { kind: 'done', trigger: 'done' };
  if (eventType.startsWith(DONE_ACTOR)) {
    const id = eventType.slice(DONE_ACTOR.length);
    return { kind: 'done', trigger: `done:${invokeNames.get(id) ?? id}` };
  }
  if (eventType.startsWith(ERROR_ACTOR)) {
    const id = eventType.slice(ERROR_ACTOR.length);
    return { kind: 'error', trigger: `error:${invokeNames.get(id) ?? id}` };
  }
  if (eventType.startsWith(SNAPSHOT)) {
    const id = eventType.slice(SNAPSHOT.length);
    if (invokeNames.has(id)) return { kind: 'snapshot', trigger: `snapshot:${invokeNames.get(id)}` };
  }
  return { kind: 'event', trigger: eventType };
}

/**
 * Reads any XState v5 machine into a plain graph of nodes (states) and edges (transitions),
 * walking `machine.root` so that eventless (`always`), delayed (`after`) and `onDone` transitions
 * are all kept (`toDirectedGraph` and `toJSON` drop `always`). Browser-safe.
 *
 * @example
 * const graph = machineGraph(callMachine);
 * graph.nodes.find((node) => node.id === 'call.ringing')?.type; // → 'atomic'
 * graph.edges.find((edge) => edge.id === 'call.ringing/after:ringTimeout/0')?.targets; // → ['call.noAnswer']
 */
export function machineGraph(machine: MachineLike, options: MachineGraphOptions = {}): MachineGraph {
  const root = machine.root as StateNodeLike;
  const ids = new Map<StateNodeLike, string>();
  const order: StateNodeLike[] = [];
  const visit = (node: StateNodeLike, id: string): void => {
    ids.set(node, id);
    order.push(node);
    for (const [key, child] of Object.entries(node.states)) visit(child, `${id}.${escapeKey(key)}`);
  };
  visit(root, escapeKey(machine.id));
  const idOf = (node: StateNodeLike): string => {
    const id = ids.get(node);
    if (id === undefined) throw new Error(`bug: state node ${node.id} is not under the machine's root`);
    return id;
  };
  const delays = machine.implementations?.delays ?? {};
  const delayDefaults = options.delayDefaults ?? {};

  const nodes: GraphNode[] = order.map((node) => nodeOf(node, idOf, root));
  const edges: GraphEdge[] = [];
  for (const node of order) {
    const source = idOf(node);
    const invokeNames = new Map(node.invoke.map((invoke) => [invoke.id, srcName(invoke.src)]));
    const afterEvents = new Set(node.after.map((transition) => transition.eventType));
    const counters = new Map<string, number>();
    const push = (
      transition: TransitionLike,
      kind: EdgeKind,
      trigger: string,
      extra: Partial<GraphEdge> = {},
    ): void => {
      const index = counters.get(trigger) ?? 0;
      counters.set(trigger, index + 1);
      edges.push({
        id: `${source}/${trigger}/${index}`,
        source,
        targets: (transition.target ?? []).map(idOf),
        kind,
        trigger,
        event: kind === 'always' ? null : transition.eventType,
        guard: guardName(transition.guard),
        delayMs: null,
        delayName: null,
        reenter: transition.reenter,
        actions: transition.actions.map(actionName),
        description: transition.description ?? null,
        order: index,
        ...extra,
      });
    };
    for (const [eventType, transitions] of node.transitions) {
      if (afterEvents.has(eventType)) continue;
      const { kind, trigger } = triggerOf(eventType, invokeNames);
      for (const transition of transitions) push(transition, kind, trigger);
    }
    for (const transition of node.after) {
      const { delay } = transition;
      const delayName = typeof delay === 'string' ? delay : typeof delay === 'function' ? delay.name || 'delay' : null;
      const implemented = delayName === null ? undefined : delays[delayName];
      const delayMs =
        typeof delay === 'number'
          ? delay
          : typeof implemented === 'number'
            ? implemented
            : delayName === null
              ? null
              : (delayDefaults[delayName] ?? null);
      push(transition, 'after', `after:${delayName ?? String(delay)}`, { delayMs, delayName });
    }
    for (const transition of node.always ?? []) push(transition, 'always', 'always');
  }
  return { machineId: machine.id, root: idOf(root), nodes, edges };
}

function nodeOf(node: StateNodeLike, idOf: (node: StateNodeLike) => string, root: StateNodeLike): GraphNode {
  const children = Object.values(node.states);
  const initial = node.type === 'compound' ? node.initial?.target[0] : undefined;
  const meta = plain(node.meta, new Set());
  return {
    id: idOf(node),
    path: node.path,
    key: node === root ? root.id : node.key,
    label: node === root ? root.id : node.key,
    type: node.type,
    parent: node.parent === undefined ? null : idOf(node.parent),
    children: children.map(idOf),
    initial: initial === undefined ? null : idOf(initial),
    history: node.history === false ? null : node.history,
    historyTarget: node.type === 'history' ? historyTargets(node).map(idOf) : [],
    invokes: node.invoke.map((invoke) => srcName(invoke.src)),
    invocations: node.invoke.map((invoke) => ({ id: invoke.id, src: srcName(invoke.src) })),
    entry: node.entry.map(actionName),
    exit: node.exit.map(actionName),
    tags: [...node.tags],
    description: node.description ?? null,
    meta: typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? (meta as Record<string, unknown>) : null,
  };
}

/**
 * A history node's default target, resolved among its siblings; without one, what XState enters
 * when there is no history yet: the parent's initial state, or every region of a parallel parent
 * (SCXML requires this default transition to be written).
 */
function historyTargets(node: StateNodeLike): StateNodeLike[] {
  const declared = declaredHistoryTargets(node);
  if (declared.length > 0 || node.parent === undefined) return declared;
  const parent = node.parent;
  if (parent.type === 'parallel') return Object.values(parent.states).filter((child) => child.type !== 'history');
  return parent.initial?.target.slice(0, 1) ?? [];
}

function declaredHistoryTargets(node: StateNodeLike): StateNodeLike[] {
  const raw = node.config.target;
  const targets = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const found: StateNodeLike[] = [];
  for (const target of targets) {
    if (typeof target !== 'string' || node.parent === undefined) continue;
    let current: StateNodeLike | undefined = node.parent;
    for (const key of target.split('.')) current = current?.states[key];
    if (current !== undefined) found.push(current);
  }
  return found;
}
