// `npm run bench -- normalize`: `call-lifecycle normalize` on a generated Twilio log of
// BENCH_CALLBACKS callbacks (default 2,000,000), as JSON lines on disk: callbacks per second and
// peak memory, against a baseline measured in the same run (reading the same file line by line and
// JSON.parse-ing each line, which any normalizer must do).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import type { CliIO } from '../src/cli/command.js';
import { normalizeCommand } from '../src/cli/commands/normalize.js';

const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 2_000_000);
const START = Date.UTC(2026, 10, 27, 9, 0, 0);

/** Twilio status callbacks of a campaign: a call starts every 50 ms; some are busy, some ring out, most are answered. */
async function writeLog(file: string): Promise<number> {
  const out = createWriteStream(file);
  const stamp = (ms: number) => new Date(START + ms).toUTCString().replace('GMT', '+0000');
  let written = 0;
  let call = 0;
  while (written < CALLBACKS) {
    const sid = `CA${String(call).padStart(32, '0')}`;
    const t0 = call * 50;
    const base = {
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      CallSid: sid,
      To: '+33612345678',
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
    };
    const line = (fields: Record<string, string>) => `${JSON.stringify({ ...base, ...fields })}\n`;
    const kind = call % 10;
    const lines = [line({ CallStatus: 'ringing', SequenceNumber: '1', Timestamp: stamp(t0 + 2_000) })];
    if (kind === 0)
      lines.push(
        line({ CallStatus: 'busy', SipResponseCode: '486', SequenceNumber: '2', Timestamp: stamp(t0 + 6_000) }),
      );
    else if (kind === 1)
      lines.push(
        line({ CallStatus: 'no-answer', SipResponseCode: '487', SequenceNumber: '2', Timestamp: stamp(t0 + 32_000) }),
      );
    else {
      lines.push(line({ CallStatus: 'in-progress', SequenceNumber: '2', Timestamp: stamp(t0 + 9_000) }));
      lines.push(line({ AnsweredBy: kind < 5 ? 'machine_end_beep' : 'human' }));
      // The terminal callback is logged before the answer one for every third call: out of order.
      const completed = line({
        CallStatus: 'completed',
        CallDuration: '40',
        SequenceNumber: '3',
        Timestamp: stamp(t0 + 49_000),
      });
      if (call % 3 === 0) lines.splice(1, 0, completed);
      else lines.push(completed);
    }
    for (const text of lines) if (!out.write(text)) await new Promise<void>((done) => out.once('drain', () => done()));
    written += lines.length;
    call++;
  }
  await new Promise<void>((done) => out.end(() => done()));
  return call;
}

async function baseline(file: string): Promise<number> {
  const started = performance.now();
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }) })) {
    if (JSON.parse(line) !== null) count++;
  }
  if (count === 0) throw new Error('empty log');
  return performance.now() - started;
}

async function normalize(file: string): Promise<{ ms: number; peakRss: number; records: number }> {
  let records = 0;
  const io: CliIO = {
    stdout: (text) => {
      records += text.split('\n').length - 1;
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
  const code = await normalizeCommand.run(['--provider', 'twilio', file], io);
  const ms = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (code !== 0) throw new Error(`normalize exited with ${code}`);
  return { ms, peakRss, records };
}

const dir = await mkdtemp(join(tmpdir(), 'normalize-bench-'));
const file = join(dir, 'twilio.jsonl');
const calls = await writeLog(file);
const size = (await stat(file)).size;
const load = loadavg()[0] ?? 0;
const rssBefore = process.memoryUsage().rss;
const floor = await baseline(file);
const run = await normalize(file);
await rm(dir, { recursive: true });
const perSecond = (ms: number) => Math.round((CALLBACKS * 1000) / ms).toLocaleString('en-US');
console.log(
  `Twilio log: ${CALLBACKS.toLocaleString('en-US')} callbacks, ${calls.toLocaleString('en-US')} calls, ${(size / 1e6).toFixed(0)} MB (load average ${load.toFixed(1)} at start)`,
);
console.log(`baseline (read + JSON.parse each line): ${(floor / 1000).toFixed(1)} s, ${perSecond(floor)} callbacks/s`);
console.log(
  `normalize: ${(run.ms / 1000).toFixed(1)} s, ${perSecond(run.ms)} callbacks/s, ${(run.ms / floor).toFixed(1)}× the baseline; ${run.records.toLocaleString('en-US')} records`,
);
console.log(
  `peak RSS ${(run.peakRss / 2 ** 20).toFixed(0)} MB (${(rssBefore / 2 ** 20).toFixed(0)} MB before the run): memory follows the calls in flight, not the ${(size / 1e6).toFixed(0)} MB log`,
);
