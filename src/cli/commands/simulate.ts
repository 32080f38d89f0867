import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  createReportBuilder,
  renderReport,
  renderSummaryTable,
  REPORT_FORMATS,
  type ReportFormat,
} from '../../report/index.js';
import { DEFAULT_CALLS, DEFAULT_CONCURRENCY, planCampaign, type CampaignPlan } from '../../simulator/plan.js';
import { defaultWorkers, simulateBatchesParallel } from '../../simulator/node/parallel-campaign.js';
import { ProgressBar } from '../../simulator/node/progress.js';
import { RecordWriter, recordFormatOf } from '../../simulator/node/record-writer.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { readNumbers, readProfile, seedValue, wholeOption } from './simulate-inputs.js';

/** Exit code of a campaign stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

function reportFormatOf(file: string): ReportFormat {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(extension)) return extension as ReportFormat;
  throw new UsageError(
    `simulate: --report ${file}: unknown format (accepted extensions: ${REPORT_FORMATS.map((f) => `.${f}`).join(', ')})`,
  );
}

async function openRecords(file: string | undefined, io: CliIO): Promise<RecordWriter | null> {
  if (file === undefined) return null;
  const format = recordFormatOf(file);
  if (format === null)
    throw new UsageError(`simulate: --records ${file}: unknown format (accepted extensions: .jsonl, .ndjson, .csv)`);
  try {
    return await RecordWriter.open(resolve(io.cwd, file), format);
  } catch (error) {
    throw new UsageError(
      `simulate: --records ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

const OPTIONS = {
  calls: { type: 'string' },
  numbers: { type: 'string' },
  seed: { type: 'string' },
  profile: { type: 'string' },
  concurrency: { type: 'string' },
  blacklist: { type: 'string' },
  records: { type: 'string' },
  report: { type: 'string' },
  workers: { type: 'string' },
  engine: { type: 'string' },
} as const;

async function planFrom(
  values: Partial<Record<keyof typeof OPTIONS, string>>,
  io: CliIO,
  signal: AbortSignal,
): Promise<CampaignPlan> {
  if (values.calls !== undefined && values.numbers !== undefined)
    throw new UsageError('simulate: give --calls or --numbers, not both');
  const engine = values.engine ?? 'fast';
  if (engine !== 'fast' && engine !== 'xstate')
    throw new UsageError(`simulate: --engine: expected "fast" or "xstate", got "${engine}"`);
  const calls = wholeOption(values.calls, 'calls', 1, 100_000_000);
  const concurrency = wholeOption(values.concurrency, 'concurrency', 1, 1_000_000);
  const profile = await readProfile(values.profile, io);
  const numbers = await readNumbers(values.numbers, 'numbers', io);
  const blacklist = await readNumbers(values.blacklist, 'blacklist', io);
  return planCampaign({
    ...(numbers === undefined ? { calls: calls ?? DEFAULT_CALLS } : { numbers }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(blacklist === undefined ? {} : { blacklist }),
    profile,
    engine,
    signal,
  });
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'simulate a campaign on the call machine: call records and a report',
  help: `Usage: call-lifecycle simulate [options]

Simulates a voice-broadcast campaign: each call is drawn from a profile (carrier answers, ring
times, pickups, answering-machine detection and its mistakes, beeps, hang-ups) and run through
the call machine. Prints a summary table; writes every call's record and a report on request.
The same seed, profile and options give byte-identical records and report, whatever --workers.

Options:
  --calls N          calls to generated numbers (default ${DEFAULT_CALLS.toLocaleString('en-US')})
  --numbers FILE     the numbers to call: CSV with a number/phone/to column, or one E.164 per line
  --seed S           any text; the same seed gives the same campaign (default 1)
  --profile FILE     a JSON profile; missing fields keep the default profile (docs/simulator.md)
  --concurrency C    channels: at most C calls in progress at once (default ${DEFAULT_CONCURRENCY})
  --blacklist FILE   numbers never to dial (ERROR/BLACKLISTED), same formats as --numbers
  --records FILE     every call's record: .jsonl (JSON lines) or .csv
  --report FILE      the campaign report: .json, .csv, .md or .html
  --workers W        worker threads (default: 1 below 300,000 calls, else one per core, at most 4)
  --engine E         fast (default) or xstate (one XState actor per call: same records, slower)

Ctrl-C stops the campaign: the records so far and a report marked partial are written
(a second Ctrl-C quits at once).

Exit codes:
  0    the campaign ran
  2    an option, the profile or a number list is invalid (one line on stderr says which)
  130  interrupted by Ctrl-C (partial records and report written)
`,
  async run(args, io) {
    const { values } = parseOptions('simulate', args, OPTIONS);
    const controller = new AbortController();
    const plan = await planFrom(values, io, controller.signal);
    const workers = wholeOption(values.workers, 'workers', 1, 16) ?? defaultWorkers(plan.count);
    const reportFormat = values.report === undefined ? null : reportFormatOf(values.report);
    const writer = await openRecords(values.records, io);
    const seed = seedValue(plan.seedText);
    const builder = createReportBuilder({
      calls: plan.count,
      channels: plan.concurrency,
      seed,
      profileName: plan.profile.name,
    });
    const progress = new ProgressBar(io.stderr, io.stderrIsTTY, plan.count);
    // The first Ctrl-C stops cleanly (records flushed, partial report); a second one does not wait.
    const interrupt = () => (controller.signal.aborted ? process.exit(EXIT_INTERRUPTED) : controller.abort());
    process.on('SIGINT', interrupt);
    let done = 0;
    try {
      for await (const { records, bytes } of simulateBatchesParallel(plan, workers, writer?.format ?? null)) {
        for (let i = 0; i < records.length; i++) builder.add(records[i] as (typeof records)[number]);
        if (writer !== null) await writer.writeBytes(bytes);
        done += records.length;
        progress.update(done);
      }
    } finally {
      process.off('SIGINT', interrupt);
      progress.done();
      await writer?.close();
    }
    const partial = done < plan.count;
    const report = builder.finish({ partial });
    if (values.report !== undefined && reportFormat !== null)
      await writeFile(resolve(io.cwd, values.report), await renderReport(report, reportFormat));
    io.stdout(renderSummaryTable(report));
    if (!partial) return 0;
    io.stderr(
      `call-lifecycle: simulate: interrupted after ${done.toLocaleString('en-US')} of ${plan.count.toLocaleString('en-US')} calls; the records and report so far are written, marked partial\n`,
    );
    return EXIT_INTERRUPTED;
  },
};
