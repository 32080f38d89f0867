import { fc } from '../support/property.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { machineGraph } from '../../src/diagram/graph.js';
import { edgeLabel, nodeLines } from '../../src/diagram/labels.js';
import { toMermaid } from '../../src/diagram/mermaid.js';
import type { MachineGraph } from '../../src/diagram/types.js';
import { fetchMachine, playerMachine, trafficLightMachine, wordMachine } from '../../examples/machines/index.js';
import { browserUnavailableReason } from '../support/browser.js';
import { buildHostileMachine, hostileMachineSpec } from './support/hostile-machines.js';
import { MermaidPage } from './support/mermaid-page.js';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { callLadder } from '../../src/diagram/ladder.js';
import { ladderToMermaid } from '../../src/diagram/ladder-mermaid.js';
import { runScenario } from '../../src/scenario/run.js';
import { captureLadder } from '../../src/sip/capture-ladder.js';
import { CORPUS } from './corpus/index.js';

const unavailable = browserUnavailableReason();
if (unavailable !== null) console.warn(`skipping the Mermaid rendering tests: ${unavailable}`);

// One Chromium for the whole file; each render reuses its page.
let page: MermaidPage;
beforeAll(async () => {
  if (unavailable === null) page = await MermaidPage.open();
}, 60_000);
afterAll(async () => {
  await page?.close();
});

/** Renders with the real mermaid and checks that every state (and transition) label is shown. */
async function expectRendered(graph: MachineGraph, text = toMermaid(graph), details = false): Promise<void> {
  const rendered = await page.render(text);
  if (!rendered.ok) throw new Error(`mermaid could not render it: ${rendered.error}\n${text}`);
  // textContent joins <br>-separated lines without a separator: look for each line on its own.
  const shown = rendered.text.replace(/\u00a0/g, ' ');
  // A machine with no child states is drawn as one state: its root.
  for (const node of graph.nodes.length === 1 ? graph.nodes : graph.nodes.slice(1)) {
    for (const line of nodeLines(node, details).flatMap((part) => part.split('\n')))
      expect(shown, `state ${JSON.stringify(node.key)}`).toContain(line.trim());
  }
  for (const edge of graph.edges) {
    for (const line of edgeLabel(edge, details).split('\n'))
      expect(shown, `transition ${edge.id}`).toContain(line.trim());
  }
}

describe.skipIf(unavailable !== null)('Mermaid text rendered by mermaid in headless Chromium', () => {
  it.each([
    ['call', callMachineGraph()],
    ['traffic light', machineGraph(trafficLightMachine)],
    ['fetch', machineGraph(fetchMachine)],
    ['nested', machineGraph(playerMachine)],
    ['parallel', machineGraph(wordMachine)],
  ])('renders the %s machine with every state and transition', async (_, graph) => {
    await expectRendered(graph);
  });

  it.each(CORPUS.map((entry) => [entry.name, entry.machine] as const))(
    'renders corpus machine "%s" with every state and transition, plain and with --details',
    async (_, machine) => {
      const graph = machineGraph(machine);
      await expectRendered(graph);
      // Details add lines only where a machine has entry/exit actions, tags, descriptions or transition actions.
      const detailed =
        graph.nodes.some(
          (node) => node.entry.length + node.exit.length + node.tags.length > 0 || node.description !== null,
        ) || graph.edges.some((edge) => edge.targets.length > 0 && edge.actions.length > 0);
      if (detailed) await expectRendered(graph, toMermaid(graph, { details: true }), true);
    },
  );

  it.each(['voicemail-complete.json', 'late-and-duplicate-events.json', 'blacklisted.json'])(
    'renders the ladder of examples/%s as a sequence diagram with every message and state',
    async (example) => {
      const scenario = JSON.parse(await readFile(resolve(import.meta.dirname, '../../examples', example), 'utf8'));
      const result = runScenario(scenario);
      if (!result.ok) throw new Error(`${example} does not replay`);
      const ladder = callLadder(result.record, scenario.events);
      const rendered = await page.render(ladderToMermaid(ladder));
      if (!rendered.ok) throw new Error(`mermaid could not render the ladder: ${rendered.error}`);
      for (const message of ladder.messages) {
        expect(rendered.text).toContain(message.label);
        if (message.states[0] !== undefined) expect(rendered.text).toContain(`→ ${message.states[0]}`);
      }
    },
  );

  it.each(['callee-bye', 'our-cancel', 'reinvite', 'rtp'])(
    'renders the ladder of the SIPp capture test/sip/captures/%s.pcapng with every SIP message and state',
    async (name) => {
      const file = resolve(import.meta.dirname, '../sip/captures', `${name}.pcapng`);
      const found = await captureLadder(createReadStream(file), { messages: [{ id: 'message', durationMs: 1000 }] });
      if (found.ladder === null) throw new Error(`${name}: no ladder`);
      const rendered = await page.render(ladderToMermaid(found.ladder));
      if (!rendered.ok) throw new Error(`mermaid could not render the ladder: ${rendered.error}`);
      for (const message of found.ladder.messages) {
        expect(rendered.text).toContain(message.label);
        if (message.states[0] !== undefined) expect(rendered.text).toContain(`→ ${message.states[0]}`);
      }
      expect(rendered.text).toContain(found.ladder.outcome);
    },
  );

  it('renders a traced call with its numbered steps', async () => {
    const graph = callMachineGraph();
    const trace = {
      nodes: ['call', 'call.initiating', 'call.dialing', 'call.busy'],
      edges: ['call.initiating/always/1', 'call.dialing/carrier.busy/0'],
    };
    const rendered = await page.render(toMermaid(graph, { trace, title: 'call c-1: ABSENT / BUSY after 2 s' }));
    expect(rendered.ok && rendered.text).toContain('#2 carrier.busy');
    expect(rendered.ok && rendered.text).toContain('call c-1: ABSENT / BUSY after 2 s');
  });

  it('renders machines with hostile names faithfully (a seeded sample)', async () => {
    const seed = process.env.FC_SEED === undefined ? 20_261_127 : Number(process.env.FC_SEED);
    const samples = fc.sample(hostileMachineSpec, { numRuns: Number(process.env.FC_NUM_RUNS ?? 12), seed });
    for (const spec of samples) {
      const graph = machineGraph(buildHostileMachine(spec));
      await expectRendered(graph, toMermaid(graph, { title: spec.id }));
    }
  });
});
