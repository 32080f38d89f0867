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
import { listAccepted } from '../../../machines/result.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { checkOutputs, writeWholeFile } from '../output.js';
import { type DiagramValues, ladderFromProviderLog, type RecordedCall, recordedCall } from './diagram-ladder.js';
import { ladderToMermaid } from '../../diagram/ladder-mermaid.js';
import { ladderToSvg } from '../../diagram/ladder-svg.js';
import type { Ladder } from '../../diagram/ladder.js';
import { DEFAULT_MESSAGE_MS } from '../messages-option.js';

const FORMATS = ['mermaid', 'dot', 'svg', 'scxml', 'json', 'html'] as const;
type Format = Exclude<(typeof FORMATS)[number], 'html'>;

const RENDER: Record<Format, (graph: MachineGraph, options: DiagramOptions) => string | Promise<string>> = {
  mermaid: toMermaid,
  dot: toDot,
  svg: toSvg,
  scxml: (graph) => toScxml(graph),
  json: toJson,
};

/** Renders the diagram; a layout Graphviz cannot finish (its WebAssembly memory) is one line, not a crash. */
async function render(format: Format, graph: MachineGraph, options: DiagramOptions): Promise<string> {
  try {
    return await RENDER[format](graph, options);
  } catch (error) {
    if (format !== 'svg') throw error;
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new UsageError(
      `diagram: Graphviz could not lay out this machine (${graph.nodes.length} states: ${reason}); draw it with --format dot and a native dot, or --format mermaid`,
    );
  }
}

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

function traceOptions(call: RecordedCall, graph: MachineGraph): DiagramOptions & { steps: readonly TraceStep[] } {
  const path = pathFromTimeline(callMachine, call.record.timeline, graph);
  return { trace: { nodes: path.nodes, edges: path.edges }, title: traceTitle(call.record), steps: path.steps };
}

