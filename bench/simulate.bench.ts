// `npm run bench -- simulate`: the simulator's speed, as ratios measured in this run.
// 1. A million-call campaign with records streamed to a JSONL file, through the real CLI.
// 2. The fast engine against bench/reducer.ts (the hand-written floor) and against one XState
//    actor per call (the specification, measured on a sample and extrapolated per call).
// 3. Memory per call in progress, with 100,000 calls in flight.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCallInput } from '../machines/input.js';
import type { CliIO } from '../src/cli/command.js';
import { simulateCommand } from '../src/cli/commands/simulate.js';
import { DEFAULT_PROFILE } from '../src/simulator/default-profile.js';
import { runFast, runWithXState } from '../src/simulator/engine/engines.js';
import { FastCall } from '../src/call/fast/fast-call.js';
import { seedHash } from '../src/simulator/prng.js';
import { sampleCall, type SampledCall } from '../src/simulator/sampler.js';
import { runReducer } from './reducer.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);

function per(ms: number, count: number): string {
  return `${((ms * 1000) / count).toFixed(2)} µs/call`;
}

/** Runs `call-lifecycle simulate` in this process: wall time, and CPU time of all its threads. */
async function timeCli(args: string[]): Promise<{ wall: number; cpu: number }> {
  const io: CliIO = {
    stdout: () => {},
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => '',
    cwd: process.cwd(),
    stderrIsTTY: false,
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const code = await simulateCommand.run(args, io);
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (code !== 0) throw new Error(`simulate ${args.join(' ')} exited with ${code}`);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function campaignBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'simulate-bench-'));
  const file = join(dir, 'records.jsonl');
  const load = loadavg()[0] ?? 0;
  const parallel = await timeCli(['--calls', String(CALLS), '--records', file]);
  const size = (await stat(file)).size;
  const single = await timeCli(['--calls', String(CALLS), '--records', file, '--workers', '1']);
  const noRecords = await timeCli(['--calls', String(CALLS)]);
  await rm(dir, { recursive: true });
  console.log(
    `Campaign of ${CALLS.toLocaleString('en-US')} calls, default profile, records streamed to JSONL (${(size / 1e6).toFixed(0)} MB)`,
  );
  console.log(
    `(${availableParallelism()} cores, load average ${load.toFixed(1)} when it started: other work on the machine slows the wall times):`,
  );
  console.log(
    `  default workers:   ${seconds(parallel.wall)} wall (target ≤ 10 s), ${seconds(parallel.cpu)} CPU in all threads, ${Math.round(CALLS / (parallel.wall / 1000)).toLocaleString('en-US')} calls/s`,
  );
  console.log(
    `  --workers 1:       ${seconds(single.wall)} wall, ${seconds(single.cpu)} CPU  → workers are ${(single.wall / parallel.wall).toFixed(2)}× faster`,
  );
  console.log(
    `  without --records: ${seconds(noRecords.wall)} wall, ${seconds(noRecords.cpu)} CPU  → writing the records costs ${(parallel.wall / noRecords.wall).toFixed(2)}× the campaign alone`,
  );
}

function timeEach(calls: readonly SampledCall[], engine: (call: SampledCall) => unknown): number {
  const started = performance.now();
  for (const call of calls) engine(call);
  return performance.now() - started;
}

function engineBench(): void {
  const seed = seedHash(1);
  const sampleStart = performance.now();
  const calls = Array.from({ length: 200_000 }, (_, i) => sampleCall(DEFAULT_PROFILE, seed, i, '+33612345678', false));
  const sampling = performance.now() - sampleStart;
  for (const engine of [runFast, runReducer]) timeEach(calls.slice(0, 20_000), engine); // warm up
  const fast = Math.min(timeEach(calls, runFast), timeEach(calls, runFast));
  const reducer = Math.min(timeEach(calls, runReducer), timeEach(calls, runReducer));
  const xstateCalls = calls.slice(0, 20_000);
  timeEach(xstateCalls.slice(0, 2_000), runWithXState);
  const xstate = timeEach(xstateCalls, runWithXState);
  const fastPer = fast / calls.length;
  const xstatePer = xstate / xstateCalls.length;
  console.log(
    `\nEngines on the same ${calls.length.toLocaleString('en-US')} sampled calls (sampling them: ${per(sampling, calls.length)}):`,
  );
  console.log(`  fast engine:      ${per(fast, calls.length)}`);
  console.log(
    `  bench/reducer.ts: ${per(reducer, calls.length)}  → fast engine = ${(fast / reducer).toFixed(2)}× the hand-written reducer (target within 5×)`,
  );
  console.log(
    `  XState actor:     ${per(xstate, xstateCalls.length)} (on ${xstateCalls.length.toLocaleString('en-US')} calls)  → fast engine is ${(xstatePer / fastPer).toFixed(1)}× faster (target ≥ 10×)`,
  );
}

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function memoryBench(): void {
  const gc = collectGarbage();
  const seed = seedHash(2);
  const inFlight = 100_000;
  const scripts = Array.from({ length: inFlight }, (_, i) =>
    sampleCall(DEFAULT_PROFILE, seed, i, '+33612345678', false),
  );
  const configs = scripts.map((call) => {
    const parsed = parseCallInput(call.input);
    if (!parsed.ok) throw new Error('bug: sampled input is invalid');
    return parsed.value;
  });
  gc();
  const before = process.memoryUsage().heapUsed;
  // Every call started and fed the first half of its events: all of them in progress at once.
  const calls = configs.map((config, i) => {
    const call = new FastCall(config);
    const events = (scripts[i] as SampledCall).events;
    for (const event of events.slice(0, Math.ceil(events.length / 2))) call.send(event);
    return call;
  });
  gc();
  const after = process.memoryUsage().heapUsed;
  const inProgress = calls.filter((call) => !call.done).length;
  console.log(
    `\nMemory with ${inFlight.toLocaleString('en-US')} calls in flight (FastCall, half their events applied; ${inProgress.toLocaleString('en-US')} not ended):`,
  );
  console.log(
    `  ${((after - before) / inFlight).toFixed(0)} bytes per call (target ≤ 2048), heap growth ${((after - before) / 1e6).toFixed(1)} MB`,
  );
}

await campaignBench();
engineBench();
memoryBench();
