// `npm run bench -- simulate`: the simulator's speed, as ratios measured in this run.
// 1. A million-call campaign with records streamed to a JSONL file, through the real CLI.
// 2. The fast engine against bench/reducer.ts (the hand-written floor) and against one XState
//    actor per call (the specification, measured on a sample and extrapolated per call).
// 3. Memory per call in progress, with 100,000 calls in flight.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCallInput } from '../src/call/input.js';
import { DEFAULT_PROFILE } from '../src/simulator/default-profile.js';
import { runFast, runWithXState } from '../src/simulator/engine/engines.js';
import { FastCall } from '../src/simulator/engine/fast-call.js';
import { seedHash } from '../src/simulator/prng.js';
import { sampleCall, type SampledCall } from '../src/simulator/sampler.js';
import { runReducer } from './reducer.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = join(ROOT, 'bin/call-lifecycle.js');
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);

function per(ms: number, count: number): string {
  return `${((ms * 1000) / count).toFixed(2)} µs/call`;
}

async function timeCli(args: string[]): Promise<number> {
  const started = performance.now();
  await promisify(execFile)('node', [CLI, ...args], { maxBuffer: 1 << 24 });
  return performance.now() - started;
}

async function campaignBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'simulate-bench-'));
  const file = join(dir, 'records.jsonl');
  const parallel = await timeCli(['simulate', '--calls', String(CALLS), '--records', file]);
  const size = (await stat(file)).size;
  const single = await timeCli(['simulate', '--calls', String(CALLS), '--records', file, '--workers', '1']);
  const noRecords = await timeCli(['simulate', '--calls', String(CALLS)]);
  await rm(dir, { recursive: true });
  console.log(`Campaign of ${CALLS.toLocaleString('en-US')} calls, default profile, records streamed to JSONL (${(size / 1e6).toFixed(0)} MB), ${availableParallelism()} cores:`);
  console.log(`  default workers:  ${(parallel / 1000).toFixed(2)} s wall (target ≤ 10 s)  ${Math.round(CALLS / (parallel / 1000)).toLocaleString('en-US')} calls/s`);
  console.log(`  --workers 1:      ${(single / 1000).toFixed(2)} s wall  → workers are ${(single / parallel).toFixed(2)}× faster`);
  console.log(`  without --records: ${(noRecords / 1000).toFixed(2)} s wall  → writing records costs ${(parallel / noRecords).toFixed(2)}× the simulation alone`);
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
  console.log(`\nEngines on the same ${calls.length.toLocaleString('en-US')} sampled calls (sampling them: ${per(sampling, calls.length)}):`);
  console.log(`  fast engine:      ${per(fast, calls.length)}`);
  console.log(`  bench/reducer.ts: ${per(reducer, calls.length)}  → fast engine = ${(fast / reducer).toFixed(2)}× the hand-written reducer (target within 5×)`);
  console.log(`  XState actor:     ${per(xstate, xstateCalls.length)} (on ${xstateCalls.length.toLocaleString('en-US')} calls)  → fast engine is ${(xstatePer / fastPer).toFixed(1)}× faster (target ≥ 10×)`);
}

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function memoryBench(): void {
  const gc = collectGarbage();
  const seed = seedHash(2);
  const inFlight = 100_000;
  const scripts = Array.from({ length: inFlight }, (_, i) => sampleCall(DEFAULT_PROFILE, seed, i, '+33612345678', false));
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
  console.log(`\nMemory with ${inFlight.toLocaleString('en-US')} calls in flight (FastCall, half their events applied; ${inProgress.toLocaleString('en-US')} not ended):`);
  console.log(`  ${((after - before) / inFlight).toFixed(0)} bytes per call (target ≤ 2048), heap growth ${((after - before) / 1e6).toFixed(1)} MB`);
}

await campaignBench();
engineBench();
memoryBench();
