// `npm run bench -- diagram`: exporting the call machine to every format. The baseline is
// JSON.stringify of the same graph, measured in this run; absolute times show it is far under a second.
import { callMachine } from '../machines/call.machine.js';
import { callMachineGraph } from '../src/diagram/call-machine.js';
import { machineGraph } from '../src/diagram/graph.js';
import { toDot, toJson, toMermaid, toScxml, toSvg } from '../src/diagram/index.js';
import { loadGraphviz } from '../src/diagram/svg.js';

/** The median time of `runs` calls, in ms, after a warm-up. */
async function median(runs: number, task: () => unknown): Promise<number> {
  for (let warm = 0; warm < Math.min(5, runs); warm++) await task();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const graph = callMachineGraph();
const loadStarted = performance.now();
await loadGraphviz();
const loadMs = performance.now() - loadStarted;

const baseline = await median(2000, () => JSON.stringify(graph));
const rows: [string, number][] = [
  ['machineGraph (walk machine.root)', await median(500, () => machineGraph(callMachine))],
  ['callMachineGraph (+ timer defaults)', await median(500, () => callMachineGraph())],
  ['toMermaid', await median(500, () => toMermaid(graph))],
  ['toDot', await median(500, () => toDot(graph))],
  ['toScxml', await median(500, () => toScxml(graph))],
  ['toJson', await median(500, () => toJson(graph))],
  ['toSvg (WASM Graphviz layout)', await median(40, () => toSvg(graph))],
];
const all = await median(40, async () => {
  const fresh = callMachineGraph();
  return [toMermaid(fresh), toDot(fresh), toScxml(fresh), toJson(fresh), await toSvg(fresh)];
});

console.log(
  `Call machine: ${graph.nodes.length} states, ${graph.edges.length} transitions. Baseline JSON.stringify(graph): ${baseline.toFixed(3)} ms (median)`,
);
console.log('| export | median ms | × baseline |');
console.log('| --- | ---: | ---: |');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(3)} | ${(ms / baseline).toFixed(1)} |`);
console.log(`| every format from the machine, SVG included | ${all.toFixed(1)} | ${(all / baseline).toFixed(0)} |`);
console.log(
  `Loading the WebAssembly Graphviz once: ${loadMs.toFixed(0)} ms. Every format together: ${(all / 1000).toFixed(3)} s of the 1 s budget.`,
);

// A cold process pays for loading the WebAssembly Graphviz (decompressed and compiled at each start):
// the CLI drawing SVG against the CLI drawing DOT, each a fresh `node bin/call-lifecycle.js`.
const { execFileSync } = await import('node:child_process');
const { fileURLToPath } = await import('node:url');
const bin = fileURLToPath(new URL('../../bin/call-lifecycle.js', import.meta.url));
const cold = (format: string): number => {
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    execFileSync(process.execPath, [bin, 'diagram', '--format', format], { stdio: ['ignore', 'ignore', 'inherit'] });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[3] ?? 0;
};
const coldDot = cold('dot');
const coldSvg = cold('svg');
const coldHtml = cold('html');
console.log(
  `Cold CLI, median of 7 processes: dot ${coldDot.toFixed(0)} ms, svg ${coldSvg.toFixed(0)} ms (${(coldSvg / coldDot).toFixed(1)}× dot), html ${coldHtml.toFixed(0)} ms (${(coldHtml / coldDot).toFixed(1)}× dot).`,
);
