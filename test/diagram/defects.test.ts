import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { machineGraph } from '../../src/diagram/graph.js';
import { toDot, toMermaid, toScxml } from '../../src/diagram/index.js';
import { edgeLabel } from '../../src/diagram/labels.js';
import { loadGraphviz } from '../../src/diagram/svg.js';
import { alarm, elevator, order } from './corpus/annotated.js';
import { door } from './corpus/eventless.js';
import { counter } from './corpus/flat.js';
import { inlineLoader, uploader, userFetch } from './corpus/invoke.js';
import { cdPlayer, checkout } from './corpus/nested.js';
import { mediaPlayer } from './corpus/parallel.js';
import { CORPUS } from './corpus/index.js';
import { labelGaps } from './support/label-distance.js';
import { readScxml, runScxml } from './support/scion.js';
import { svgTexts } from './support/svg-text.js';

// Each test is one defect reported in issue 15, on a corpus machine of that shape.

beforeAll(async () => {
  await loadGraphviz();
});

const svgOf = async (graph: ReturnType<typeof machineGraph>, options = {}): Promise<string> =>
  (await loadGraphviz()).dot(toDot(graph, options), 'svg');

describe('issue 15 defects', () => {
  it('a machine with no child states is drawn as one state with its root handlers', async () => {
    const graph = machineGraph(counter.machine);
    const shown = svgTexts(await svgOf(graph)).map((text) => text.trim());
    expect(shown).toEqual(
      expect.arrayContaining(['counter', '⟲ INC / assign', '⟲ DEC [isAbove(min: 0)] / assign', '⟲ SET_TO_10 / assign']),
    );
    const mermaid = toMermaid(graph);
    expect(mermaid).toContain('state "counter" as s0');
    expect(mermaid).toContain('[*] --> s0');
    expect(mermaid).toContain('s0 : INC / assign');
  });

  it('SCXML keeps `_` and digits in event names and ids, and SCION runs them (with the history)', async () => {
    const xml = toScxml(machineGraph(cdPlayer.machine));
    for (const name of ['INSERT_CD', 'SKIP_10S', 'WAKE_UP_2', 'EJECT_CD']) expect(xml).toContain(`event="${name}"`);
    expect(xml).toContain('id="cdPlayer.not_loaded"');
    expect(xml).not.toContain('_x5f_');
    const chart = await runScxml(xml);
    chart.gen({ name: 'INSERT_CD' });
    chart.gen({ name: 'PLAY' });
    expect(chart.getConfiguration()).toContain('cdPlayer.loaded.playing');
    chart.gen({ name: 'POWER_OFF' });
    expect(chart.getConfiguration()).toEqual(['cdPlayer.standby']);
    chart.gen({ name: 'WAKE_UP_2' });
    expect(chart.getConfiguration()).toContain('cdPlayer.loaded.playing');
  });

  it('SCXML writes each invoked actor and its done/error transitions on SCXML’s own events', async () => {
    const xml = toScxml(machineGraph(userFetch.machine));
    expect(xml).toContain('<invoke id="user" type="urn:call-lifecycle:xstate-actor" src="fetchUser"/>');
    expect(xml).toContain(
      '<transition event="done.invoke.user" cl:event="xstate.done.actor.user" target="userFetch.success"/>',
    );
    expect(xml).toContain(
      '<transition event="error.invoke.user" cl:event="xstate.error.actor.user" target="userFetch.failure"/>',
    );
    const loading = (await readScxml(xml))().states?.find((state) => state.id === 'userFetch.loading');
    expect(String(loading?.invokes)).toContain('fetchUser');
  });

  it('SCXML writes every <history> with its default <transition> (declared, implicit, in a parallel state)', () => {
    const defaults = (machine: typeof cdPlayer.machine): Record<string, string> => {
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: () => true }).parse(
        toScxml(machineGraph(machine)),
      );
      const found: Record<string, string> = {};
      const walk = (element: Record<string, unknown>): void => {
        for (const [tag, children] of Object.entries(element)) {
          if (!Array.isArray(children)) continue;
          for (const child of children as Record<string, unknown>[]) {
            if (tag === 'history')
              found[String(child.id)] = String((child.transition as { target: string }[])[0]?.target);
            if (typeof child === 'object' && child !== null) walk(child);
          }
        }
      };
      walk(parsed);
      return found;
    };
    expect(defaults(checkout.machine)).toEqual({ 'checkout.steps.resume': 'checkout.steps.shipping' });
    expect(defaults(cdPlayer.machine)).toEqual({ 'cdPlayer.loaded.last': 'cdPlayer.loaded.stopped' });
    expect(defaults(mediaPlayer.machine)).toEqual({
      'mediaPlayer.player.memory': 'mediaPlayer.player.playback mediaPlayer.player.volume',
    });
  });

  it('an event and a guarded `always` to the same target are two arrows, the eventless one dashed', () => {
    const dot = toDot(machineGraph(door.machine));
    const arrows = dot.split('\n').filter((line) => line.includes('"door.locked" -> "door.unlocked"'));
    expect(arrows).toHaveLength(2);
    expect(arrows.find((line) => line.includes('label="UNLOCK"'))).toContain('style="solid"');
    expect(arrows.find((line) => line.includes('label="[hasMasterKey]"'))).toContain('style="dashed"');
    expect(toMermaid(machineGraph(door.machine)).match(/s1 --> s2 : /g)).toHaveLength(2);
  });

  it('an inline actor is shown as `inline`, never by XState’s internal id', async () => {
    const graph = machineGraph(inlineLoader.machine);
    expect(graph.nodes.find((node) => node.key === 'loading')?.invokes).toEqual(['inline']);
    expect(graph.edges.map((edge) => edgeLabel(edge))).toEqual(['done: inline', 'error: inline', 'RELOAD']);
    for (const text of [toMermaid(graph), toDot(graph), toScxml(graph), await svgOf(graph)])
      expect(text).not.toMatch(/xstate\.invoke/);
  });

  it('onSnapshot is a transition of its own kind, labelled `snapshot: <actor>`', () => {
    const graph = machineGraph(uploader.machine);
    const snapshot = graph.edges.find((edge) => edge.kind === 'snapshot');
    expect(snapshot === undefined ? null : edgeLabel(snapshot)).toBe('snapshot: inline / assign');
    expect(toMermaid(graph)).not.toContain('xstate.snapshot');
    expect(toDot(graph)).not.toContain('xstate.snapshot');
  });

  it('guard params are shown, so two uses of one guard differ', () => {
    const labels = machineGraph(elevator.machine).edges.map((edge) => edgeLabel(edge));
    expect(labels).toEqual(
      expect.arrayContaining([
        'ARRIVE [floorAbove(floor: 10)]',
        'ARRIVE [floorAbove(floor: 0)]',
        'GO_UP [doorsClosed && !overweight]',
        'GO_DOWN [in(#elevator.doors.closed) || doorsClosed]',
      ]),
    );
    expect(machineGraph(userFetch.machine).edges.map((edge) => edgeLabel(edge))).toContain('RETRY [canRetry(max: 3)]');
  });

  it('XState’s built-in actions are named (`assign`, `raise`, `emit`), not `inline`', () => {
    const graph = machineGraph(alarm.machine);
    const node = (key: string) => graph.nodes.find((candidate) => candidate.key === key);
    expect(node('ringing')?.entry).toEqual(['raise']);
    expect(node('ringing')?.exit).toEqual(['assign', 'emit']);
    expect(node('armed')?.entry).toEqual(['emit']);
    expect(graph.edges.find((edge) => edge.trigger === 'ARM')?.actions).toEqual(['assign']);
  });

  it('Mermaid: a history state inside a parallel state is no extra region, and its default is drawn', () => {
    const graph = machineGraph(mediaPlayer.machine);
    const text = toMermaid(graph);
    const box = text.slice(text.indexOf('as s1 {'), text.indexOf('\n  }\n', text.indexOf('as s1 {')));
    expect(box.match(/^\s*--$/gm)).toHaveLength(1);
    const sid = (key: string) => `s${graph.nodes.findIndex((node) => node.key === key)}`;
    expect(text).toContain(`${sid('memory')} --> ${sid('playback')} : default`);
    expect(text).toContain(`${sid('memory')} --> ${sid('volume')} : default`);
  });

  it.each(['TB', 'LR'] as const)(
    'Graphviz (%s): every transition label sits within 32 pt of its own arrow',
    async (direction) => {
      const graphs = [callMachineGraph(), ...CORPUS.map((entry) => machineGraph(entry.machine))];
      for (const graph of graphs) {
        const far = labelGaps(await svgOf(graph, { direction })).filter((label) => label.gap > 32);
        expect(far, graph.machineId).toEqual([]);
      }
    },
  );

  it('details: entry/exit actions, transition actions and descriptions, tags; none without the option', async () => {
    const graph = machineGraph(order.machine);
    const withDetails = svgTexts(await svgOf(graph, { details: true })).map((text) => text.trim());
    expect(withDetails).toEqual(
      expect.arrayContaining([
        'tags: busy',
        'entry / chargeCard',
        'entry / releaseStock, notifyCustomer',
        'exit / releaseStock',
        'Waiting for the payment provider to',
        'confirm the charge',
        'PAYMENT_OK / notifyCustomer',
        'The provider confirmed',
      ]),
    );
    const plain = svgTexts(await svgOf(graph)).map((text) => text.trim());
    expect(plain).not.toContain('tags: busy');
    expect(plain).toContain('PAYMENT_OK');
    const mermaid = toMermaid(graph, { details: true });
    expect(mermaid).toContain('entry / chargeCard');
    expect(mermaid).toContain('PAYMENT#95;OK / notifyCustomer');
  });
});
