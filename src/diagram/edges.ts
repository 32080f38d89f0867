import type { DiagramOptions } from './options.js';
import { edgeLabel } from './labels.js';
import type { GraphEdge, GraphNode, MachineGraph } from './types.js';

/**
 * Transitions between the same states, drawn as one arrow with one label line per transition:
 * the call machine has four ways from `dialing` to `failed`, and four parallel arrows would
 * only be noise. Eventless (`always`) transitions get arrows of their own, dashed: sharing an
 * arrow with an event, a guarded `always` would read as a guard on that event.
 */
export interface EdgeGroup {
  readonly source: string;
  readonly target: string;
  readonly edges: readonly GraphEdge[];
}

/**
 * Groups the edges that have targets by (source, target, eventless or not); a multi-target edge
 * joins one group per target.
 */
export function edgeGroups(graph: MachineGraph): EdgeGroup[] {
  const groups = new Map<string, { source: string; target: string; edges: GraphEdge[] }>();
  for (const edge of graph.edges) {
    for (const target of edge.targets) {
      const key = JSON.stringify([edge.source, target, edge.kind === 'always']);
      const group = groups.get(key) ?? { source: edge.source, target, edges: [] };
      group.edges.push(edge);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/** The targetless transitions of each node (they run actions and stay): drawn inside or beside it. */
export function internalEdges(graph: MachineGraph): Map<string, GraphEdge[]> {
  const internal = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    if (edge.targets.length === 0) internal.set(edge.source, [...(internal.get(edge.source) ?? []), edge]);
  }
  return internal;
}

/** One label line: trace step numbers first (`#3 `), then the transition, then a count (` ×12`). */
export function edgeLine(
  edge: GraphEdge,
  steps: ReadonlyMap<string, readonly number[]>,
  options: DiagramOptions,
): string {
  const taken = steps.get(edge.id);
  const prefix = taken === undefined ? '' : `#${taken.join(',')} `;
  const count = options.edgeCounts === undefined ? '' : ` ×${options.edgeCounts.get(edge.id) ?? 0}`;
  return `${prefix}${edgeLabel(edge, options.details === true)}${count}`;
}

/** The node's ancestors from its parent up to the root. */
function ancestorsOf(graph: MachineGraph, id: string): GraphNode[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const chain: GraphNode[] = [];
  for (let parent = byId.get(id)?.parent ?? null; parent !== null; parent = byId.get(parent)?.parent ?? null) {
    const node = byId.get(parent);
    if (node !== undefined) chain.push(node);
  }
  return chain;
}

/** The deepest node that strictly contains both `a` and `b`: where an arrow between them is drawn. */
export function commonScope(graph: MachineGraph, a: string, b: string): string {
  const ofB = new Set(ancestorsOf(graph, b).map((node) => node.id));
  return ancestorsOf(graph, a).find((node) => ofB.has(node.id))?.id ?? graph.root;
}
