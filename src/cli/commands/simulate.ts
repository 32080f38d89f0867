import { resolve } from 'node:path';
import { createReportBuilder, renderReport, renderSummaryTable } from '../../report/index.js';
import { DEFAULT_CALLS, DEFAULT_CONCURRENCY, planCampaign, type CampaignPlan } from '../../simulator/plan.js';
import { defaultWorkers, simulateBatchesParallel } from '../../simulator/node/parallel-campaign.js';
import { ProgressBar } from '../../simulator/node/progress.js';
import { RecordWriter, recordFormatOf } from '../../simulator/node/record-writer.js';
import { LockedError } from '../../simulator/node/file-lock.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { checkOutputs, EXIT_WRITE_FAILED, OutputError, writeWholeFile, type NamedFile } from '../output.js';
import { reportFormatOf } from '../report-format.js';
import { listenForStop, STOP_SIGNALS } from '../stop-signals.js';
import { readNumbers, readProfile, seedValue, wholeOption } from './simulate-inputs.js';

/** Exit code of a campaign stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = STOP_SIGNALS.SIGINT;

function recordsFormatOf(file: string) {
  const format = recordFormatOf(file);
  if (format === null)
    throw new UsageError(`simulate: --records ${file}: unknown format (accepted extensions: .jsonl, .ndjson, .csv)`);
  return format;
}

async function openRecords(file: string | undefined, io: CliIO): Promise<RecordWriter | null> {
  if (file === undefined) return null;
  try {
    return await RecordWriter.open(resolve(io.cwd, file), recordsFormatOf(file));
  } catch (error) {
    if (error instanceof LockedError)
      throw new UsageError(
        `simulate: --records ${file} is being written by ${error.pid === null ? 'another process' : `process ${error.pid}`} (lock file ${error.lockPath}); wait for it, or delete the lock file if no such process runs`,
      );
    throw new OutputError('--records', file, error);
  }
}

/** The files simulate reads and writes, for `checkOutputs`. */
function filesOf(values: Partial<Record<keyof typeof OPTIONS, string>>) {
  const named = (option: keyof typeof OPTIONS): NamedFile[] => {
    const file = values[option];
    return file === undefined ? [] : [{ option: `--${option}`, file }];
  };
  return {
    inputs: [...named('profile'), ...named('numbers'), ...named('blacklist')],
    outputs: [...named('records'), ...named('report')],
  };
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

Output files are checked before the campaign starts: each must be writable, and none may be an
input or another output. A records file is locked (FILE.lock) while it is written: a second
process writing it is refused. If an output cannot be written (disk full, a closed pipe), the
campaign stops: the records file ends on its last whole record, the report is marked partial.

Ctrl-C, SIGTERM and SIGHUP stop the campaign: the records so far and a report marked partial
are written (a second signal quits at once). See docs/reliability.md.

Exit codes:
  0    the campaign ran
  2    an option, the profile, a number list or an output path is invalid (one line on stderr says which)
  4    an output could not be written in full (one line on stderr names it and why)
  129  stopped by SIGHUP, 130 by Ctrl-C (SIGINT), 143 by SIGTERM (partial records and report written)
`,
  async run(args, io) {
    const { values } = parseOptions('simulate', args, OPTIONS);
    const controller = new AbortController();
    const reportFormat = values.report === undefined ? null : reportFormatOf('simulate', values.report);
    if (values.records !== undefined) recordsFormatOf(values.records);
    const { inputs, outputs } = filesOf(values);
    // Before any work: a bad output path found after an hour's campaign would lose the hour.
    await checkOutputs('simulate', outputs, inputs, io);
    const plan = await planFrom(values, io, controller.signal);
    const workers = wholeOption(values.workers, 'workers', 1, 16) ?? defaultWorkers(plan.count);
    const writer = await openRecords(values.records, io);
    const seed = seedValue(plan.seedText);
    const builder = createReportBuilder({
      calls: plan.count,
      channels: plan.concurrency,
      seed,
      profileName: plan.profile.name,
    });
    const progress = new ProgressBar(io.stderr, io.stderrIsTTY, plan.count);
    const stop = listenForStop(controller);
    const onWorkerFailure = (error: Error) =>
      io.stderr(
        `call-lifecycle: simulate: a worker thread failed (${error.message}); its calls are recomputed in the main thread, with the same records\n`,
      );
    let done = 0;
    let campaignFailure: unknown = null;
    // A records file that cannot take more stops the campaign: what it holds stays whole, the report says partial.
    let recordsFailure: OutputError | null = null;
    const recordsFailed = (error: unknown) => {
      recordsFailure ??= new OutputError('--records', values.records ?? '', error);
    };
    try {
      const batches = simulateBatchesParallel(plan, workers, writer?.format ?? null, { onWorkerFailure });
      for await (const { records, bytes } of batches) {
        for (let i = 0; i < records.length; i++) builder.add(records[i] as (typeof records)[number]);
        done += records.length;
        if (writer !== null) await writer.writeBytes(bytes).catch(recordsFailed);
        if (recordsFailure !== null) break;
        progress.update(done);
      }
    } catch (error) {
      campaignFailure = error;
    } finally {
      stop.dispose();
      progress.done();
      // Also when the campaign itself failed (a bug): the records so far are flushed whole.
      await writer?.close().catch(recordsFailed);
    }
    const partial = done < plan.count || recordsFailure !== null;
    const report = builder.finish({ partial });
    let reportFailure: Error | null = null;
    if (values.report !== undefined && reportFormat !== null) {
      try {
        await writeWholeFile('--report', values.report, io, await renderReport(report, reportFormat));
      } catch (error) {
        reportFailure = error as Error;
      }
    }
    io.stdout(renderSummaryTable(report));
    // A bug stopped the campaign: the partial report and summary are out, then the internal error.
    if (campaignFailure !== null) throw campaignFailure;
    const calls = `${done.toLocaleString('en-US')} of ${plan.count.toLocaleString('en-US')} calls`;
    if (recordsFailure !== null)
      io.stderr(
        `call-lifecycle: simulate: ${(recordsFailure as OutputError).message}; stopped after ${calls}: ${writer?.isFile === true ? 'the records file ends on its last whole record' : 'the records are cut where the output failed'}, the report is marked partial\n`,
      );
    if (reportFailure !== null) io.stderr(`call-lifecycle: simulate: ${reportFailure.message}\n`);
    if (recordsFailure !== null || reportFailure !== null) return EXIT_WRITE_FAILED;
    if (!partial) return 0;
    const how = stop.received === null || stop.received === 'SIGINT' ? 'interrupted' : `stopped by ${stop.received}`;
    io.stderr(
      `call-lifecycle: simulate: ${how} after ${calls}; the records and report so far are written, marked partial\n`,
    );
    return stop.received === null ? EXIT_INTERRUPTED : STOP_SIGNALS[stop.received];
  },
};
