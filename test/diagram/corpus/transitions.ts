import type { MachineGraph } from '../../../src/diagram/types.js';

/** The graph's transitions in the corpus notation (`source trigger -> targets`). */
export function transitionsOf(graph: MachineGraph): string[] {
  const path = new Map(graph.nodes.map((node) => [node.id, node.path.join('.') || '(root)']));
  return graph.edges.map(
    (edge) =>
      `${path.get(edge.source)} ${edge.trigger} -> ${edge.targets.map((target) => path.get(target)).join(',') || '(stays)'}`,
  );
}
