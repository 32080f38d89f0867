import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { toDot } from './dot.js';
import type { DiagramOptions } from './options.js';
import type { MachineGraph } from './types.js';

let loading: Promise<Graphviz> | null = null;

/** The WebAssembly Graphviz, loaded once (no network, no native binary; Node or browser). */
export function loadGraphviz(): Promise<Graphviz> {
  loading ??= Graphviz.load();
  return loading;
}

/**
 * The DOT diagram laid out as SVG by Graphviz compiled to WebAssembly, offline.
 *
 * @example
 * const svg = await toSvg(machineGraph(callMachine));
 * svg.includes('<svg'); // → true
 */
export async function toSvg(graph: MachineGraph, options: DiagramOptions = {}): Promise<string> {
  const dot = toDot(graph, options);
  try {
    return (await loadGraphviz()).dot(dot, 'svg');
  } catch (error) {
    // A WebAssembly trap (not a DOT syntax error) leaves the module unusable: start a fresh one once.
    if (error instanceof Error && /syntax error/.test(error.message)) throw error;
    Graphviz.unload();
    loading = null;
    return (await loadGraphviz()).dot(dot, 'svg');
  }
}
