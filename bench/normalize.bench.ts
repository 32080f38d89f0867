// `npm run bench -- normalize`: `call-lifecycle normalize` on a generated Twilio log of about
// BENCH_CALLBACKS callbacks (default 2,000,000) in arrival order (bench/twilio-log.ts), as JSON
// lines on disk: callbacks per second and peak memory, against a baseline measured in the same run
// (reading the same file line by line and JSON.parse-ing each line, which any normalizer must do).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import type { CliIO } from '../src/cli/command.js';
import { normalizeCommand } from '../src/cli/commands/normalize.js';
import { writeTwilioLog } from './twilio-log.js';

const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 2_000_000);

async function baseline(file: string): Promise<number> {
  const started = performance.now();
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }) })) {
    if (JSON.parse(line) !== null) count++;
  }
  if (count === 0) throw new Error('empty log');
  return performance.now() - started;
}

async function normalize(file: string): Promise<{ ms: number; cpuMs: number; peakRss: number; records: number }> {
  let records = 0;
  const io: CliIO = {
    // Counting newlines without splitting: the bench should not charge normalize for its own tally.
    stdout: (text) => {
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) records++;
    },
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => '',
    cwd: process.cwd(),
    stderrIsTTY: false,
  };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const code = await normalizeCommand.run(['--provider', 'twilio', file], io);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (code !== 0) throw new Error(`normalize exited with ${code}`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRss, records };
}

const dir = await mkdtemp(join(tmpdir(), 'normalize-bench-'));
const file = join(dir, 'twilio.jsonl');
const log = await writeTwilioLog(file, CALLBACKS);
const size = (await stat(file)).size;
const load = loadavg()[0] ?? 0;
const rssBefore = process.memoryUsage().rss;
const floor = await baseline(file);
const run = await normalize(file);
const loadAfter = loadavg()[0] ?? 0;
await rm(dir, { recursive: true });
const perSecond = (ms: number) => Math.round((log.callbacks * 1000) / ms).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores; load average ${load.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end`,
);
console.log(
  `Twilio log: ${log.callbacks.toLocaleString('en-US')} callbacks, ${log.calls.toLocaleString('en-US')} calls, ${(size / 1e6).toFixed(0)} MB`,
);
console.log(`baseline (read + JSON.parse each line): ${(floor / 1000).toFixed(1)} s, ${perSecond(floor)} callbacks/s`);
console.log(
  `normalize: ${(run.ms / 1000).toFixed(1)} s, ${perSecond(run.ms)} callbacks/s, ${(run.ms / floor).toFixed(1)}× the baseline; ${run.records.toLocaleString('en-US')} records`,
);
// CPU time of the whole process (the garbage collector's helper threads included) while normalize
// ran: what one core would need, whatever share of the machine the run got.
console.log(`normalize CPU time: ${(run.cpuMs / 1000).toFixed(1)} s, ${perSecond(run.cpuMs)} callbacks per CPU-second`);
console.log(
  `peak RSS ${mb(run.peakRss)} MB (${mb(rssBefore)} MB before the run), for a ${(size / 1e6).toFixed(0)} MB log`,
);
