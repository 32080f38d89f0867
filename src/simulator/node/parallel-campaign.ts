// Node-only: a campaign simulated on worker threads, with the same records as in-thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { simulateBatches, type CampaignBatch } from '../campaign.js';
import { Channels } from '../channels.js';
import type { EngineName } from '../engine/engines.js';
import { Unpacker, type PackedChunk } from '../pack.js';
import type { CampaignPlan } from '../plan.js';
import type { Profile } from '../profile.js';
import type { RecordTextFormat } from '../serialize.js';

/** What each worker is started with: the plan, minus what cannot cross threads. */
export interface WorkerSetup {
  readonly seed: string;
  readonly profile: Profile;
  readonly engine: EngineName;
  readonly numbers: readonly string[] | null;
  readonly count: number;
  readonly blacklist: readonly string[];
  readonly format: RecordTextFormat | null;
}

/** Campaigns smaller than this run in-thread: starting workers costs more than it saves. */
export const PARALLEL_FROM_CALLS = 300_000;

/** Workers by default: none for small campaigns, one per core (at most 4) for big ones. */
export function defaultWorkers(calls: number): number {
  return calls < PARALLEL_FROM_CALLS ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

/** Calls per message to a worker: big enough to amortize a message, small enough to stream. */
export const CHUNK_SIZE = 2_000;
const YOUNG_GENERATION_MB = 48;

/**
 * The compiled worker script. Run from TypeScript sources (the tests), this module's sibling is
 * a .ts file Node cannot start as a worker, so the compiled copy in dist/ is used.
 */
function workerScript(): URL {
  const here = new URL('./campaign-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(
    import.meta.url.replace(/\/src\/simulator\/node\/[^/]+\.ts$/, '/dist/src/simulator/node/campaign-worker.js'),
  );
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error('the campaign worker is not built: run npm run build');
}

interface Lane {
  readonly worker: Worker;
  readonly unpacker: Unpacker;
  readonly waiting: { resolve: (chunk: PackedChunk) => void; reject: (error: Error) => void }[];
}

function startLane(setup: WorkerSetup): Lane {
  // A bigger young generation: records are short-lived garbage, and fewer scavenges promote fewer of them.
  const worker = new Worker(workerScript(), {
    workerData: setup,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const lane: Lane = { worker, unpacker: new Unpacker(), waiting: [] };
  lane.worker.on('message', (chunk: PackedChunk) => lane.waiting.shift()?.resolve(chunk));
  const fail = (error: Error) => {
    for (const waiter of lane.waiting.splice(0)) waiter.reject(error);
  };
  lane.worker.on('error', fail);
  lane.worker.on('exit', (code) => fail(new Error(`a campaign worker stopped (exit code ${code})`)));
  return lane;
}

/**
 * `simulateBatches` on `workers` threads: chunk k goes to worker k mod W, chunks are read back in
 * order, and channels are assigned here, in index order, so the records are exactly those of a
 * single thread. At most two chunks per worker are in flight: memory stays flat.
 *
 * @example
 * for await (const batch of simulateBatchesParallel(planCampaign({ calls: 1_000_000 }), 2)) write(batch);
 */
export async function* simulateBatchesParallel(
  plan: CampaignPlan,
  workers: number,
  format: RecordTextFormat | null = null,
  chunkSize = CHUNK_SIZE,
): AsyncGenerator<CampaignBatch> {
  const engine = plan.engine;
  if (workers <= 1 || typeof engine !== 'string' || plan.count <= chunkSize) {
    yield* simulateBatches(plan, format);
    return;
  }
  const setup: WorkerSetup = {
    seed: plan.seedText,
    profile: plan.profile,
    engine,
    numbers: plan.numbers,
    count: plan.count,
    blacklist: [...plan.blacklist],
    format,
  };
  const lanes = Array.from({ length: workers }, () => startLane(setup));
  const channels = new Channels(plan.concurrency);
  const chunks = Math.ceil(plan.count / chunkSize);
  const pending: Promise<PackedChunk>[] = [];
  let sent = 0;
  const send = () => {
    const lane = lanes[sent % workers] as Lane;
    const start = sent * chunkSize;
    pending.push(new Promise((resolve, reject) => lane.waiting.push({ resolve, reject })));
    lane.worker.postMessage({ start, end: Math.min(plan.count, start + chunkSize) });
    sent++;
  };
  try {
    while (sent < chunks && sent < workers * 2) send();
    for (let k = 0; k < chunks; k++) {
      if (plan.signal?.aborted) return;
      const chunk = await (pending.shift() as Promise<PackedChunk>);
      if (sent < chunks) send();
      yield (lanes[k % workers] as Lane).unpacker.unpack(chunk, channels, format);
    }
  } finally {
    for (const lane of lanes) {
      lane.worker.removeAllListeners('exit');
      void lane.worker.terminate();
    }
  }
}
