import { it } from 'vitest';
import { toDot } from '../../src/diagram/dot.js';
import { loadGraphviz } from '../../src/diagram/svg.js';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
it('x', async () => {
  const gv = await loadGraphviz();
  const g = callMachineGraph();
  const counts = new Map(g.edges.map((e, i) => [e.id, i * 7]));
  for (const dir of ['TB', 'LR'] as const) {
    for (const xl of [false, true]) {
      for (const sep of ['0.3/0.5', '0.15/0.3']) {
        let dot = toDot(g, { direction: dir, edgeCounts: counts, legend: false });
        if (xl) dot = dot.replace(/(\[id="e\d+", )label=/g, '$1xlabel=');
        const [n, r] = sep.split('/');
        dot = dot.replace('nodesep=0.3', `nodesep=${n}`).replace('ranksep=0.5', `ranksep=${r}`);
        const svg = gv.dot(dot, 'svg');
        const m = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg)!;
        const w = Number(m[1]) * 4 / 3, h = Number(m[2]) * 4 / 3;
        console.log(dir, xl ? 'xlabel' : 'label', sep, Math.round(w), 'x', Math.round(h), 'scale to 1130:', (1130 / w).toFixed(2), 'font px', (12 * 1130 / w).toFixed(1), 'height at that scale', Math.round(h * 1130 / w));
      }
    }
  }
});
