import { createHash, createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ProviderName } from '../../src/carriers/providers/types.js';
import { openSqliteStore } from '../../src/serve/node/sqlite-store.js';
import { type RunningServer, type ServeConfig, startServer } from '../../src/serve/node/server.js';
import { runCli } from '../support/cli.js';

/** Secrets a test generates for itself, and the environment that hands them to the server. */
export function testSecrets() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const telnyxPublic = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64');
  return {
    twilio: 'twilio-auth-token',
    plivo: 'plivo-auth-token',
    vonage: 'vonage-signature-secret',
    token: 'generic-bearer-token',
    telnyxPrivate: privateKey,
    env: {
      TWILIO_AUTH_TOKEN: 'twilio-auth-token',
      PLIVO_AUTH_TOKEN: 'plivo-auth-token',
      VONAGE_SIGNATURE_SECRET: 'vonage-signature-secret',
      TELNYX_PUBLIC_KEY: telnyxPublic,
      CALL_LIFECYCLE_TOKEN: 'generic-bearer-token',
    },
  };
}
export type TestSecrets = ReturnType<typeof testSecrets>;

export interface SignedPost {
  readonly body: string;
  readonly headers: Record<string, string>;
}

const sortPairs = (pairs: [string, string][]) => [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Signs a callback the way each provider documents it (written here from the providers' pages,
 * not from the server's code): Twilio https://www.twilio.com/docs/usage/webhooks/webhooks-security,
 * Plivo https://www.plivo.com/docs/voice/concepts/signature-validation, Telnyx
 * https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks#webhook-signing, Vonage
 * https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks.
 */
export function signedPost(
  provider: ProviderName,
  payload: Record<string, unknown>,
  url: string,
  secrets: TestSecrets,
  nowMs = Date.now(),
): SignedPost {
  if (provider === 'twilio' || provider === 'plivo') {
    const pairs = Object.entries(payload).map(([name, value]) => [name, String(value)] as [string, string]);
    const body = new URLSearchParams(pairs).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    if (provider === 'twilio') {
      const data =
        url +
        sortPairs(pairs)
          .map(([name, value]) => `${name}${value}`)
          .join('');
      const signature = createHmac('sha1', secrets.twilio).update(data).digest('base64');
      return { body, headers: { ...form, 'x-twilio-signature': signature } };
    }
    const nonce = String(nowMs % 100_000_000);
    const data = `${url}?${sortPairs(pairs)
      .map(([name, value]) => `${name}${value}`)
      .join('')}.${nonce}`;
    const signature = createHmac('sha256', secrets.plivo).update(data).digest('base64');
    return { body, headers: { ...form, 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': nonce } };
  }
  const body = JSON.stringify(payload);
  const json = { 'content-type': 'application/json' };
  if (provider === 'telnyx') {
    const timestamp = String(Math.floor(nowMs / 1000));
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`), secrets.telnyxPrivate).toString('base64');
    return { body, headers: { ...json, 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': signature } };
  }
  if (provider === 'vonage') {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      iat: Math.floor(nowMs / 1000),
      jti: `${nowMs}`,
      payload_hash: createHash('sha256').update(body).digest('hex'),
    };
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    const token = `${unsigned}.${createHmac('sha256', secrets.vonage).update(unsigned).digest('base64url')}`;
    return { body, headers: { ...json, authorization: `Bearer ${token}` } };
  }
  return { body, headers: { ...json, authorization: `Bearer ${secrets.token}` } };
}

/** A server on loopback with a fresh SQLite store in a temporary directory. */
export async function startTestServer(
  overrides: Partial<ServeConfig> & { secrets?: TestSecrets } = {},
): Promise<{ server: RunningServer; dir: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-serve-'));
  const { secrets, ...config } = overrides;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store: openSqliteStore(join(dir, 'calls.db')),
    recordsPath: null,
    publicUrl: null,
    messages: [{ id: 'message', durationMs: 30_000 }],
    voicemail: 'leave',
    graceMs: 0,
    idleMs: 86_400_000,
    forwardUrl: null,
    allowUnsigned: false,
    env: secrets?.env ?? {},
    log: () => {},
    ...config,
  });
  return {
    server,
    dir,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` gives a value (polling: records are written after the grace window). */
export async function eventually<T>(check: () => Promise<T | null | undefined>, what: string, tries = 600): Promise<T> {
  for (let attempt = 0; attempt < tries; attempt++) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export async function recordsOf(url: string, token: string): Promise<string[]> {
  const response = await fetch(`${url}/records`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.text()).split('\n').filter((line) => line !== '');
}

/** A response's JSON body, typed by the caller (the test asserts its fields). */
export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/**
 * What `normalize` prints for `callbacks` (the CLI in-process, the callbacks as JSON lines on
 * standard input): one line per call, the line a server's record must equal. `exitCode` is the
 * exit normalize must give (3 when a call's log ends with no final status).
 */
export async function normalizedLines(
  provider: ProviderName,
  callbacks: readonly Record<string, unknown>[],
  options: { readonly args?: readonly string[]; readonly exitCode?: number } = {},
): Promise<string[]> {
  const stdin = callbacks.map((callback) => JSON.stringify(callback)).join('\n');
  const run = await runCli(['normalize', '--provider', provider, ...(options.args ?? [])], { stdin });
  expect(run.code, run.stderr).toBe(options.exitCode ?? 0);
  return run.stdout.split('\n').filter((line) => line !== '');
}

/** The call id a record line (or `normalize` line) names. */
export const callIdOf = (line: string): string => (JSON.parse(line) as { callId: string }).callId;
