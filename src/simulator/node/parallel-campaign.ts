// Node-only: a campaign simulated on worker threads, with the same records as in-thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { simulateBatches, type CampaignBatch } from '../campaign.js';
import { Channels } from '../channels.js';
import type { EngineName } from '../engine/engines.js';
import { Packer, Unpacker, type PackedChunk } from '../pack.js';
import { simulateChunk } from './chunk.js';
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
const PARALLEL_FROM_CALLS = 300_000;

/** Workers by default: none for small campaigns, one per core (at most 4) for big ones. */
export function defaultWorkers(calls: number): number {
  return calls < PARALLEL_FROM_CALLS ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

/** Calls per message to a worker: big enough to amortize a message, small enough to stream. */
const CHUNK_SIZE = 2_000;
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

/** A chunk of packed calls and the unpacker that shares its packer's string table. */
interface Produced {
  readonly chunk: PackedChunk;
  readonly unpacker: Unpacker;
}

interface Request {
  readonly start: number;
  readonly end: number;
  readonly resolve: (produced: Produced) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Recomputes a chunk in this thread, for a worker that failed. Its own packer and unpacker: the
 * records are the same (each call depends on the seed and its index alone), only slower.
 */
function rescue(plan: CampaignPlan, format: RecordTextFormat | null, request: Request): void {
  try {
    const chunk = simulateChunk(plan, new Packer(format), request.start, request.end);
    request.resolve({ chunk, unpacker: new Unpacker() });
  } catch (error) {
    request.reject(error);
  }
}

/**
 * One worker thread and the chunks it owes, in order. When the thread fails (an uncaught error,
 * an exit, running out of memory), the chunks it owes and every later one are recomputed in this
 * thread, and `onFailure` hears why, once.
 */
class Lane {
  private readonly worker: Worker;
  private readonly unpacker = new Unpacker();
  private readonly waiting: Request[] = [];
  private failed = false;
  private closing = false;
  private readonly format: RecordTextFormat | null;

  constructor(
    setup: WorkerSetup,
    private readonly plan: CampaignPlan,
    private readonly onFailure: (error: Error) => void,
  ) {
    // A bigger young generation: records are short-lived garbage, and fewer scavenges promote fewer of them.
    this.format = setup.format;
    this.worker = new Worker(workerScript(), {
      workerData: setup,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker.on('message', (chunk: PackedChunk) =>
      this.waiting.shift()?.resolve({ chunk, unpacker: this.unpacker }),
    );
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`a campaign worker stopped (exit code ${code})`)));
  }

  request(start: number, end: number): Promise<Produced> {
    return new Promise((resolve, reject) => {
      const request = { start, end, resolve, reject };
      if (this.failed) return rescue(this.plan, this.format, request);
      this.waiting.push(request);
      this.worker.postMessage({ start, end });
    });
  }

  private fail(error: Error): void {
    if (this.closing || this.failed) return;
    this.failed = true;
    this.onFailure(error);
    void this.worker.terminate();
    for (const request of this.waiting.splice(0)) rescue(this.plan, this.format, request);
  }

  close(): void {
    this.closing = true;
    void this.worker.terminate();
  }
}

/** Resolves when `signal` aborts (never without one), so a wait on a worker cannot outlast Ctrl-C. */
function aborted(signal: AbortSignal | null): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (signal === null) return;
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

/** What to do when a worker thread fails (its calls are recomputed in this thread either way). */
export interface ParallelOptions {
  readonly chunkSize?: number;
  readonly onWorkerFailure?: (error: Error) => void;
}

/**
 * `simulateBatches` on `workers` threads: chunk k goes to worker k mod W, chunks are read back in
 * order, and channels are assigned here, in index order, so the records are exactly those of a
 * single thread. At most two chunks per worker are in flight: memory stays flat. A worker that
 * fails is replaced by this thread (same records, `onWorkerFailure` told); an abort of the plan's
 * signal ends the batches at once, even while a worker is stuck.
 *
 * @example
 * for await (const batch of simulateBatchesParallel(planCampaign({ calls: 1_000_000 }), 2)) write(batch);
 */
export async function* simulateBatchesParallel(
  plan: CampaignPlan,
  workers: number,
  format: RecordTextFormat | null = null,
  { chunkSize = CHUNK_SIZE, onWorkerFailure = () => undefined }: ParallelOptions = {},
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
  const lanes = Array.from({ length: workers }, () => new Lane(setup, plan, onWorkerFailure));
  const channels = new Channels(plan.concurrency);
  const chunks = Math.ceil(plan.count / chunkSize);
  const pending: Promise<Produced>[] = [];
  const stop = aborted(plan.signal);
  let sent = 0;
  const send = () => {
    const start = sent * chunkSize;
    const produced = (lanes[sent % workers] as Lane).request(start, Math.min(plan.count, start + chunkSize));
    // Awaited in order below; a failure of a chunk not yet awaited must not count as unhandled.
    produced.catch(() => undefined);
    pending.push(produced);
    sent++;
  };
  try {
    while (sent < chunks && sent < workers * 2) send();
    for (let k = 0; k < chunks; k++) {
      if (plan.signal?.aborted) return;
      const next = await Promise.race([pending.shift() as Promise<Produced>, stop]);
      if (next === 'aborted') return;
      if (sent < chunks) send();
      yield next.unpacker.unpack(next.chunk, channels, format);
    }
  } finally {
    for (const lane of lanes) lane.close();
  }
}
