import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callMachine } from '../../../machines/call.machine.js';
import { CALL_EXPLORER_INPUT, callMachineGraph, traceTitle } from '../../diagram/call-machine.js';
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
import { pathFromTimeline, type TraceStep } from '../../diagram/path.js';
import { explorerHtml, type ExplorerMachine } from '../../diagram/node/explorer.js';
import { formatInputError, listAccepted } from '../../../machines/result.js';
import { runScenario } from '../../scenario/run.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { readJsonInput } from '../read-input.js';
import { ladderFromProviderLog, ladderFromScenario } from './diagram-ladder.js';
import { ladderToMermaid } from '../../diagram/ladder-mermaid.js';
import { ladderToSvg } from '../../diagram/ladder-svg.js';
import type { Ladder } from '../../diagram/ladder.js';

const FORMATS = ['mermaid', 'dot', 'svg', 'scxml', 'json', 'html'] as const;
type Format = Exclude<(typeof FORMATS)[number], 'html'>;

const RENDER: Record<Format, (graph: MachineGraph, options: DiagramOptions) => string | Promise<string>> = {
  mermaid: toMermaid,
  dot: toDot,
  svg: toSvg,
  scxml: (graph) => toScxml(graph),
  json: toJson,
};

/** Loads `./module.js#exportName` (default export without `#`), resolved against the working directory. */
async function loadMachine(
  spec: string,
  io: CliIO,
): Promise<{ machine: MachineLike; file: string; exportName: string }> {
  const hash = spec.lastIndexOf('#');
  const file = hash === -1 ? spec : spec.slice(0, hash);
  const name = hash === -1 ? 'default' : spec.slice(hash + 1);
  if (file === '' || name === '')
    throw new UsageError(`diagram: --machine expects ./module.js#exportName, got "${spec}"`);
  let module: Record<string, unknown>;
  const path = resolve(io.cwd, file);
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
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
  return { machine: value, file: path, exportName: name };
}

async function traceOptions(
  file: string,
  io: CliIO,
  graph: MachineGraph,
): Promise<DiagramOptions & { steps: readonly TraceStep[]; input: unknown }> {
  const scenario = await readJsonInput(file, io);
  const result = runScenario(scenario);
  if (!result.ok) {
    const reason = result.error.kind === 'invalid' ? formatInputError(result.error) : result.error.message;
    throw new UsageError(`diagram: --scenario ${file}: ${reason}`);
  }
  const path = pathFromTimeline(callMachine, result.record.timeline, graph);
  return {
    trace: { nodes: path.nodes, edges: path.edges },
    title: traceTitle(result.record),
    steps: path.steps,
    input: (scenario as { call: unknown }).call,
  };
}

