import { resolve } from 'node:path';
import { PROVIDER_NAMES } from '../../carriers/providers/types.js';
import { SECRET_ENV } from '../../serve/node/auth/config.js';
import { openStore, StoreSpecError } from '../../serve/node/open-store.js';
import { startServer, type RunningServer } from '../../serve/node/server.js';
import { describeValue } from '../../../machines/result.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { DEFAULT_MESSAGE_MS, parseMessages } from '../messages-option.js';

const NAME = 'serve';
const DEFAULT_GRACE_MS = 10_000;
/** A day: a call with no callback for that long and none saying it ended was lost, not long. */
const DEFAULT_IDLE_MS = 86_400_000;

const help = `Usage: call-lifecycle serve [options]

Listens for providers' status callbacks (and the generic API), stores each one durably before
answering 2xx, and writes each call's record once the provider reports the call over and the grace
window for late callbacks has passed: the record \`normalize\` gives for the same callbacks. Killed at
any moment and restarted on the same store, it resumes every call. See docs/serve.md.

Options:
  --port <n>            port to listen on (default 8080; 0 picks a free one)
  --host <addr>         address to listen on (default 127.0.0.1)
  --store <spec>        sqlite:PATH (default sqlite:./call-lifecycle.db), created on first run, or
                        postgres://user@host:port/db to share one database between several serve
                        processes behind a load balancer (docs/scale-out.md)
  --advertise-url <url> postgres: the URL the other processes reach this one at, for generic API
                        requests only a call's owner can apply (default the address it listens on)
  --lease-ms <ms>       postgres: how long a process's partitions wait after it stops renewing
                        before another takes them over (default 10000)
  --records <file>      also append every ended call's record to this JSON-lines file
  --public-url <url>    the URL providers call (signatures cover it; set it behind a proxy)
  --message-ms <ms>     the length of the one message each call plays (default ${DEFAULT_MESSAGE_MS})
  --messages <file>     a JSON array of messages [{ "id": "m1", "durationMs": 12000 }, ...] instead
  --voicemail <policy>  leave (default) or hangup, when a voicemail answers
  --to <+E164>          the destination for calls whose callbacks name none
  --grace <ms>          how long after a call is reported over its record waits (default ${DEFAULT_GRACE_MS})
  --idle-ms <ms>        a call never reported over gets its record this long after its last
                        callback (default ${DEFAULT_IDLE_MS}, a day)
  --forward <url>       POST each record there, at least once, Idempotency-Key = its call id
  --allow-unsigned      accept unsigned requests for sources with no secret (local trials only)

Secrets (environment): ${[...new Set(Object.values(SECRET_ENV))].join(', ')}.
A source without its secret is refused unless --allow-unsigned. CALL_LIFECYCLE_TOKEN is the bearer
token of the generic API, of the Asterisk/FreeSWITCH bridges and of reading calls and records.

Stops cleanly on SIGINT or SIGTERM. Exit codes: 0 stopped, 2 bad options.
`;

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new UsageError(
      `${NAME}: --${name}: expected a whole number from ${min} to ${max}, got ${describeValue(value)}`,
    );
  return number;
}

function url(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new UsageError(`${NAME}: --${name}: expected an http(s) URL, got ${describeValue(value)}`);
  return value;
}

function banner(server: RunningServer, unsigned: readonly string[], configured: (source: string) => boolean): string {
  const lines = [`call-lifecycle serve: listening on ${server.url}`, "Point each provider's status callbacks at:"];
  for (const provider of PROVIDER_NAMES) {
    const state = configured(provider)
      ? 'signed'
      : unsigned.includes(provider)
        ? 'UNSIGNED'
        : `closed: set ${SECRET_ENV[provider]}`;
    lines.push(`  ${provider.padEnd(10)} ${server.url}/webhooks/${provider}  (${state})`);
  }
  lines.push(`Generic API: POST ${server.url}/calls, POST ${server.url}/calls/{id}/events`);
  lines.push(`Records: ${server.url}/records · dashboard: ${server.url}/ · metrics: ${server.url}/metrics`);
  return `${lines.join('\n')}\n`;
}

