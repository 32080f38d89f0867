import { callMachineGraph } from '../diagram/call-machine.js';
import { toDot } from '../diagram/dot.js';
import { edgeLabel, nodeOutcome } from '../diagram/labels.js';
import { toMermaid } from '../diagram/mermaid.js';
import { toScxml } from '../diagram/scxml.js';
import { toSvg } from '../diagram/svg.js';
import type { MachineGraph } from '../diagram/types.js';
import { GENERATED_HEADER, generatedComment, type GeneratedDoc } from './generated.js';

/** A table cell: code, with `|` escaped so a name cannot split the row. */
function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

/** A state's path without the machine id, as the call record writes it. */
function short(graph: MachineGraph, id: string): string {
  return id === graph.root ? '(whole call)' : id.slice(graph.root.length + 1);
}

function render(): string {
  const graph = callMachineGraph();
  const states = graph.nodes
    .filter((node) => node.id !== graph.root)
    .map((node) => {
      const outcome = nodeOutcome(node)?.parts.join(' / ') ?? '';
      const initial = node.initial === null ? '' : code(short(graph, node.initial));
      const tags = node.tags.map(code).join(' ');
      return `| ${code(short(graph, node.id))} | ${node.type} | ${initial} | ${tags} | ${outcome} |`;
    });
  const transitions = graph.edges.map((edge) => {
    const targets =
      edge.targets.length === 0 ? 'stays' : edge.targets.map((target) => code(short(graph, target))).join(', ');
    return `| ${code(short(graph, edge.source))} | ${edge.kind} | ${code(edgeLabel(edge))} | ${targets} |`;
  });
  return [
    GENERATED_HEADER,
    '',
    '# The lifecycle of a call',
    '',
    'Drawn from `machines/call.machine.ts` by `src/docs/lifecycle.ts` (the exporter is described in',
    '[diagrams.md](diagrams.md)). The same picture as [SVG](lifecycle.svg), [DOT](lifecycle.dot) and',
    '[SCXML](lifecycle.scxml); `call-lifecycle diagram --scenario FILE` draws the path one call took.',
    '',
    '```mermaid',
    toMermaid(graph).trimEnd(),
    '```',
    '',
    '## Legend',
    '',
    '- A black dot (`[*]`) marks where a state starts; an arrow to the end marker `[*]` marks a terminal state.',
    '- Terminal states are coloured by status: green ANSWERED, amber ABSENT, red ERROR',
    '  ([statuses.md](statuses.md) lists every outcome). Each shows `STATUS / SUB_STATUS / RESULT_CODE`.',
    '- An arrow is labelled with its event, `[guard]` when it has one, `[else]` for the fallback after',
    '  guarded alternatives, and `after <timer> (<default>)` for a timer (defaults from',
    "  `machines/timers.ts`; `messageDuration` is the playing message's own duration).",
    '- Transitions between the same two states share one arrow, one line each.',
    '- In the SVG, dashed grey arrows are eventless (`always`): a choice made as soon as the state is entered.',
    '- "call handles, staying where it is: `call.ignore / recordIgnored`": an event a state does not',
    '  handle comes in wrapped as `call.ignore` (`routeEvent`), is recorded as ignored and changes nothing.',
    '',
    `## States (${states.length})`,
    '',
    "A state's tags hold in its child states too (`snapshot.hasTag('connected')` in any state under",
    '`connected`): the phase, and in a final state the status family ([embedding.md](embedding.md)).',
    '',
    '| state | type | starts in | tags | outcome |',
    '| --- | --- | --- | --- | --- |',
    ...states,
    '',
    `## Transitions (${transitions.length})`,
    '',
    'In priority order within each state: the first whose guard holds is taken.',
    '',
    '| from | kind | on | to |',
    '| --- | --- | --- | --- |',
    ...transitions,
    '',
  ].join('\n');
}

/** Generated text files carry the "do not edit" header in their own comment syntax. */
function withComment(text: string, comment: string): string {
  return text.startsWith('<?xml') ? text.replace(/^(<\?xml[^>]*\?>\n)/, `$1${comment}\n`) : `${comment}\n${text}`;
}

export const lifecycleDocs: readonly GeneratedDoc[] = [
  { path: 'docs/lifecycle.md', render },
  { path: 'docs/lifecycle.dot', render: () => withComment(toDot(callMachineGraph()), generatedComment('dot')) },
  { path: 'docs/lifecycle.scxml', render: () => withComment(toScxml(callMachineGraph()), generatedComment('xml')) },
  {
    path: 'docs/lifecycle.svg',
    render: async () => withComment(await toSvg(callMachineGraph()), generatedComment('xml')),
  },
];
