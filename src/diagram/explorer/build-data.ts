import { edgeGroups } from '../edges.js';
import { edgeLabel } from '../labels.js';
import type { TraceStep } from '../path.js';
import type { MachineGraph } from '../types.js';
import type { ExplorerData } from './data.js';

/** The kinds of transition a button can take by sending their event (snapshots carry data a button has not). */
const SENDABLE = new Set(['event', 'after', 'done', 'error']);

/**
 * The explorer's data from a graph (and, for a recorded call, its traced steps). SVG ids follow
 * `toDot`: node `s<index in graph.nodes>`, arrow `e<index in edgeGroups>`.
 *
 * @example
 * const data = explorerData(graph, { title: 'call', live: true });
 */
export function explorerData(
  graph: MachineGraph,
  options: { readonly title: string; readonly live: boolean; readonly steps?: readonly TraceStep[] },
): ExplorerData {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const lineage = (id: string): string[] => {
    const chain: string[] = [];
    for (
      let current = byId.get(id);
      current !== undefined;
      current = current.parent === null ? undefined : byId.get(current.parent)
    )
      chain.unshift(current.id);
    return chain;
  };
  return {
    title: options.title,
    nodes: graph.nodes.map((node, index) => ({
      id: node.id,
      path: node.path,
      svgId: `s${index}`,
      label: node.label,
      parent: node.parent,
    })),
    arrows: edgeGroups(graph).map((group, index) => ({
      svgId: `e${index}`,
      source: group.source,
      target: group.target,
      edges: group.edges.map((edge) => edge.id),
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      targets: edge.targets,
      kind: edge.kind,
      event:
        SENDABLE.has(edge.kind) && edge.event !== null && !edge.event.startsWith('xstate.done.state.')
          ? edge.event
          : null,
      label: edgeLabel(edge),
    })),
    trace: (options.steps ?? []).map((step) => ({
      at: step.at,
      label: `${step.event === 'xstate.init' ? 'start' : step.event} → ${byId.get(step.to)?.path.join('.') ?? step.to}`,
      active: lineage(step.to),
      edge: step.edge,
    })),
    live: options.live,
  };
}
