import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explorerData } from '../explorer/build-data.js';
import { explorerPage } from '../explorer/page.js';
import type { DiagramOptions } from '../options.js';
import type { TraceStep } from '../path.js';
import { toSvg } from '../svg.js';
import type { MachineGraph } from '../types.js';

/** Where the page's machine comes from: the call machine, or a module's export (`--machine`). */
export type ExplorerMachine =
  | { readonly kind: 'call'; readonly input: unknown }
  | { readonly kind: 'module'; readonly file: string; readonly exportName: string };

const here = dirname(fileURLToPath(import.meta.url));
// From src/diagram/node (tests) and dist/src/diagram/node (the CLI) alike: esbuild reads `.ts` for a missing `.js`.
const RUNTIME = resolve(here, '../explorer/runtime.js');
const CALL_MACHINE = resolve(here, '../../../machines/call.machine.js');

/** Our own node_modules: where `xstate` is found when the machine's module has none of its own. */
function ownNodeModules(): string {
  return resolve(dirname(createRequire(import.meta.url).resolve('xstate/package.json')), '..');
}

/**
 * The page's script: xstate, the machine and the explorer's runtime bundled by esbuild into one
 * IIFE (esbuild is loaded only here, so the other formats never pay for it). A module machine is
 * bundled with the xstate its own directory resolves, so the page steps it with the same copy.
 */
async function explorerScript(machine: ExplorerMachine, live: boolean): Promise<string> {
  const { build } = await import('esbuild');
  const source =
    machine.kind === 'call'
      ? { path: CALL_MACHINE, name: 'callMachine', input: JSON.stringify(machine.input), dir: here }
      : { path: machine.file, name: machine.exportName, input: 'undefined', dir: dirname(machine.file) };
  const contents = live
    ? `import { createActor } from 'xstate';
import { startExplorer } from ${JSON.stringify(RUNTIME)};
import * as module from ${JSON.stringify(source.path)};
startExplorer({ machine: module[${JSON.stringify(source.name)}], createActor, input: ${source.input} });`
    : `import { startExplorer } from ${JSON.stringify(RUNTIME)};
startExplorer(null);`;
  const result = await build({
    stdin: { contents, loader: 'ts', resolveDir: source.dir, sourcefile: 'explorer-entry.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    nodePaths: [ownNodeModules()],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The Graphviz SVG without its prolog, sized in px for the page. */
async function pageSvg(
  graph: MachineGraph,
  options: DiagramOptions,
): Promise<{ markup: string; width: number; height: number }> {
  const raw = await toSvg(graph, options);
  const markup = raw.slice(Math.max(0, raw.indexOf('<svg'))).replace(/<!--[\s\S]*?-->/g, '');
  const size = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(markup);
  // Graphviz sizes in points; 1 pt = 4/3 CSS px.
  return {
    markup,
    width: Math.round(Number(size?.[1] ?? 800) * (4 / 3)),
    height: Math.round(Number(size?.[2] ?? 600) * (4 / 3)),
  };
}

/**
 * The interactive explorer (`diagram --format html`): one self-contained page with the machine's
 * SVG (pan, zoom, click a state), a live actor stepped by buttons, and for a recorded call its
 * timeline and ladder. Node-only (it bundles with esbuild).
 *
 * @example
 * const html = await explorerHtml(callMachineGraph(), { kind: 'call', input }, { title: 'call' });
 */
export async function explorerHtml(
  graph: MachineGraph,
  machine: ExplorerMachine,
  options: DiagramOptions & {
    readonly steps?: readonly TraceStep[];
    readonly ladderSvg?: string;
    readonly live?: boolean;
  },
): Promise<string> {
  const live = options.live ?? true;
  const title = options.title ?? graph.machineId;
  const data = explorerData(graph, { title, live, ...(options.steps === undefined ? {} : { steps: options.steps }) });
  const { steps: _steps, ladderSvg, live: _live, trace: _trace, ...drawing } = options;
  return explorerPage({
    data,
    svg: await pageSvg(graph, { ...drawing, title }),
    script: await explorerScript(machine, live),
    ladderSvg,
  });
}
