import type { MessageSpec, VoicemailPolicy } from '../../../machines/input.js';
import { ServeMetrics } from '../metrics.js';
import { RecordFeed } from '../record-feed.js';
import { CallService } from '../service.js';
import type { CallStore } from '../store/types.js';
import { buildApp } from './app.js';
import { Access } from './auth/config.js';
import { dashboardRoutes } from './dashboard.js';
import { forwardRecords } from './forwarder.js';
import { followRecordsFile } from './records-file.js';

/** Everything `call-lifecycle serve` is started with. */
export interface ServeConfig {
  /** @defaultValue 8080 (0 picks a free port) */
  readonly port: number;
  /** @defaultValue `"127.0.0.1"` */
  readonly host: string;
  readonly store: CallStore;
  /** `--records PATH.jsonl`: append every ended call's record. */
  readonly recordsPath: string | null;
  readonly publicUrl: string | null;
  readonly messages: readonly MessageSpec[];
  readonly voicemail: VoicemailPolicy;
  readonly to?: string;
  readonly graceMs: number;
  /** A call never reported over gets its record this long after its last callback (ms). */
  readonly idleMs: number;
  readonly forwardUrl: string | null;
  readonly allowUnsigned: boolean;
  /** Where secrets are read from (`process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
  /** @defaultValue 65536 */
  readonly bodyLimit?: number;
  /**
   * Shared store: the URL the other processes reach this one at, for generic API requests only
   * this process can apply. @defaultValue the address it listens on
   */
  readonly advertiseUrl?: string | null;
}

export interface RunningServer {
  /** The base URL it listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly service: CallService;
  readonly access: Access;
  /** Stops taking requests, lets the ones in flight finish, commits, closes the store. */
  close(): Promise<void>;
}

/**
 * Starts `serve`: resumes every call the store has without a record, then listens.
 *
 * @example
 * const server = await startServer({ ...config, store: openSqliteStore('calls.db') });
 * await server.close();
 */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  const access = Access.fromEnv(config.env, config.allowUnsigned);
  const service = new CallService(config.store, {
    messages: config.messages,
    voicemail: config.voicemail,
    graceMs: config.graceMs,
    idleMs: config.idleMs,
    ...(config.to === undefined ? {} : { to: config.to }),
  });
  const metrics = new ServeMetrics();
  const feed = new RecordFeed(config.store);
  service.onRecord((record) => {
    metrics.recordEnded(record.body);
    feed.notify();
  });
  const background = new AbortController();
  const tasks: Promise<void>[] = [];
  const run = (task: Promise<void>, what: string) =>
    tasks.push(task.catch((error: Error) => config.log(`call-lifecycle: serve: ${what} stopped: ${error.message}`)));
  if (config.recordsPath !== null) run(followRecordsFile(config.recordsPath, feed, background.signal), '--records');
  if (config.forwardUrl !== null)
    run(forwardRecords(config.forwardUrl, config.store, feed, background.signal, config.log), '--forward');
  await service.start();
  const app = buildApp({
    service,
    access,
    metrics,
    feed,
    publicUrl: config.publicUrl,
    log: config.log,
    ...(config.bodyLimit === undefined ? {} : { bodyLimit: config.bodyLimit }),
  });
  dashboardRoutes(app, { service, access, feed, publicUrl: config.publicUrl });
  const address = await app.listen({ port: config.port, host: config.host });
  await config.store.ownership?.advertise(config.advertiseUrl ?? address);
  return {
    url: address,
    service,
    access,
    async close() {
      feed.close();
      await app.close();
      service.stop();
      background.abort();
      await Promise.all(tasks);
      await config.store.close();
    },
  };
}
