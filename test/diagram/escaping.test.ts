import { test } from '../support/property.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeXmlName, dotString, encodeXmlName, mermaidText } from '../../src/diagram/escape.js';
import { machineGraph } from '../../src/diagram/graph.js';
import { edgeLabel, nodeLines } from '../../src/diagram/labels.js';
import { loadGraphviz } from '../../src/diagram/svg.js';
import { toDot, toJson, toMermaid, toScxml } from '../../src/diagram/index.js';
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import { buildHostileMachine, hostileMachineSpec, hostileName } from './support/hostile-machines.js';
import { svgNodeTitles, svgTexts } from './support/svg-text.js';

// Hostile machines are cheap to export but each DOT layout costs a few ms: keep the default small.
const runs = { numRuns: Number(process.env.FC_NUM_RUNS ?? 40) };

let graphviz: Graphviz;
beforeAll(async () => {
  graphviz = await loadGraphviz();
});

describe('escaping hostile names', () => {
  test.prop([hostileName], runs)('an XML name encodes reversibly into a valid NCName', (name) => {
    const encoded = encodeXmlName(name);
    expect(encoded).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(decodeXmlName(encoded)).toBe(name);
  });

  test.prop([hostileName], runs)('Mermaid text holds no character that ends a statement or opens markup', (name) => {
    const text = mermaidText(name).replace(/<br>/g, '').replace(/#\d+;/g, '');
    expect(text).not.toMatch(/[:;"%{}<>\\\n&|#-]/);
  });

  it('keeps DOT label escapes from being triggered by a name', () => {
    expect(dotString('a\\nb "c"\n')).toBe('"a\\\\nb \\"c\\"\\n"');
  });

  test.prop([hostileMachineSpec], runs)(
    'DOT from a hostile machine is laid out by Graphviz and shows every name',
    (spec) => {
      const graph = machineGraph(buildHostileMachine(spec));
      const svg = graphviz.dot(toDot(graph), 'svg');
      const shown = svgTexts(svg).map((text) => text.trim());
      // A compound state is a cluster: an arrow naming it as a node would draw a stray box.
      const nodeTitles = new Set(svgNodeTitles(svg));
      for (const cluster of graph.nodes.filter((node) => node.children.length > 0)) {
        expect(nodeTitles.has(dotString(cluster.id).slice(1, -1).replace(/\\"/g, '"'))).toBe(false);
      }
      for (const node of graph.nodes.filter((candidate) => candidate.id !== graph.root)) {
        for (const line of nodeLines(node).flatMap((text) => text.split('\n')))
          if (line.trim() !== '') expect(shown).toContain(line.trim());
      }
      for (const edge of graph.edges) {
        for (const line of edgeLabel(edge).split('\n')) if (line.trim() !== '') expect(shown).toContain(line.trim());
      }
    },
  );

  test.prop([hostileMachineSpec], runs)(
    'SCXML from a hostile machine is well-formed and keeps every state, event and guard',
    (spec) => {
      const graph = machineGraph(buildHostileMachine(spec));
      const xml = toScxml(graph);
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        processEntities: true,
        htmlEntities: true,
        trimValues: false,
        isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
      }).parse(xml);
      const states: Record<string, string>[] = [];
      const transitions: Record<string, string>[] = [];
      const walk = (element: Record<string, unknown>): void => {
        for (const [tag, children] of Object.entries(element)) {
          if (!Array.isArray(children)) continue;
          for (const child of children as Record<string, unknown>[]) {
            if (['state', 'final', 'parallel', 'history'].includes(tag)) states.push(child as Record<string, string>);
            if (tag === 'transition') transitions.push(child as Record<string, string>);
            if (typeof child === 'object' && child !== null) walk(child);
          }
        }
      };
      walk(parsed);
      const keyOf = (state: Record<string, string>): string =>
        state['cl:name'] ?? decodeXmlName(String(state.id).split('.').at(-1) ?? '');
      const expectedKeys = graph.nodes.filter((node) => node.id !== graph.root).map((node) => node.key);
      expect(
        states
          .map(keyOf)
          .filter((key) => expectedKeys.includes(key))
          .sort(),
      ).toEqual([...expectedKeys].sort());
      expect(transitions).toHaveLength(graph.edges.length);
      const guards = transitions
        .map((transition) => transition.cond)
        .filter((cond) => cond !== undefined)
        .sort();
      expect(guards).toEqual(graph.edges.flatMap((edge) => (edge.guard === null ? [] : [edge.guard])).sort());
      const events = transitions
        .map((transition) => transition['cl:event'] ?? transition.event)
        .filter((event) => event !== undefined && !event.startsWith('xstate'));
      expect(events.sort()).toEqual(
        graph.edges.flatMap((edge) => (edge.kind === 'event' && edge.event !== null ? [edge.event] : [])).sort(),
      );
    },
  );

  test.prop([hostileMachineSpec], runs)('JSON of a hostile machine round-trips to the same graph', (spec) => {
    const graph = machineGraph(buildHostileMachine(spec));
    expect(JSON.parse(toJson(graph))).toEqual(JSON.parse(JSON.stringify(graph)));
    expect(graph.nodes.slice(1).map((node) => node.key)).toEqual(expect.arrayContaining([...spec.top, ...spec.inner]));
  });

  test.prop([hostileMachineSpec], runs)(
    'Mermaid of a hostile machine declares only synthetic ids and quoted, encoded labels',
    (spec) => {
      const text = toMermaid(machineGraph(buildHostileMachine(spec)));
      for (const line of text.split('\n').slice(4)) {
        expect(line).toMatch(
          /^\s*(direction (LR|TB)|classDef \w+ [\w:#,-]+|class [\w,]+ \w+|state "[^"]*" as s\d+(_\w+)?( \{)?|\}|--|\[\*\] --> s\d+|s\d+ --> \[\*\]|s\d+(_any)? --> s\d+ : [^\n]*|s\d+ : [^\n]*|)$/,
        );
      }
    },
  );
});
