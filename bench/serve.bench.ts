// `npm run bench -- serve`: signed webhooks per second into `call-lifecycle serve` with its SQLite
// store, and the acknowledgement latency, with autocannon on loopback. The server runs as a child
// process (the real CLI); the load generator shares the machine's other core. The baseline, in the
// same run, is the same server answering GET /healthz (no store, no signature): the ratio says
// what durability and signatures cost.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const ROOT = resolve(import.meta.dirname, '../..');
const TOKEN = 'bench-twilio-auth-token';
const DURATION = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_SERVE_CONNECTIONS ?? 64);

async function startServer(store: string): Promise<{ url: string; stop: () => Promise<void> }> {
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
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Twilio's signature (HMAC-SHA1 of the URL and the sorted form fields), as the provider computes it. */
function signed(url: string, fields: [string, string][]): { body: string; signature: string } {
  const sorted = [...fields].sort(([a], [b]) => (a < b ? -1 : 1));
  const signature = createHmac('sha1', TOKEN)
    .update(url + sorted.map(([name, value]) => name + value).join(''))
    .digest('base64');
  return { body: new URLSearchParams(fields).toString(), signature };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

const dir = await mkdtemp(join(tmpdir(), 'serve-bench-'));
const store = join(dir, 'calls.db');
const server = await startServer(store);
const load = loadavg()[0] ?? 0;

const baseline = await autocannon({ url: `${server.url}/healthz`, connections: CONNECTIONS, duration: DURATION });

// Each request is a new callback: call n rings, then is busy (two callbacks per call), so the store
// also writes one record per call once its grace window has passed.
let sent = 0;
const webhookUrl = `${server.url}/webhooks/twilio`;
const webhooks = await autocannon({
  url: webhookUrl,
  connections: CONNECTIONS,
  duration: DURATION,
  method: 'POST',
  requests: [
    {
      setupRequest: (request) => {
        const n = sent++;
        const call = `CA${Math.floor(n / 2)}`;
        const second = Math.floor(n / 2) % 50_000;
        const fields: [string, string][] = [
          ['CallSid', call],
          ['CallStatus', n % 2 === 0 ? 'ringing' : 'busy'],
          ['To', '+33612345678'],
          ['SequenceNumber', String(n % 2)],
          ['Timestamp', new Date(Date.UTC(2026, 0, 5) + second * 1000 + (n % 2) * 5000).toUTCString()],
        ];
        const { body, signature } = signed(webhookUrl, fields);
        return {
          ...request,
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        };
      },
    },
  ],
});
await new Promise((done) => setTimeout(done, 1_500));
await server.stop();

// Every acknowledged callback must be in the store: count them after a clean stop.
const db = new Database(store, { readonly: true });
const stored = (db.prepare('SELECT count(*) AS n FROM callbacks').get() as { n: number }).n;
const records = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
db.close();
await rm(dir, { recursive: true });

console.log(
  `${CONNECTIONS} connections, ${DURATION} s each, on loopback (${availableParallelism()} cores, load average ${load.toFixed(1)} at the start)`,
);
console.log('');
console.log('| run | requests/s | p50 | p99 | max | non-2xx |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, result] of [
  ['GET /healthz (baseline)', baseline],
  ['signed Twilio webhooks, SQLite store', webhooks],
] as const)
  console.log(
    `| ${name} | ${rate(result.requests.average)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${ms(result.latency.max)} | ${result.non2xx + result.errors} |`,
  );
console.log('');
console.log(
  `Webhooks at ${((webhooks.requests.average / baseline.requests.average) * 100).toFixed(0)} % of the baseline's rate; ` +
    `${webhooks['2xx'].toLocaleString('en-US')} acknowledged, ${stored.toLocaleString('en-US')} callbacks in the store ` +
    `(${stored >= webhooks['2xx'] ? 'every acknowledged callback is there' : 'MISSING acknowledged callbacks'}), ${records.toLocaleString('en-US')} records written.`,
);