export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'draw a machine (the call machine by default) as Mermaid, DOT, SVG, SCXML or JSON',
  help: `Usage: call-lifecycle diagram [--format FORMAT] [--out FILE] [--machine ./module.js#export] [--scenario FILE]
                              [--details] [--direction TB|LR] [--title TEXT] [--no-legend]
       call-lifecycle diagram --ladder (--scenario FILE | --provider NAME --log FILE [--call ID])
                              [--format mermaid|svg|json] [--out FILE] [--title TEXT]

Draws the call machine, or any XState v5 machine, from the machine itself. With --ladder, draws one
call as a sequence diagram: platform, carrier, recipient (or voicemail) and detector, each message
with its time and the state the call machine entered.

Options:
  --format FORMAT     mermaid (default), dot, svg, scxml, json, or html: an interactive explorer page
                      (pan, zoom, click a state; buttons step a live actor; with --scenario, a
                      timeline of the call and its ladder), self-contained and offline
  --out FILE          write to FILE instead of standard output
  --machine SPEC      ./module.js#exportName: a JavaScript module exporting an XState v5 machine,
                      resolved against the working directory (#default when no # is given)
  --scenario FILE     overlay the path one call took (a scenario as for "run"): the states it
                      visited and the transitions it took, numbered, with its outcome in the title.
                      Call machine only; mermaid, dot, svg, json or html.
  --details           also draw entry/exit actions, transition actions, tags and descriptions
  --direction DIR     TB (top to bottom, the default) or LR (left to right)
  --title TEXT        the diagram's title (default: the machine id, or the call's outcome)
  --no-legend         leave out the legend (dot, svg)
  --ladder            draw one call's ladder (a sequence diagram) instead of the machine
  --provider NAME     with --ladder: the provider whose log --log is (as for "normalize")
  --log FILE          with --ladder: a provider's callback log (JSON lines or one JSON array)
  --call ID           with --ladder --log: which call of the log (needed when it holds several)

Examples:
  call-lifecycle diagram --format svg --out lifecycle.svg
  call-lifecycle diagram --format svg --scenario examples/no-answer.json --out why.svg
  call-lifecycle diagram --format mermaid --machine ./examples/machines/traffic-light.js#trafficLightMachine
  call-lifecycle diagram --ladder --scenario examples/voicemail-complete.json --format svg --out ladder.svg
  call-lifecycle diagram --ladder --provider twilio --log examples/providers/twilio.jsonl --call CA00000000000000000000000000000001

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
      details: { type: 'boolean' },
      direction: { type: 'string' },
      title: { type: 'string' },
      'no-legend': { type: 'boolean' },
      ladder: { type: 'boolean' },
      provider: { type: 'string' },
      log: { type: 'string' },
      call: { type: 'string' },
    });
    if (positionals.length > 0)
      throw new UsageError(`diagram: unexpected argument "${positionals[0]}" (see call-lifecycle diagram --help)`);
    const format = values.format ?? 'mermaid';
    if (values.ladder === true) return writeOutput(await ladderText(values, format, io), values.out, io);
    if (values.provider !== undefined || values.log !== undefined || values.call !== undefined)
      throw new UsageError('diagram: --provider, --log and --call draw a ladder: add --ladder');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`diagram: unknown format "${format}" (accepted: ${listAccepted(FORMATS)})`);
    if (values.scenario !== undefined && values.machine !== undefined) {
      throw new UsageError('diagram: --scenario replays a call, so it draws the call machine only (drop --machine)');
    }
    if (values.scenario !== undefined && format === 'scxml')
      throw new UsageError(
        'diagram: --scenario cannot be drawn in scxml (accepted: "mermaid", "dot", "svg", "json" or "html")',
      );
    const loaded = values.machine === undefined ? null : await loadMachine(values.machine, io);
    const graph = loaded === null ? callMachineGraph() : machineGraph(loaded.machine);
    const direction = values.direction ?? 'TB';
    if (direction !== 'TB' && direction !== 'LR')
      throw new UsageError(`diagram: unknown direction "${direction}" (accepted: ${listAccepted(['TB', 'LR'])})`);
    const traced = values.scenario === undefined ? null : await traceOptions(values.scenario, io, graph);
    const options: DiagramOptions = {
      ...(traced === null ? {} : { trace: traced.trace, title: traced.title ?? graph.machineId }),
      ...(values.title === undefined ? {} : { title: values.title }),
      direction,
      legend: values['no-legend'] !== true,
      details: values.details === true,
    };
    if (format === 'html') {
      const machine: ExplorerMachine =
        loaded === null
          ? { kind: 'call', input: traced?.input ?? CALL_EXPLORER_INPUT }
          : { kind: 'module', file: loaded.file, exportName: loaded.exportName };
      const ladderSvg =
        values.scenario === undefined ? undefined : ladderToSvg(await ladderFromScenario(values.scenario, io));
      const { trace: _trace, ...drawing } = options;
      const page = await explorerHtml(graph, machine, {
        ...drawing,
        ...(traced === null ? {} : { steps: traced.steps }),
        ...(ladderSvg === undefined ? {} : { ladderSvg }),
      });
      return writeOutput(page, values.out, io);
    }
    return writeOutput(await RENDER[format as Format](graph, options), values.out, io);
  },
};

const LADDER_FORMATS = ['mermaid', 'svg', 'json'] as const;

/** The ladder of the call named by --scenario, or by --provider/--log/--call. */
async function ladderText(
  values: { scenario?: string; provider?: string; log?: string; call?: string; machine?: string; title?: string },
  format: string,
  io: CliIO,
): Promise<string> {
  if (!(LADDER_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`diagram: --ladder cannot be drawn in ${format} (accepted: ${listAccepted(LADDER_FORMATS)})`);
  if (values.machine !== undefined)
    throw new UsageError('diagram: --ladder draws a call of the call machine (drop --machine)');
  let ladder: Ladder;
  if (values.scenario !== undefined) {
    if (values.provider !== undefined || values.log !== undefined)
      throw new UsageError('diagram: --ladder takes --scenario or --provider with --log, not both');
    ladder = await ladderFromScenario(values.scenario, io);
  } else if (values.provider !== undefined && values.log !== undefined) {
    ladder = await ladderFromProviderLog(values.provider, values.log, values.call, io);
  } else throw new UsageError('diagram: --ladder needs --scenario FILE, or --provider NAME with --log FILE');
  if (format === 'json') return `${JSON.stringify(ladder, null, 2)}\n`;
  return format === 'svg' ? ladderToSvg(ladder, values.title) : ladderToMermaid(ladder, values.title);
}

async function writeOutput(text: string, out: string | undefined, io: CliIO): Promise<number> {
  if (out === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    await writeFile(resolve(io.cwd, out), text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
    throw new UsageError(`diagram: cannot write ${out}: ${code === 'ENOENT' ? 'no such directory' : code}`);
  }
  io.stderr(`wrote ${out}\n`);
  return 0;
}
