/**
 * Diagrams drawn from any XState v5 machine: a plain graph (`machineGraph`), exporters to Mermaid,
 * DOT, SVG (WebAssembly Graphviz), SCXML and JSON, and the path one call took (`pathFromTimeline`).
 * Browser-safe: nothing here imports from `node:`.
 */
export { machineGraph, isMachineLike } from './graph.js';
export type { MachineGraphOptions, MachineLike } from './graph.js';
export type { EdgeKind, GraphEdge, GraphNode, MachineGraph, NodeType } from './types.js';
export { countEdges, pathFromTimeline } from './path.js';
export type { TimelineStepLike, TracePath, TraceStep } from './path.js';
export type { DiagramOptions } from './options.js';
export { toMermaid } from './mermaid.js';
export { toDot } from './dot.js';
export { toSvg, loadGraphviz } from './svg.js';
export { toScxml, SCXML_EXTENSION_NS } from './scxml.js';
export { toJson } from './json.js';
export { edgeLabel } from './labels.js';
export { guardName } from './guard-name.js';
export { callDelayDefaults, callMachineGraph, traceTitle } from './call-machine.js';
