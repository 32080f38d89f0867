// `npm run bench -- scale-out`: signed Twilio callbacks per second and ack latency of `serve` on
// SQLite (one process) and on PostgreSQL with one, two and three processes, all in this run, on
// loopback. Every 2xx is a callback committed to disk (SQLite: its WAL fsynced; PostgreSQL
// synchronous_commit as the server is set, printed below). Load: autocannon, one instance per
// process (a load balancer's round-robin), the same total connections for every configuration.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { callbackSource, type LoadRequest } from './signed-callbacks.js';

interface Result {
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly requests: { readonly total: number };
}
type Request = { method: string; path: string; body?: string; headers?: Record<string, string> };
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: { setupRequest: (request: Request) => Request }[];
}) => Promise<Result>;
// autocannon ships no type declarations: the few fields used here are declared above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 48);
const ADMIN_URL = process.env.CL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = resolve(import.meta.dirname, '../../bin/call-lifecycle.js');
const PUBLIC_URL = 'https://calls.example.test';
const TOKEN = 'bench-auth-token';
const run = Date.now().toString(36);

/** CPU time (user + system, ms) a process has used, from /proc (Linux); 0 elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

function startServe(store: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--store', store, '--public-url', PUBLIC_URL, '--grace', '1000'],
    { env: { ...process.env, TWILIO_AUTH_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined) resolveStart({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
}

async function load(urls: readonly string[], seconds: number, next: () => LoadRequest): Promise<Result[]> {
  const connections = Math.max(1, Math.floor(CONNECTIONS / urls.length));
  const setupRequest = (request: Request): Request => ({ ...request, ...next() });
  return Promise.all(
    urls.map((url) => autocannon({ url, connections, duration: seconds, requests: [{ setupRequest }] })),
  );
}

async function measure(label: string, stores: readonly string[]): Promise<string[]> {
  const started = await Promise.all(stores.map(startServe));
  try {
    const urls = started.map((serve) => serve.url);
    // One sequence of callbacks for all the processes, as a load balancer spreads one provider's.
    const next = callbackSource(
      new URL('/webhooks/twilio', PUBLIC_URL),
      TOKEN,
      (SECONDS + 1) * 8_000,
      `${run}x${label.length}x${stores.length}`,
    );
    await load(urls, 1, next); // warm-up: connections, JIT, the first records
    const cpuBefore = started.reduce((sum, serve) => sum + cpuMs(serve.child.pid), 0);
    const results = await load(urls, SECONDS, next);
    const cpu = started.reduce((sum, serve) => sum + cpuMs(serve.child.pid), 0) - cpuBefore;
    const served = results.reduce((sum, result) => sum + result.requests.total, 0);
    const acked = results.reduce((sum, result) => sum + result['2xx'], 0);
    const failed = results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0);
    return [
      label,
      String(stores.length),
      Math.round(acked / SECONDS).toLocaleString('en-US'),
      Math.max(...results.map((result) => result.latency.p50)).toFixed(0),
      Math.max(...results.map((result) => result.latency.p99)).toFixed(0),
      String(failed),
      served === 0 || cpu === 0 ? '-' : `${Math.round((cpu * 1000) / served)} µs`,
    ];
  } finally {
    for (const serve of started) serve.child.kill('SIGTERM');
    await Promise.all(started.map((serve) => new Promise((done) => serve.child.once('exit', done))));
  }
}

async function adminQuery(sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const result = await client.query(sql);
    return String(Object.values(result.rows[0] ?? {})[0] ?? '');
  } finally {
    await client.end();
  }
}

const loadStart = loadavg()[0] ?? 0;
const scratch = mkdtempSync(join(tmpdir(), 'cl-bench-'));
const rows: string[][] = [];
try {
  rows.push(await measure('SQLite', [`sqlite:${join(scratch, 'bench.db')}`]));
  let synchronous = '';
  try {
    synchronous = await adminQuery('SHOW synchronous_commit');
  } catch (error) {
    console.log(`PostgreSQL skipped: none at ${ADMIN_URL} (${(error as Error).message})`);
  }
  if (synchronous !== '') {
    for (const processes of [1, 2, 3]) {
      const name = `cl_bench_${process.pid}_${processes}`;
      await adminQuery(`CREATE DATABASE ${name}`);
      try {
        const url = new URL(ADMIN_URL);
        url.pathname = `/${name}`;
        // The first process migrates; the others join it.
        const first = await measure(
          'PostgreSQL',
          Array.from({ length: processes }, () => url.toString()),
        );
        rows.push(first);
      } finally {
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }
    console.log(`PostgreSQL synchronous_commit = ${synchronous}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const base = Number((rows[0]?.[2] ?? '0').replace(/,/g, ''));
const header = [
  'store',
  'processes',
  'callbacks/s',
  'p50 ack ms',
  'p99 ack ms',
  'not 2xx',
  'serve CPU per request',
  'vs SQLite',
];
console.log(
  `${SECONDS} s per configuration, ${CONNECTIONS} connections in all, on ${availableParallelism()} cores (load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0]?.toFixed(1)} at the end)\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) {
  const rate = Number((row[2] ?? '0').replace(/,/g, ''));
  console.log(`| ${[...row, base > 0 ? `${(rate / base).toFixed(2)}×` : '-'].join(' | ')} |`);
}
