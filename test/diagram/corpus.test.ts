import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { dotString, encodeXmlName } from '../../src/diagram/escape.js';
import { machineGraph } from '../../src/diagram/graph.js';
import { toDot, toJson, toScxml } from '../../src/diagram/index.js';
import { edgeLabel, nodeLines } from '../../src/diagram/labels.js';
import { loadGraphviz } from '../../src/diagram/svg.js';
import type { MachineGraph } from '../../src/diagram/types.js';
import { CORPUS, type CorpusMachine } from './corpus/index.js';
import { transitionsOf } from './corpus/transitions.js';
import { readScxml, scionContents } from './support/scion.js';
import { svgNodeTitles, svgTexts } from './support/svg-text.js';

const NATIVE_DOT = '/usr/bin/dot';

beforeAll(async () => {
  await loadGraphviz();
});

it('the corpus holds at least 20 machines of distinct names', () => {
  expect(new Set(CORPUS.map((entry) => entry.name)).size).toBeGreaterThanOrEqual(20);
});

describe.each(CORPUS.map((entry) => [entry.name, entry] as const))('corpus machine "%s"', (_, entry: CorpusMachine) => {
  const graph = machineGraph(entry.machine);
  const states = graph.nodes.filter((node) => node.id !== graph.root);

  it('reads every state and transition written down from its config', () => {
    expect(states.map((node) => node.path.join('.'))).toEqual(entry.states);
    expect(transitionsOf(graph).sort()).toEqual([...entry.transitions].sort());
  });

  it('DOT: laid out by the WebAssembly Graphviz with every state and transition label, no stray node', async () => {
    const svg = (await loadGraphviz()).dot(toDot(graph), 'svg');
    const shown = svgTexts(svg).map((text) => text.trim());
    // A machine with no child states is drawn as one state: its root.
    for (const node of states.length === 0 ? graph.nodes : states)
      for (const line of nodeLines(node)) expect(shown).toContain(line);
    for (const edge of graph.edges)
      expect(
        shown.some((text) => text === edgeLabel(edge) || text === `⟲ ${edgeLabel(edge)}`),
        edge.id,
      ).toBe(true);
    const titles = new Set(svgNodeTitles(svg));
    for (const cluster of states.filter((node) => node.children.length > 0))
      expect(titles.has(dotString(cluster.id).slice(1, -1))).toBe(false);
  });

  it.skipIf(!existsSync(NATIVE_DOT))('DOT: laid out by the native dot with every state', () => {
    const svg = execFileSync(NATIVE_DOT, ['-Tsvg'], { input: toDot(graph), encoding: 'utf8' });
    const shown = svgTexts(svg).map((text) => text.trim());
    for (const node of states) expect(shown).toContain(node.label);
  });

  it('SCXML: well-formed, read back by SCION with the same states, transitions and event names', async () => {
    const xml = toScxml(graph);
    expect(XMLValidator.validate(xml)).toBe(true);
    const read = scionContents((await readScxml(xml))());
    const idOf = (id: string): string =>
      [graph.machineId, ...(graph.nodes.find((node) => node.id === id)?.path ?? [])].join('.');
    // Names unchanged: these machines' keys and events need no escaping, so SCXML shows them as written.
    const wrapped = read.states.length === states.length + 1;
    expect(read.states.map((state) => state.id)).toEqual([
      ...(wrapped ? [graph.machineId] : []),
      ...states.map((node) => idOf(node.id)),
    ]);
    const history = states.filter((node) => node.type === 'history');
    const expected = [
      ...graph.edges.map((edge) => ({
        source: idOf(edge.source),
        event: edge.kind === 'always' ? null : scxmlEvent(edge.kind, edge.event ?? '', graph),
        targets: edge.targets.map(idOf),
        guarded: edge.guard !== null,
      })),
      // SCXML 1.0 §3.10.2: every <history> holds its default transition.
      ...history.map((node) => ({
        source: idOf(node.id),
        event: null,
        targets: node.historyTarget.map(idOf),
        guarded: false,
      })),
    ];
    const key = (transition: object): string => JSON.stringify(transition);
    expect(read.transitions.map(key).sort()).toEqual(expected.map(key).sort());
    for (const node of history) expect(node.historyTarget.length).toBeGreaterThan(0);
  });

  it('JSON: parses back to the graph', () => {
    expect(JSON.parse(toJson(graph))).toEqual(JSON.parse(JSON.stringify(graph)));
  });
});

/** An `<invoke id>` is an XML ID: XState's generated ids (`0.inline.loading`) get their first digit escaped. */
function invokeId(id: string): string {
  return id.replace(/^\d/, (digit) => encodeXmlName(digit));
}

/** The SCXML event a transition waits for: the XState name, or SCXML's own for actors' done/error. */
function scxmlEvent(kind: string, event: string, graph: MachineGraph): string {
  if (kind === 'event') return event;
  if (event.startsWith('xstate.done.actor.'))
    return `done.invoke.${invokeId(event.slice('xstate.done.actor.'.length))}`;
  if (event.startsWith('xstate.error.actor.'))
    return `error.invoke.${invokeId(event.slice('xstate.error.actor.'.length))}`;
  if (event.startsWith('xstate.done.state.')) {
    const id = event.slice('xstate.done.state.'.length);
    return `done.state.${[graph.machineId, ...(graph.nodes.find((node) => node.id === id)?.path ?? [])].join('.')}`;
  }
  return event;
}
