import { machineGraph, type MachineLike } from './graph.js';
import type { GraphEdge, GraphNode, MachineGraph } from './types.js';

/** One entry of a call record's timeline: at `at` ms the call entered leaf `state` on `event`. */
export interface TimelineStepLike {
  readonly at: number;
  /** A dotted leaf path from the root, e.g. `connected.playing.timedMessage`. */
  readonly state: string;
  /** An event type, `after:<delay>` for a timer, or `xstate.init`. */
  readonly event: string;
}

/** One step of a traced path: from a leaf to the next, and the edge that explains it. */
export interface TraceStep {
  readonly at: number;
  /** The node left (null for the first entry). */
  readonly from: string | null;
  readonly to: string;
  readonly event: string;
  /** The transition that fired, or null for the initial entry or a step no transition explains. */
  readonly edge: string | null;
}

/** The path one run took through a machine's graph. */
export interface TracePath {
  /** Every node entered (leaves and their ancestors), in the order first entered. */
  readonly nodes: readonly string[];
  /** The edges taken, in order; an edge taken twice appears twice. */
  readonly edges: readonly string[];
  readonly steps: readonly TraceStep[];
}

/** XState's event descriptor matching: exact, `*`, or a `prefix.*` wildcard. */
function descriptorMatches(descriptor: string, event: string): boolean {
  if (descriptor === '*' || descriptor === event) return true;
  if (!descriptor.endsWith('.*')) return false;
  const prefix = descriptor.slice(0, -2);
  return event === prefix || event.startsWith(`${prefix}.`);
}

function firesOn(edge: GraphEdge, event: string): boolean {
  if (edge.kind === 'always') return false;
  if (edge.kind === 'after') return edge.trigger === event;
  if (edge.kind === 'event') return edge.event !== null && descriptorMatches(edge.event, event);
  return edge.event === event;
}

/**
 * Maps a call record's `timeline` to the nodes visited and the edges taken. For a step from leaf A
 * to leaf B on event E, the edge is the first transition, looking from A up through its ancestors,
 * that fires on E (or an `always`, when A is a transient choice state left in the same step) and
 * whose target is B or an ancestor of B. A timeline state that is not in the machine is a bug of
 * the caller and throws.
 *
 * @example
 * const { record } = runScenario(scenario) as { ok: true; record: CallRecord };
 * const path = pathFromTimeline(callMachine, record.timeline);
 * path.edges; // → ['call.initiating/always/1', 'call.dialing/carrier.ringing/0', 'call.ringing/after:ringTimeout/0']
 */
export function pathFromTimeline(
  machine: MachineLike,
  timeline: readonly TimelineStepLike[],
  graph: MachineGraph = machineGraph(machine),
): TracePath {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const byPath = new Map(graph.nodes.map((node) => [node.path.join('.'), node]));
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);

  const lineage = (node: GraphNode): GraphNode[] => {
    const chain: GraphNode[] = [];
    for (
      let current: GraphNode | undefined = node;
      current !== undefined;
      current = current.parent === null ? undefined : byId.get(current.parent)
    )
      chain.push(current);
    return chain;
  };
  const covers = (target: string, node: GraphNode): boolean => lineage(node).some((ancestor) => ancestor.id === target);

  const visited = new Set<string>();
  const edges: string[] = [];
  const steps: TraceStep[] = [];
  let previous: { node: GraphNode; event: string } | null = null;
  for (const entry of timeline) {
    const node = byPath.get(entry.state);
    if (node === undefined)
      throw new Error(`the timeline's state "${entry.state}" is not a state of machine "${graph.machineId}"`);
    for (const ancestor of lineage(node).reverse()) visited.add(ancestor.id);
    let edge: GraphEdge | undefined;
    if (previous !== null) {
      const chain = lineage(previous.node);
      const onEvent = chain.flatMap((state) =>
        (outgoing.get(state.id) ?? []).filter((candidate) => firesOn(candidate, entry.event)),
      );
      const eventless = chain.flatMap((state) =>
        (outgoing.get(state.id) ?? []).filter((candidate) => candidate.kind === 'always'),
      );
      // A transient state entered on this same event was left by an eventless transition.
      const candidates =
        previous.event === entry.event && eventless.length > 0
          ? [...eventless, ...onEvent]
          : [...onEvent, ...eventless];
      edge = candidates.find((candidate) => candidate.targets.some((target) => covers(target, node)));
      if (edge !== undefined) edges.push(edge.id);
    }
    steps.push({
      at: entry.at,
      from: previous?.node.id ?? null,
      to: node.id,
      event: entry.event,
      edge: edge?.id ?? null,
    });
    previous = { node, event: entry.event };
  }
  return { nodes: [...visited], edges, steps };
}

/**
 * How often each edge was taken across many traced calls: the `edgeCounts` option of `toDot`,
 * `toSvg` and `toMermaid` (a campaign report's picture).
 *
 * @example
 * const counts = countEdges(records.map((record) => pathFromTimeline(callMachine, record.timeline, graph)));
 * const svg = await toSvg(graph, { edgeCounts: counts });
 */
export function countEdges(paths: Iterable<Pick<TracePath, 'edges'>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const path of paths) for (const edge of path.edges) counts.set(edge, (counts.get(edge) ?? 0) + 1);
  return counts;
}
