import { commonScope, edgeGroups, edgeLine, internalEdges } from './edges.js';
import { hasInwardEdges } from './dot.js';
import { mermaidStateLabel, mermaidText, mermaidTitle } from './escape.js';
import { nodeLines, nodeOutcome } from './labels.js';
import { traceSteps, type DiagramOptions } from './options.js';
import {
  FADED_SWATCH,
  FINAL_SWATCH,
  NOTE_SWATCH,
  STATUS_SWATCHES,
  VISITED_SWATCH,
  statusClass,
  type Swatch,
} from './style.js';
import type { GraphNode, MachineGraph } from './types.js';

function compositeLabel(node: GraphNode, details: boolean): string {
  return nodeLines(node, details)
    .flatMap((line) => line.split('\n'))
    .map(mermaidText)
    .join('<br>');
}

function classDef(name: string, swatch: Swatch, extra = ''): string {
  return `classDef ${name} fill:${swatch.fill},stroke:${swatch.stroke},color:${swatch.text}${extra}`;
}

/**
 * The machine as a Mermaid `stateDiagram-v2` (GitHub renders it in Markdown). States get safe
 * synthetic ids (`s0`, `s1`, …) and their real names as labels (`state "label" as s3`); compound
 * states nest, parallel regions are separated by `--`, `[*]` marks initial and final states, and
 * terminal states are coloured by their `meta.outcome.status`. Labels are entity-encoded (see
 * `mermaidText`). With `trace`, visited states are highlighted and taken transitions numbered.
 *
 * @example
 * const text = toMermaid(machineGraph(callMachine));
 * text.startsWith('stateDiagram-v2'); // → true
 */
