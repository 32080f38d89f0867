import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callMachine } from '../../../machines/call.machine.js';
import { callMachineGraph, traceTitle } from '../../diagram/call-machine.js';
import { isMachineLike, machineGraph, type MachineLike } from '../../diagram/graph.js';
import {
  toDot,
  toJson,
  toMermaid,
  toScxml,
  toSvg,
  type DiagramOptions,
  type MachineGraph,
} from '../../diagram/index.js';
import { pathFromTimeline } from '../../diagram/path.js';
import { formatInputError, listAccepted } from '../../../machines/result.js';
import { runScenario } from '../../scenario/run.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { readJsonInput } from '../read-input.js';

const FORMATS = ['mermaid', 'dot', 'svg', 'scxml', 'json'] as const;
type Format = (typeof FORMATS)[number];

const RENDER: Record<Format, (graph: MachineGraph, options: DiagramOptions) => string | Promise<string>> = {
  mermaid: toMermaid,
  dot: toDot,
  svg: toSvg,
  scxml: (graph) => toScxml(graph),
  json: toJson,
};

/** Loads `./module.js#exportName` (default export without `#`), resolved against the working directory. */
async function loadMachine(spec: string, io: CliIO): Promise<MachineLike> {
  const hash = spec.lastIndexOf('#');
  const file = hash === -1 ? spec : spec.slice(0, hash);
  const name = hash === -1 ? 'default' : spec.slice(hash + 1);
  if (file === '' || name === '')
    throw new UsageError(`diagram: --machine expects ./module.js#exportName, got "${spec}"`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(io.cwd, file)).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ERR_MODULE_NOT_FOUND'
        ? 'no such file (or a module it imports is missing)'
        : error instanceof Error
          ? `${error.name}: ${error.message.split('\n')[0] ?? ''}`
          : String(error);
    throw new UsageError(`diagram: cannot load ${file}: ${reason}`);
  }
  if (!(name in module)) {
    const machines = Object.keys(module).filter((key) => isMachineLike(module[key]));
    const found = machines.length === 0 ? 'it exports no XState machine' : `its machines: ${listAccepted(machines)}`;
    throw new UsageError(`diagram: ${file} has no export "${name}" (${found})`);
  }
  const value = module[name];
  if (!isMachineLike(value))
    throw new UsageError(
      `diagram: ${file}#${name} is not an XState v5 machine (expected the result of createMachine or setup().createMachine)`,
    );
  return value;
}

async function traceOptions(file: string, io: CliIO, graph: MachineGraph): Promise<DiagramOptions> {
  const result = runScenario(await readJsonInput(file, io));
  if (!result.ok) {
    const reason = result.error.kind === 'invalid' ? formatInputError(result.error) : result.error.message;
    throw new UsageError(`diagram: --scenario ${file}: ${reason}`);
  }
  const path = pathFromTimeline(callMachine, result.record.timeline, graph);
  return { trace: { nodes: path.nodes, edges: path.edges }, title: traceTitle(result.record) };
}

export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'draw a machine (the call machine by default) as Mermaid, DOT, SVG, SCXML or JSON',
  help: `Usage: call-lifecycle diagram [--format FORMAT] [--out FILE] [--machine ./module.js#export] [--scenario FILE]

Draws the call machine, or any XState v5 machine, from the machine itself.

Options:
  --format FORMAT     mermaid (default), dot, svg, scxml or json
  --out FILE          write to FILE instead of standard output
  --machine SPEC      ./module.js#exportName: a JavaScript module exporting an XState v5 machine,
                      resolved against the working directory (#default when no # is given)
  --scenario FILE     overlay the path one call took (a scenario as for "run"): the states it
                      visited and the transitions it took, numbered, with its outcome in the title.
                      Call machine only; mermaid, dot, svg or json.

Examples:
  call-lifecycle diagram --format svg --out lifecycle.svg
  call-lifecycle diagram --format svg --scenario examples/no-answer.json --out why.svg
  call-lifecycle diagram --format mermaid --machine ./examples/machines/traffic-light.js#trafficLightMachine

Exit codes:
  0  the diagram was written
  2  a bad option, module, export or scenario (one line on stderr names it)
`,
  async run(args, io) {
    const { values, positionals } = parseOptions('diagram', args, {
      format: { type: 'string' },
      out: { type: 'string' },
      machine: { type: 'string' },
      scenario: { type: 'string' },
    });
    if (positionals.length > 0)
      throw new UsageError(`diagram: unexpected argument "${positionals[0]}" (see call-lifecycle diagram --help)`);
    const format = values.format ?? 'mermaid';
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`diagram: unknown format "${format}" (accepted: ${listAccepted(FORMATS)})`);
    if (values.scenario !== undefined && values.machine !== undefined) {
      throw new UsageError('diagram: --scenario replays a call, so it draws the call machine only (drop --machine)');
    }
    if (values.scenario !== undefined && format === 'scxml')
      throw new UsageError(
        'diagram: --scenario cannot be drawn in scxml (accepted: "mermaid", "dot", "svg" or "json")',
      );
    const graph =
      values.machine === undefined ? callMachineGraph() : machineGraph(await loadMachine(values.machine, io));
    const options = values.scenario === undefined ? {} : await traceOptions(values.scenario, io, graph);
    const text = await RENDER[format as Format](graph, options);
    if (values.out === undefined) {
      io.stdout(text);
      return 0;
    }
    try {
      await writeFile(resolve(io.cwd, values.out), text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
      throw new UsageError(`diagram: cannot write ${values.out}: ${code === 'ENOENT' ? 'no such directory' : code}`);
    }
    io.stderr(`wrote ${values.out}\n`);
    return 0;
  },
};
