import { edgeGroups, edgeLine, internalEdges, type EdgeGroup } from './edges.js';
import { dotString } from './escape.js';
import { nodeLines, nodeOutcome } from './labels.js';
import { traceSteps, type DiagramOptions } from './options.js';
import {
  CLUSTER_SWATCH,
  EDGE_COLORS,
  FADED_COLOR,
  FADED_SWATCH,
  FINAL_SWATCH,
  NOTE_SWATCH,
  STATE_SWATCH,
  STATUS_SWATCHES,
  TRACE_COLOR,
  VISITED_SWATCH,
  type Swatch,
} from './style.js';
import type { GraphNode, MachineGraph } from './types.js';
import { legendDot } from './legend.js';

type Attrs = Record<string, string | number>;

function attrs(values: Attrs): string {
  return `[${Object.entries(values)
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'number' ? value : dotString(key === 'label' || key === 'xlabel' ? safeLabel(value) : value)}`,
    )
    .join(', ')}]`;
}

/**
 * A label whose first line is empty corrupts the memory of Graphviz 16.1 compiled to WebAssembly
 * when the element also has an SVG id or tooltip (the next layout then fails with "table index is
 * out of bounds"); a space on that blank line draws the same and avoids it.
 */
function safeLabel(label: string): string {
  return label.startsWith('\n') || label.startsWith('\r') ? ` ${label}` : label;
}

function swatchAttrs(swatch: Swatch): Attrs {
  return { fillcolor: swatch.fill, color: swatch.stroke, fontcolor: swatch.text };
}

/** Pseudo-node ids: a real id never holds `\` before a letter (keys escape only `.` and `\`). */
const anchorId = (id: string): string => `${id}\\initial`;
const noteId = (id: string): string => `${id}\\internal`;
/** Where a compound state's transitions into its own descendants start: "from any state of X". */
const anyStateId = (id: string): string => `${id}\\any`;

/** Whether some transition of `node` (a compound state) targets one of its own descendants. */
export function hasInwardEdges(graph: MachineGraph, node: GraphNode): boolean {
  return (
    node.children.length > 0 &&
    graph.edges.some(
      (edge) => edge.source === node.id && edge.targets.some((target) => target.startsWith(`${node.id}.`)),
    )
  );
}

/**
 * The machine as a Graphviz DOT digraph: compound and parallel states as clusters (parallel ones
 * dashed), a dot for each initial state, terminal states double-bordered and coloured by their
 * `meta.outcome.status` family, transitions between the same two states as one arrow with a line
 * per transition, coloured by kind (event, always, after, done, error). Every id and label is
 * quoted and escaped. `trace` highlights a run's path and numbers its steps; `edgeCounts` sets
 * line widths and `×N` counts.
 *
 * @example
 * const dot = toDot(machineGraph(callMachine), { direction: 'LR' });
 * dot.startsWith('digraph'); // → true
 */
export function toDot(graph: MachineGraph, options: DiagramOptions = {}): string {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const index = new Map(graph.nodes.map((node, position) => [node.id, position]));
  const steps = traceSteps(options.trace);
  const details = options.details === true;
  const visited = options.trace === undefined ? null : new Set(options.trace.nodes);
  const internal = internalEdges(graph);
  const isCluster = (node: GraphNode): boolean => node.children.length > 0;
  const lines: string[] = [];
  const title = options.title ?? graph.machineId;

  lines.push(`digraph ${dotString(graph.machineId)} {`);
  lines.push(
    `  graph ${attrs({ rankdir: options.direction ?? 'TB', compound: 'true', forcelabels: 'true', newrank: 'true', fontname: 'Helvetica', fontsize: 16, labelloc: 't', labeljust: 'l', label: title, nodesep: options.compact === true ? 0.15 : 0.3, ranksep: options.compact === true ? 0.3 : 0.5, pad: 0.3, bgcolor: 'white' })}`,
  );
  lines.push(
    `  node ${attrs({ shape: 'box', style: 'rounded,filled', fontname: 'Helvetica', fontsize: 11, margin: '0.12,0.05', ...swatchAttrs(STATE_SWATCH) })}`,
  );
  lines.push(
    `  edge ${attrs({ fontname: 'Helvetica', fontsize: 9, arrowsize: 0.7, color: EDGE_COLORS.event, fontcolor: EDGE_COLORS.event })}`,
  );

  const nodeSwatch = (node: GraphNode): Swatch => {
    if (visited !== null && !visited.has(node.id)) return FADED_SWATCH;
    if (node.type !== 'final') return visited === null ? STATE_SWATCH : VISITED_SWATCH;
    // A final state keeps its status colour in a trace: it is the answer to "how did it end?".
    return STATUS_SWATCHES[nodeOutcome(node)?.status ?? ''] ?? FINAL_SWATCH;
  };

  const emitChildren = (node: GraphNode, indent: string): void => {
    if (node.initial !== null || node.type === 'parallel') {
      const anchor =
        node.type === 'parallel' ? { style: 'invis' } : { style: 'filled', fillcolor: '#1a202c', color: '#1a202c' };
      lines.push(
        `${indent}${dotString(anchorId(node.id))} ${attrs({ shape: 'point', width: 0.12, label: '', ...anchor })}`,
      );
      const initialColor =
        visited === null || (node.initial !== null && visited.has(node.initial)) ? '#1a202c' : FADED_COLOR;
      const initialNode = node.initial === null ? undefined : byId.get(node.initial);
      if (initialNode !== undefined) {
        const head = isCluster(initialNode)
          ? { to: anchorId(initialNode.id), extra: { lhead: `cluster_${initialNode.id}` } }
          : { to: initialNode.id, extra: {} };
        lines.push(
          `${indent}${dotString(anchorId(node.id))} -> ${dotString(head.to)} ${attrs({ arrowsize: 0.6, color: initialColor, ...head.extra })}`,
        );
      }
    }
    if (hasInwardEdges(graph, node)) {
      lines.push(
        `${indent}${dotString(anyStateId(node.id))} ${attrs({ label: `from any state of ${node.label}`, style: 'rounded,dashed,filled', fontsize: 9, ...swatchAttrs(STATE_SWATCH) })}`,
      );
    }
    const own = internal.get(node.id);
    if (own !== undefined && isCluster(node)) {
      const text = [
        `${node.label} handles, staying where it is:`,
        ...own.map((edge) => edgeLine(edge, steps, options)),
      ].join('\n');
      lines.push(
        `${indent}${dotString(noteId(node.id))} ${attrs({ shape: 'note', style: 'filled', fontsize: 9, label: text, ...swatchAttrs(NOTE_SWATCH) })}`,
      );
    }
    for (const child of node.children) {
      const childNode = byId.get(child);
      if (childNode !== undefined) emitNode(childNode, indent);
    }
  };

  const emitNode = (node: GraphNode, indent: string): void => {
    const id = `s${index.get(node.id) ?? 0}`;
    if (isCluster(node)) {
      const swatch =
        visited === null
          ? CLUSTER_SWATCH
          : visited.has(node.id)
            ? { ...VISITED_SWATCH, fill: '#f0f6ff' }
            : FADED_SWATCH;
      lines.push(`${indent}subgraph ${dotString(`cluster_${node.id}`)} {`);
      lines.push(
        `${indent}  graph ${attrs({ id, label: nodeLines(node, details).join('\n'), tooltip: node.id, style: node.type === 'parallel' ? 'rounded,filled,dashed' : 'rounded,filled', fillcolor: swatch.fill, color: swatch.stroke, fontcolor: swatch.text, fontsize: 12, penwidth: visited?.has(node.id) === true ? 2 : 1 })}`,
      );
      emitChildren(node, `${indent}  `);
      lines.push(`${indent}}`);
      return;
    }
    const label = [
      ...nodeLines(node, details),
      ...(internal.get(node.id) ?? []).map((edge) => `⟲ ${edgeLine(edge, steps, options)}`),
    ].join('\n');
    const shape: Attrs =
      node.type === 'history' ? { shape: 'circle', width: 0.4 } : node.type === 'final' ? { peripheries: 2 } : {};
    const bold = visited?.has(node.id) === true ? { penwidth: node.type === 'final' ? 3 : 2 } : {};
    lines.push(
      `${indent}${dotString(node.id)} ${attrs({ id, label, tooltip: node.id, ...shape, ...swatchAttrs(nodeSwatch(node)), ...bold })}`,
    );
    for (const target of node.historyTarget) {
      const targetNode = byId.get(target);
      const head =
        targetNode !== undefined && isCluster(targetNode)
          ? { to: anchorId(target), extra: { lhead: `cluster_${target}` } }
          : { to: target, extra: {} };
      lines.push(
        `${indent}${dotString(node.id)} -> ${dotString(head.to)} ${attrs({ style: 'dotted', label: 'default', ...head.extra })}`,
      );
    }
  };

  const root = byId.get(graph.root);
  if (root === undefined) throw new Error('bug: the graph has no root node');
  if (root.children.length === 0) {
    // A machine with no child states is one state: its root-level handlers are drawn on it.
    lines.push(
      `  ${dotString(anchorId(root.id))} ${attrs({ shape: 'point', width: 0.12, label: '', style: 'filled', fillcolor: '#1a202c', color: '#1a202c' })}`,
      `  ${dotString(anchorId(root.id))} -> ${dotString(root.id)} ${attrs({ arrowsize: 0.6, color: '#1a202c' })}`,
    );
    emitNode(root, '  ');
  } else emitChildren(root, '  ');
  const groups = edgeGroups(graph);
  const maxCount = Math.max(1, ...groups.map((group) => groupCount(group, options)));
  for (const [position, group] of groups.entries()) {
    lines.push(`  ${edgeStatement(group, position, { byId, steps, options, maxCount })}`);
  }
  if (options.legend !== false) lines.push(...legendDot(graph, options).map((line) => `  ${line}`));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function groupCount(group: EdgeGroup, options: DiagramOptions): number {
  return group.edges.reduce((sum, edge) => sum + (options.edgeCounts?.get(edge.id) ?? 0), 0);
}

interface EdgeContext {
  readonly byId: ReadonlyMap<string, GraphNode>;
  readonly steps: ReadonlyMap<string, readonly number[]>;
  readonly options: DiagramOptions;
  readonly maxCount: number;
}

/** One arrow; an arrow to or from a cluster ends at its border (`lhead`/`ltail` on its anchor). */
function edgeStatement(group: EdgeGroup, position: number, context: EdgeContext): string {
  const { byId, steps, options } = context;
  const source = byId.get(group.source);
  const target = byId.get(group.target);
  const clusterEnds: Attrs = {};
  let from = group.source;
  let to = group.target;
  const inside = (outer: string, inner: string): boolean => inner.startsWith(`${outer}.`);
  if (source !== undefined && source.children.length > 0) {
    if (inside(group.source, group.target)) {
      from = anyStateId(group.source);
    } else {
      from = anchorId(group.source);
      clusterEnds.ltail = `cluster_${group.source}`;
    }
  }
  if (group.source === group.target && source !== undefined && source.children.length > 0) {
    // A compound state re-entering itself: a loop on its anchor (Graphviz cannot clip to one cluster twice).
    from = anchorId(group.source);
    to = from;
    delete clusterEnds.ltail;
  } else if (target !== undefined && target.children.length > 0 && inside(group.target, group.source)) {
    // Into an enclosing compound state (it is re-entered): the arrow ends at its initial dot.
    to = anchorId(group.target);
  } else if (target !== undefined && target.children.length > 0) {
    to = anchorId(group.target);
    clusterEnds.lhead = `cluster_${group.target}`;
  }
  const kinds = new Set(group.edges.map((edge) => edge.kind));
  const kind = kinds.size === 1 ? ([...kinds][0] ?? 'event') : 'event';
  let color: string = EDGE_COLORS[kind];
  let penwidth = 1;
  if (options.trace !== undefined) {
    const taken = group.edges.some((edge) => steps.has(edge.id));
    color = taken ? TRACE_COLOR : FADED_COLOR;
    penwidth = taken ? 2.5 : 1;
  }
  if (options.edgeCounts !== undefined) {
    const count = groupCount(group, options);
    penwidth = count === 0 ? 0.6 : 1 + 5 * Math.sqrt(count / context.maxCount);
    if (count === 0 && options.trace === undefined) color = FADED_COLOR;
  }
  const label = group.edges.map((edge) => edgeLine(edge, steps, options)).join('\n');
  const style = kind === 'always' ? 'dashed' : 'solid';
  // An arrow clipped at a cluster's border (lhead/ltail) keeps a `label` where the unclipped arrow
  // ran, deep inside the cluster and far from what is drawn; an `xlabel` is placed beside the
  // drawn arrow after clipping (measured in test/diagram/defects.test.ts).
  const clipped = clusterEnds.lhead !== undefined || clusterEnds.ltail !== undefined || options.compact === true;
  return `${dotString(from)} -> ${dotString(to)} ${attrs({ id: `e${position}`, [clipped ? 'xlabel' : 'label']: label, tooltip: group.edges.map((edge) => edge.id).join('\n'), color, fontcolor: color, penwidth: Math.round(penwidth * 100) / 100, style, ...clusterEnds })}`;
}