export function toMermaid(graph: MachineGraph, options: DiagramOptions = {}): string {
  const sid = new Map(graph.nodes.map((node, index) => [node.id, `s${index}`]));
  const idOf = (id: string): string => sid.get(id) ?? 's?';
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const steps = traceSteps(options.trace);
  const details = options.details === true;
  const visited = new Set(options.trace?.nodes ?? []);
  const internal = internalEdges(graph);
  const scoped = new Map<string, string[]>();
  for (const group of edgeGroups(graph)) {
    // A compound state's transition into its own descendant starts at a "from any state of X" box.
    const inward = group.target.startsWith(`${group.source}.`);
    const from = inward ? `${idOf(group.source)}_any` : idOf(group.source);
    // Mermaid keeps an arrow inside a composite only between that composite's own children; an
    // arrow declared there that names a deeper state re-creates the state in the wrong box. Arrows
    // that cross composite borders are declared at the top, where Mermaid routes them correctly.
    const lca = inward ? group.source : commonScope(graph, group.source, group.target);
    const local = (inward || byId.get(group.source)?.parent === lca) && byId.get(group.target)?.parent === lca;
    const scope = local ? lca : graph.root;
    const text = group.edges.map((edge) => mermaidText(edgeLine(edge, steps, options))).join('<br>');
    scoped.set(scope, [...(scoped.get(scope) ?? []), `${from} --> ${idOf(group.target)} : ${text}`]);
  }
  // A history state's default target: declared at the top, since it may cross a region of a parallel state.
  for (const node of graph.nodes)
    for (const target of node.historyTarget)
      scoped.set(graph.root, [...(scoped.get(graph.root) ?? []), `${idOf(node.id)} --> ${idOf(target)} : default`]);
  const classes = new Map<string, string[]>();
  const addClass = (name: string, node: string): void => void classes.set(name, [...(classes.get(name) ?? []), node]);

  const lines: string[] = [];
  const emitScope = (node: GraphNode, indent: string): void => {
    const children = node.children.map((child) => byId.get(child)).filter((child) => child !== undefined);
    if (node.type === 'parallel') {
      // Regions are separated by `--`; a history state is no region: it goes with the first one.
      const regions = children.filter((child) => child.type !== 'history');
      const histories = children.filter((child) => child.type === 'history');
      regions.forEach((region, index) => {
        if (index > 0) lines.push(`${indent}--`);
        emitNode(region, indent);
        if (index === 0) for (const history of histories) emitNode(history, indent);
      });
      if (regions.length === 0) for (const history of histories) emitNode(history, indent);
    } else for (const child of children) emitNode(child, indent);
    if (node.initial !== null) lines.push(`${indent}[*] --> ${idOf(node.initial)}`);
    for (const child of children) if (child.type === 'final') lines.push(`${indent}${idOf(child.id)} --> [*]`);
    if (hasInwardEdges(graph, node))
      lines.push(`${indent}state "${mermaidStateLabel([`from any state of ${node.label}`])}" as ${idOf(node.id)}_any`);
    const own = internal.get(node.id);
    if (own !== undefined && node.children.length > 0) {
      // A compound state cannot hold text of its own in Mermaid: its internal transitions go in a note-like box.
      const text = mermaidStateLabel([
        `${node.label} handles, staying where it is:`,
        ...own.map((edge) => edgeLine(edge, steps, options)),
      ]);
      lines.push(`${indent}state "${text}" as ${idOf(node.id)}_internal`);
      addClass('note', `${idOf(node.id)}_internal`);
    }
    if (node.id !== graph.root) for (const edge of scoped.get(node.id) ?? []) lines.push(`${indent}${edge}`);
  };
  const emitNode = (node: GraphNode, indent: string): void => {
    const id = idOf(node.id);
    if (node.children.length > 0) {
      // A composite's title is not read as Markdown: entity codes only.
      lines.push(`${indent}state "${compositeLabel(node, details)}" as ${id} {`);
      emitScope(node, `${indent}  `);
      lines.push(`${indent}}`);
    } else {
      lines.push(`${indent}state "${mermaidStateLabel(nodeLines(node, details))}" as ${id}`);
      for (const edge of internal.get(node.id) ?? [])
        lines.push(`${indent}${id} : ${mermaidText(edgeLine(edge, steps, options))}`);
    }
    if (options.trace !== undefined) addClass(visited.has(node.id) ? 'visited' : 'faded', id);
    else if (node.type === 'final') addClass(statusClass(nodeOutcome(node)?.status ?? null), id);
  };

  const root = byId.get(graph.root);
  if (root === undefined) throw new Error('bug: the graph has no root node');
  const title = options.title ?? graph.machineId;
  lines.push(
    '---',
    `title: ${mermaidTitle(title)}`,
    '---',
    'stateDiagram-v2',
    `  direction ${options.direction ?? 'TB'}`,
  );
  for (const [status, swatch] of Object.entries(STATUS_SWATCHES))
    lines.push(`  ${classDef(status.toLowerCase(), swatch)}`);
  lines.push(`  ${classDef('final', FINAL_SWATCH)}`, `  ${classDef('note', NOTE_SWATCH, ',font-style:italic')}`);
  if (options.trace !== undefined)
    lines.push(`  ${classDef('visited', VISITED_SWATCH, ',stroke-width:2px')}`, `  ${classDef('faded', FADED_SWATCH)}`);
  if (root.type === 'parallel') {
    // Mermaid accepts the `--` region separator only inside a composite: a parallel root gets a box.
    lines.push(`  state "${compositeLabel(root, details)}" as ${idOf(root.id)} {`);
    emitScope(root, '    ');
    lines.push('  }');
  } else if (root.children.length === 0) {
    // A machine with no child states is one state: its root-level handlers are drawn on it.
    emitNode(root, '  ');
    lines.push(`  [*] --> ${idOf(root.id)}`);
  } else {
    emitScope(root, '  ');
  }
  // The root's arrows come last, at the top level, where arrows may cross composite borders.
  for (const edge of scoped.get(root.id) ?? []) lines.push(`  ${edge}`);
  for (const [name, ids] of classes) lines.push(`  class ${ids.join(',')} ${name}`);
  return `${lines.join('\n')}\n`;
}
