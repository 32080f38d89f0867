/**
 * Diagrams drawn from any XState v5 machine: a plain graph (`machineGraph`), exporters to Mermaid,
 * DOT, SVG (WebAssembly Graphviz), SCXML and JSON, the path one call took (`pathFromTimeline`),
 * a call's ladder (`callLadder`, as Mermaid or SVG) and the explorer page's parts.
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
export { toScxml, SCXML_EXTENSION_NS, SCXML_XSTATE_INVOKE_TYPE } from './scxml.js';
export { toJson } from './json.js';
export { edgeLabel } from './labels.js';
export { guardName } from './guard-name.js';
export {
  decodeXmlName,
  dotString,
  encodeXmlName,
  scxmlEventToken,
  mermaidStateLabel,
  mermaidText,
  mermaidTitle,
  xmlText,
} from './escape.js';
export { CALL_EXPLORER_INPUT, callDelayDefaults, callMachineGraph, traceTitle } from './call-machine.js';
export { callLadder } from './ladder.js';
export type { Ladder, LadderEventLike, LadderMessage, LadderParty, LadderRecordLike } from './ladder.js';
export { ladderToMermaid } from './ladder-mermaid.js';
export { ladderToSvg } from './ladder-svg.js';
export { explorerData } from './explorer/build-data.js';
export type { ExplorerData } from './explorer/data.js';
export { explorerPage } from './explorer/page.js';
export type { ExplorerPageParts } from './explorer/page.js';
// The explorer page as the CLI writes it (bundled with esbuild) is Node-only: src/diagram/node/explorer.ts.