export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'draw a machine (the call machine by default) as Mermaid, DOT, SVG, SCXML or JSON',
  help: `Usage: call-lifecycle diagram [--format FORMAT] [--out FILE] [--machine ./module.js#export]
                              [--scenario FILE | --capture FILE [--call CALL-ID]]
                              [--details] [--direction TB|LR] [--title TEXT] [--no-legend]
       call-lifecycle diagram --ladder (--scenario FILE | --capture FILE [--call CALL-ID] |
                              --provider NAME --log FILE [--call ID])
                              [--format mermaid|svg|json] [--out FILE] [--title TEXT]

Draws the call machine, or any XState v5 machine, from the machine itself. With --ladder, draws one
call as a sequence diagram: platform, carrier, recipient (or voicemail) and detector, each message
with its time and the state the call machine entered. From a SIP capture, each arrow is a SIP
message (INVITE, 100, 180/183, 200, ACK, BYE, CANCEL, 4xx-6xx) with the event it gave the machine.

Options:
  --format FORMAT     mermaid (default), dot, svg, scxml, json, or html: an interactive explorer page
                      (pan, zoom, click a state; buttons step a live actor; with --scenario or
                      --capture, a timeline of the call and its ladder), self-contained and offline
  --out FILE          write to FILE instead of standard output
  --machine SPEC      ./module.js#exportName: a JavaScript module exporting an XState v5 machine,
                      resolved against the working directory (#default when no # is given).
                      The module is imported, so its code runs with your rights: only pass
                      modules you would run with node yourself
  --scenario FILE     overlay the path one call took (a scenario as for "run"): the states it
                      visited and the transitions it took, numbered, with its outcome in the title.
                      Call machine only; mermaid, dot, svg, json or html.
  --capture FILE      the same for a call of a SIP capture (pcap or pcapng, read as "sip" reads it)
  --call ID           which call: a capture's SIP Call-ID, or a --log's call id with --ladder
                      (needed when the capture or the log holds several)
  --us ADDR[:PORT]    with --capture: our side, as for "sip"
  --to <+E164>        with --capture: the destination when the INVITE names no E.164 number
  --message-ms <ms>   with --capture: the length of the message each call plays (default ${DEFAULT_MESSAGE_MS})
  --messages <file>   with --capture: a JSON array of messages instead, as for "sip"
  --details           also draw entry/exit actions, transition actions, tags and descriptions
  --direction DIR     TB (top to bottom, the default) or LR (left to right)
  --title TEXT        the diagram's title (default: the machine id, or the call's outcome)
  --no-legend         leave out the legend (dot, svg)
  --ladder            draw one call's ladder (a sequence diagram) instead of the machine
  --provider NAME     with --ladder: the provider whose log --log is (as for "normalize")
  --log FILE          with --ladder: a provider's callback log (JSON lines or one JSON array)

Examples:
  call-lifecycle diagram --format svg --out lifecycle.svg
  call-lifecycle diagram --format svg --scenario examples/no-answer.json --out why.svg
  call-lifecycle diagram --format mermaid --machine ./examples/machines/traffic-light.js#trafficLightMachine
  call-lifecycle diagram --ladder --scenario examples/voicemail-complete.json --format svg --out ladder.svg
  call-lifecycle diagram --ladder --capture calls.pcapng --call a84b4c76e66710 --format svg --out ladder.svg
  call-lifecycle diagram --ladder --provider twilio --log examples/providers/twilio.jsonl --call CA00000000000000000000000000000001

Exit codes:
  0  the diagram was written
  2  a bad option, module, export, scenario or capture (one line on stderr names it)
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
      capture: { type: 'string' },
      call: { type: 'string' },
      us: { type: 'string' },
      to: { type: 'string' },
      'message-ms': { type: 'string' },
      messages: { type: 'string' },
    });
    if (positionals.length > 0)
      throw new UsageError(`diagram: unexpected argument "${positionals[0]}" (see call-lifecycle diagram --help)`);
    const format = values.format ?? 'mermaid';
    const sources = [values.scenario, values.capture, values.provider ?? values.log].filter((v) => v !== undefined);
    if (sources.length > 1)
      throw new UsageError('diagram: draw one call: --scenario, --capture or --provider with --log, not several');
    if (values.capture === undefined) {
      const extra = (['us', 'to', 'message-ms', 'messages'] as const).find((name) => values[name] !== undefined);
      if (extra !== undefined) throw new UsageError(`diagram: --${extra} reads a capture: add --capture FILE`);
    }
    if (values.out !== undefined) {
      const inputs = [
        ...(values.scenario === undefined ? [] : [{ option: '--scenario', file: values.scenario }]),
        ...(values.capture === undefined ? [] : [{ option: '--capture', file: values.capture }]),
        ...(values.log === undefined ? [] : [{ option: '--log', file: values.log }]),
        ...(values.machine === undefined ? [] : [{ option: '--machine', file: values.machine.replace(/#[^#]*$/, '') }]),
      ];
      await checkOutputs('diagram', [{ option: '--out', file: values.out }], inputs, io);
    }
    if (values.ladder === true) return writeOutput(await ladderText(values, format, io), values.out, io);
    if (values.provider !== undefined || values.log !== undefined)
      throw new UsageError('diagram: --provider and --log draw a ladder: add --ladder');
    if (values.call !== undefined && values.capture === undefined)
      throw new UsageError('diagram: --call names a call of a --capture, or of a --log with --ladder');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`diagram: unknown format "${format}" (accepted: ${listAccepted(FORMATS)})`);
    const recorded = values.scenario ?? values.capture;
    const option = values.scenario === undefined ? '--capture' : '--scenario';
    if (recorded !== undefined && values.machine !== undefined)
      throw new UsageError(
        `diagram: ${option} ${option === '--scenario' ? 'replays' : 'reads'} a call, so it draws the call machine only (drop --machine)`,
      );
    if (recorded !== undefined && format === 'scxml')
      throw new UsageError(
        `diagram: ${option} cannot be drawn in scxml (accepted: "mermaid", "dot", "svg", "json" or "html")`,
      );
    const direction = values.direction ?? 'TB';
    if (direction !== 'TB' && direction !== 'LR')
      throw new UsageError(`diagram: unknown direction "${direction}" (accepted: ${listAccepted(['TB', 'LR'])})`);
    const loaded = values.machine === undefined ? null : await loadMachine(values.machine, io);
    const graph = loaded === null ? callMachineGraph() : machineGraph(loaded.machine);
    const call = await recordedCall(values, io);
    const traced = call === null ? null : traceOptions(call, graph);
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
          ? { kind: 'call', input: call?.input ?? CALL_EXPLORER_INPUT }
          : { kind: 'module', file: loaded.file, exportName: loaded.exportName };
      const { trace: _trace, ...drawing } = options;
      const page = await explorerHtml(graph, machine, {
        ...drawing,
        ...(traced === null ? {} : { steps: traced.steps }),
        ...(call === null ? {} : { ladderSvg: ladderToSvg(call.ladder) }),
      });
      return writeOutput(page, values.out, io);
    }
    return writeOutput(await render(format as Format, graph, options), values.out, io);
  },
};

const LADDER_FORMATS = ['mermaid', 'svg', 'json'] as const;

/** The ladder of the call named by --scenario, --capture [--call], or --provider/--log/--call. */
async function ladderText(values: DiagramValues, format: string, io: CliIO): Promise<string> {
  if (!(LADDER_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`diagram: --ladder cannot be drawn in ${format} (accepted: ${listAccepted(LADDER_FORMATS)})`);
  if (values.machine !== undefined)
    throw new UsageError('diagram: --ladder draws a call of the call machine (drop --machine)');
  let ladder: Ladder;
  if (values.provider !== undefined && values.log !== undefined)
    ladder = await ladderFromProviderLog(values.provider, values.log, values.call, io);
  else {
    const call = values.provider === undefined && values.log === undefined ? await recordedCall(values, io) : null;
    if (call === null)
      throw new UsageError(
        'diagram: --ladder needs --scenario FILE, --capture FILE, or --provider NAME with --log FILE',
      );
    ladder = call.ladder;
  }
  if (format === 'json') return `${JSON.stringify(ladder, null, 2)}\n`;
  return format === 'svg' ? ladderToSvg(ladder, values.title) : ladderToMermaid(ladder, values.title);
}

async function writeOutput(text: string, out: string | undefined, io: CliIO): Promise<number> {
  if (out === undefined) {
    io.stdout(text);
    return 0;
  }
  await writeWholeFile('--out', out, io, text);
  io.stderr(`wrote ${out}\n`);
  return 0;
}