export const serveCommand: Command = {
  name: NAME,
  summary: "listen for providers' webhooks and write each call's record, durably",
  help,
  async run(args, io: CliIO) {
    const { values } = parseOptions(NAME, args, {
      port: { type: 'string' },
      host: { type: 'string' },
      store: { type: 'string' },
      records: { type: 'string' },
      'public-url': { type: 'string' },
      'message-ms': { type: 'string' },
      messages: { type: 'string' },
      voicemail: { type: 'string' },
      to: { type: 'string' },
      grace: { type: 'string' },
      'idle-ms': { type: 'string' },
      forward: { type: 'string' },
      'allow-unsigned': { type: 'boolean' },
      'lease-ms': { type: 'string' },
      'advertise-url': { type: 'string' },
    });
    const port = whole('port', values.port, 8080, 0, 65_535);
    const graceMs = whole('grace', values.grace, DEFAULT_GRACE_MS, 0, 86_400_000);
    const idleMs = whole('idle-ms', values['idle-ms'], DEFAULT_IDLE_MS, 1, 30 * 86_400_000);
    const messages = await parseMessages(NAME, values, io);
    const voicemail = values.voicemail ?? 'leave';
    if (voicemail !== 'leave' && voicemail !== 'hangup')
      throw new UsageError(`${NAME}: --voicemail: expected "leave" or "hangup", got ${describeValue(voicemail)}`);
    if (values.to !== undefined && !/^\+[1-9]\d{1,14}$/.test(values.to))
      throw new UsageError(
        `${NAME}: --to: expected an E.164 number such as "+33612345678", got ${describeValue(values.to)}`,
      );
    const publicUrl = url('public-url', values['public-url']);
    const forwardUrl = url('forward', values.forward);
    const advertiseUrl = url('advertise-url', values['advertise-url']);
    const allowUnsigned = values['allow-unsigned'] === true;
    const leaseMs = whole('lease-ms', values['lease-ms'], 10_000, 300, 3_600_000);
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore(values.store ?? 'sqlite:./call-lifecycle.db', io.cwd, {
        leaseMs,
        log: (line) => io.stderr(`${line}\n`),
      });
    } catch (error) {
      const reason =
        error instanceof StoreSpecError ? error.message : `--store: cannot open: ${(error as Error).message}`;
      throw new UsageError(`${NAME}: ${reason}`);
    }
    const log = (line: string) => io.stderr(`${line}\n`);
    let server: RunningServer;
    try {
      server = await startServer({
        port,
        host: values.host ?? '127.0.0.1',
        store,
        recordsPath: values.records === undefined ? null : resolve(io.cwd, values.records),
        publicUrl,
        messages,
        voicemail,
        ...(values.to === undefined ? {} : { to: values.to }),
        graceMs,
        idleMs,
        forwardUrl,
        advertiseUrl,
        allowUnsigned,
        env: process.env,
        log,
      });
    } catch (error) {
      await store.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
        throw new UsageError(`${NAME}: cannot listen on ${values.host ?? '127.0.0.1'}:${port}: ${code}`);
      if (/TELNYX_PUBLIC_KEY/.test((error as Error).message))
        throw new UsageError(`${NAME}: ${(error as Error).message}`);
      throw error;
    }
    const unsigned = server.access.unsigned();
    io.stdout(banner(server, unsigned, (source) => server.access.has(source as never)));
    if (unsigned.length > 0)
      log(
        `call-lifecycle: serve: WARNING: --allow-unsigned: ${unsigned.join(', ')} accept UNSIGNED requests: anyone who can reach ${server.url} can write calls. For local trials only.`,
      );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
