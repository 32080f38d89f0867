// Node-only: a worker thread of `simulateBatchesParallel`. It simulates the chunks of calls it is
// sent, in the order sent, and posts each back packed (src/simulator/pack.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { Packer } from '../pack.js';
import { planCampaign } from '../plan.js';
import { simulateChunk } from './chunk.js';
import { injectedFault } from './fault-injection.js';
import type { WorkerSetup } from './parallel-campaign.js';

const setup = workerData as WorkerSetup;
const plan = planCampaign({
  seed: setup.seed,
  profile: setup.profile,
  concurrency: 1,
  engine: setup.engine,
  blacklist: setup.blacklist,
  ...(setup.numbers === null ? { calls: setup.count } : { numbers: setup.numbers }),
});
const packer = new Packer(setup.format);
const port = parentPort;
if (port === null) throw new Error('bug: campaign-worker.js runs as a worker thread only');
const fault = injectedFault(process.env.CALL_LIFECYCLE_INJECT_FAULT);

port.on('message', ({ start, end }: { start: number; end: number }) => {
  if (fault !== null && start === fault.chunkStart) fault.trigger();
  const chunk = simulateChunk(plan, packer, start, end);
  port.postMessage(chunk, [
    chunk.numbers.buffer as ArrayBuffer,
    chunk.bodies.buffer as ArrayBuffer,
    chunk.bodyEnds.buffer as ArrayBuffer,
  ]);
});
