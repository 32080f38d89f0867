// `npm run bench -- serve`: signed webhooks per second into `call-lifecycle serve` with its SQLite
// store, and the acknowledgement latency, with autocannon on loopback. The server runs as a child
// process (the real CLI); the load generator shares the machine's two cores with it. The baseline,
// in the same run, is the same server answering GET /healthz (no store, no signature): the ratio
// says what durability and signatures cost. Two webhook runs: as fast as the connections go, and
// at the issue's target rate (5,000/s offered), whose p99 is the latency at that rate.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { callbackSource } from './signed-callbacks.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TOKEN = 'bench-twilio-auth-token';
const DURATION = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_SERVE_CONNECTIONS ?? 32);
const TARGET_RATE = 5_000;

async function startServer(store: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(
    'node',
    [resolve(ROOT, 'bin/call-lifecycle.js'), 'serve', '--port', '0', '--store', `sqlite:${store}`, '--grace', '1000'],
    { env: { ...process.env, TWILIO_AUTH_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((done) => child.once('exit', done));
  const url = await new Promise<string>((done) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match?.[1] !== undefined) done(match[1]);
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * CPU time (user + system, ms) the process has used, from /proc (Linux; null elsewhere). Divided by
 * the requests served it is a cost per request that other load on the machine hardly changes,
 * unlike a rate.
 */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function measured(
  pid: number,
  run: () => Promise<Result>,
): Promise<{ result: Result; cpuPerRequest: number | null }> {
  const before = cpuMs(pid);
  const result = await run();
  const after = cpuMs(pid);
  const served = result.requests.total;
  return {
    result,
    cpuPerRequest: before === null || after === null || served === 0 ? null : ((after - before) * 1000) / served,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

const dir = await mkdtemp(join(tmpdir(), 'serve-bench-'));
const store = join(dir, 'calls.db');
const server = await startServer(store);
const webhookUrl = new URL('/webhooks/twilio', server.url);
// Enough presigned callbacks for both webhook runs at up to 10,000/s.
const next = callbackSource(webhookUrl, TOKEN, DURATION * 20_000);
const webhooks = () => [{ setupRequest: (request: object) => ({ ...request, ...next() }) }];
const load = loadavg()[0] ?? 0;

const baseline = await measured(server.pid, () =>
  autocannon({ url: `${server.url}/healthz`, connections: CONNECTIONS, duration: DURATION }),
);
const fastest = await measured(server.pid, () =>
  autocannon({ url: webhookUrl.href, connections: CONNECTIONS, duration: DURATION, requests: webhooks() }),
);
const atTarget = await measured(server.pid, () =>
  autocannon({
    url: webhookUrl.href,
    connections: CONNECTIONS,
    duration: DURATION,
    overallRate: TARGET_RATE,
    requests: webhooks(),
  }),
);
await new Promise((done) => setTimeout(done, 1_500));
await server.stop();
const loadAfter = loadavg()[0] ?? 0;

// Every acknowledged callback must be in the store: count them after a clean stop.
const db = new Database(store, { readonly: true });
const stored = (db.prepare('SELECT count(*) AS n FROM callbacks').get() as { n: number }).n;
const records = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
db.close();
await rm(dir, { recursive: true });
const acknowledged = fastest.result['2xx'] + atTarget.result['2xx'];

console.log(
  `${CONNECTIONS} connections, ${DURATION} s per run, on loopback (${availableParallelism()} cores, load average ${load.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end)`,
);
console.log('');
console.log('| run | requests/s | p50 | p99 | max | non-2xx | server CPU per request |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [name, { result, cpuPerRequest }] of [
  ['GET /healthz (baseline)', baseline],
  ['signed Twilio webhooks, SQLite store, as fast as they go', fastest],
  [`signed Twilio webhooks, SQLite store, ${rate(TARGET_RATE)} offered`, atTarget],
] as const)
  console.log(
    `| ${name} | ${rate(result.requests.average)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${ms(result.latency.max)} | ${result.non2xx + result.errors} | ${cpuPerRequest === null ? '-' : `${Math.round(cpuPerRequest)} µs`} |`,
  );
console.log('');
console.log(
  `Webhooks at ${((fastest.result.requests.average / baseline.result.requests.average) * 100).toFixed(0)} % of the baseline's rate; ` +
    `${acknowledged.toLocaleString('en-US')} acknowledged, ${stored.toLocaleString('en-US')} callbacks in the store ` +
    `(${stored >= acknowledged ? 'every acknowledged callback is there' : 'MISSING acknowledged callbacks'}), ${records.toLocaleString('en-US')} records written.`,
);
