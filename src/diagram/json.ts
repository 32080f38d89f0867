import type { DiagramOptions } from './options.js';
import type { MachineGraph } from './types.js';

/**
 * The graph as JSON (`{ machineId, root, nodes, edges }`, see `MachineGraph`), pretty-printed; with a
 * `trace` or `edgeCounts`, they are added as `trace` and `edgeCounts` (an object by edge id).
 *
 * @example
 * JSON.parse(toJson(machineGraph(callMachine))).nodes[0].id; // → 'call'
 */
export function toJson(graph: MachineGraph, options: Pick<DiagramOptions, 'trace' | 'edgeCounts'> = {}): string {
  const extra = {
    ...(options.trace === undefined ? {} : { trace: options.trace }),
    ...(options.edgeCounts === undefined ? {} : { edgeCounts: Object.fromEntries(options.edgeCounts) }),
  };
  return `${JSON.stringify({ ...graph, ...extra }, null, 2)}\n`;
}
