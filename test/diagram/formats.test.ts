import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { dotString, mermaidStateLabel, mermaidText } from '../../src/diagram/escape.js';
import { machineGraph } from '../../src/diagram/graph.js';
import { toDot, toJson, toMermaid, toScxml, toSvg } from '../../src/diagram/index.js';
import { edgeLabel, nodeLines } from '../../src/diagram/labels.js';
import { loadGraphviz } from '../../src/diagram/svg.js';
import type { MachineGraph } from '../../src/diagram/types.js';
import { fetchMachine, playerMachine, trafficLightMachine, wordMachine } from '../../examples/machines/index.js';
import { svgTexts } from './support/svg-text.js';

const NATIVE_DOT = '/usr/bin/dot';
if (!existsSync(NATIVE_DOT))
  console.warn(`skipping the native Graphviz cross-check: no ${NATIVE_DOT} (apt-get install graphviz)`);
const machines: [string, MachineGraph][] = [
  ['call', callMachineGraph()],
  ['traffic light', machineGraph(trafficLightMachine)],
  ['fetch', machineGraph(fetchMachine)],
  ['nested', machineGraph(playerMachine)],
  ['parallel', machineGraph(wordMachine)],
];
const call = callMachineGraph();

beforeAll(async () => {
  await loadGraphviz();
});

describe('golden files of the call machine', () => {
  it.each([
    ['mermaid', 'call.mmd', () => toMermaid(call)],
    ['dot', 'call.dot', () => toDot(call)],
    ['scxml', 'call.scxml', () => toScxml(call)],
    ['json', 'call.json', () => toJson(call)],
  ])('%s matches __snapshots__/%s', async (_, file, render) => {
    await expect(render()).toMatchFileSnapshot(`__snapshots__/${file}`);
  });
});

describe.each(machines)('every state and transition of the %s machine appears', (_, graph) => {
  const states = graph.nodes.filter((node) => node.id !== graph.root);

  it('in Mermaid: one declared state per node, one label line per transition', () => {
    const text = toMermaid(graph);
    for (const node of states) {
      const label =
        node.children.length > 0 ? nodeLines(node).map(mermaidText).join('<br>') : mermaidStateLabel(nodeLines(node));
      expect(text).toContain(`state "${label}" as s`);
    }
    const arrows = text.split('\n').filter((line) => /^\s*s\d+(_any)? --> s\d+ : /.test(line));
    const lines = arrows.flatMap((line) => line.replace(/^[^:]*: /, '').split('<br>'));
    const withTarget = [
      ...graph.edges.flatMap((edge) => edge.targets.map(() => mermaidText(edgeLabel(edge)))),
      ...graph.nodes.flatMap((node) => node.historyTarget.map(() => 'default')),
    ];
    expect(lines.sort()).toEqual(withTarget.sort());
    // A targetless transition is a line of its state's box (or of a compound state's note box, as Markdown).
    for (const edge of graph.edges.filter((candidate) => candidate.targets.length === 0)) {
      const forms = [mermaidText(edgeLabel(edge)), mermaidStateLabel(['', edgeLabel(edge)]).slice('<br>'.length)];
      expect(forms.some((form) => text.includes(form))).toBe(true);
    }
  });

  it('in DOT, laid out by the WebAssembly Graphviz: every label is drawn', async () => {
    const shown = svgTexts(await toSvg(graph)).map((text) => text.trim());
    for (const node of states) for (const line of nodeLines(node)) expect(shown).toContain(line);
    for (const edge of graph.edges)
      expect(shown.some((text) => text === edgeLabel(edge) || text === `⟲ ${edgeLabel(edge)}`)).toBe(true);
    const dot = toDot(graph);
    for (const node of states.filter((candidate) => candidate.children.length === 0))
      expect(dot).toContain(`${dotString(node.id)} [id=`);
  });

  it.skipIf(!existsSync(NATIVE_DOT))('in DOT, laid out by the native dot too', () => {
    const svg = execFileSync(NATIVE_DOT, ['-Tsvg'], { input: toDot(graph), encoding: 'utf8' });
    const shown = svgTexts(svg).map((text) => text.trim());
    for (const node of states) expect(shown).toContain(node.label);
  });

  it('in SCXML, read back by a real XML parser', () => {
    const xml = toScxml(graph);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (_n: string, _p: unknown, _l: boolean, attribute: boolean) => !attribute,
    }).parse(xml);
    const found = { states: [] as string[], transitions: [] as Record<string, string>[], sends: 0 };
    const walk = (element: Record<string, unknown>): void => {
      for (const [tag, children] of Object.entries(element)) {
        if (!Array.isArray(children)) continue;
        for (const child of children as Record<string, unknown>[]) {
          if (['state', 'final', 'parallel', 'history'].includes(tag)) found.states.push(String(child.id));
          if (tag === 'transition') found.transitions.push(child as Record<string, string>);
          if (tag === 'send') found.sends += 1;
          if (typeof child === 'object' && child !== null) walk(child);
        }
      }
    };
    walk(parsed);
    // A root with transitions of its own (the call's `*`) becomes one wrapping <state>.
    const wrapped = graph.edges.some((edge) => edge.source === graph.root);
    expect(found.states).toHaveLength(wrapped ? states.length + 1 : states.length);
    const historyDefaults = states.filter((node) => node.historyTarget.length > 0).length;
    expect(found.transitions).toHaveLength(graph.edges.length + historyDefaults);
    expect(found.sends).toBe(
      new Set(graph.edges.filter((edge) => edge.kind === 'after').map((edge) => `${edge.source} ${edge.trigger}`)).size,
    );
    expect(found.transitions.filter((transition) => transition.cond !== undefined)).toHaveLength(
      graph.edges.filter((edge) => edge.guard !== null).length,
    );
  });

  it('in JSON, which parses back to the graph', () => {
    expect(JSON.parse(toJson(graph))).toEqual(JSON.parse(JSON.stringify(graph)));
  });
});

describe('overlays', () => {
  const trace = {
    nodes: ['call', 'call.initiating', 'call.dialing', 'call.busy'],
    edges: ['call.initiating/always/1', 'call.dialing/carrier.busy/0'],
  };

  it('numbers the taken transitions and highlights the visited states in DOT and Mermaid', () => {
    const dot = toDot(call, { trace, title: 'call c-1: ABSENT / BUSY after 2 s' });
    expect(dot).toContain('label="#2 carrier.busy"');
    expect(dot).toContain('label="#1 [else]"');
    expect(dot).toContain('label="call c-1: ABSENT / BUSY after 2 s"');
    const mermaid = toMermaid(call, { trace });
    expect(mermaid).toContain('#35;2 carrier.busy');
    expect(mermaid).toMatch(/class [s\d,]*\bs1\b[s\d,]* visited/);
  });

  it('draws edge counts as widths and ×N labels', async () => {
    const edgeCounts = new Map([
      ['call.dialing/carrier.busy/0', 30],
      ['call.dialing/carrier.ringing/0', 120],
    ]);
    const dot = toDot(call, { edgeCounts });
    expect(dot).toContain('label="carrier.busy ×30"');
    expect(dot).toMatch(/label="carrier.ringing ×120"[^\]]*penwidth=6/);
    expect(svgTexts(await toSvg(call, { edgeCounts }))).toContain('carrier.ringing ×120');
  });

  it('adds the trace to the JSON', () => {
    expect(JSON.parse(toJson(call, { trace })).trace).toEqual(trace);
  });
});
