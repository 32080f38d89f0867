// Fuzzing `serve`'s HTTP face: hostile bodies (random bytes, JSON bent out of shape, deep nesting,
// prototype-named keys, huge forms) under any content type, to every webhook and the generic API.
// Whatever arrives, the answer is a 2xx for a callback it could read, else a 4xx with one line of
// JSON naming why, and nothing stored; never a 5xx, a stack trace or a raw control character, and
// the server stays healthy. The server trusts unsigned requests here (--allow-unsigned), so every
// body reaches the parsers instead of stopping at the signature check. Runs scale with FC_NUM_RUNS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '../../support/property.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { PROVIDER_NAMES } from '../../../src/carriers/providers/index.js';
import { openSqliteStore } from '../../../src/serve/node/sqlite-store.js';
import type { RunningServer } from '../../../src/serve/node/server.js';
import { startTestServer } from '../../serve/support.js';
import { ROOT } from '../../support/cli.js';
import { hostileJson, hostileString, hostileText, nestedJson } from './hostile.js';

const RUNS = { numRuns: Number(process.env.FC_NUM_RUNS ?? 15) };
// serve's default limit (app.ts): deep JSON up to 10,000 levels fits under it.
const BODY_LIMIT = 65_536;

let server: RunningServer;
let stop: () => Promise<void>;
let dir: string;
/** Every append the store was asked for: a refused request must add none. */
let appends = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cl-serve-fuzz-'));
  const store = openSqliteStore(join(dir, 'calls.db'));
  const append = store.append.bind(store);
  store.append = (callback) => {
    appends++;
    return append(callback);
  };
  ({ server, stop } = await startTestServer({ allowUnsigned: true, bodyLimit: BODY_LIMIT, store }));
});
afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

const firstLine = (provider: string) =>
  JSON.parse(readFileSync(join(ROOT, 'examples/providers', `${provider}.jsonl`), 'utf8').split('\n')[0] as string);
const VALID = Object.fromEntries(PROVIDER_NAMES.map((provider) => [provider, firstLine(provider)]));

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
];
const contentType = fc.oneof(
  fc.constantFrom(...CONTENT_TYPES),
  hostileString.filter((text) => /^[\t\x20-\x7e]*$/.test(text)),
);
const route = fc.oneof(
  fc.constantFrom(...PROVIDER_NAMES).map((provider) => `/webhooks/${provider}`),
  fc.constant('/calls'),
  fc.constant('/calls/nope/events'),
);

/** A hostile form body: prototype-named keys, control characters, odd encodings. */
const hostileForm = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'CallSid', 'CallStatus', 'uuid'), hostileString),
      hostileString,
    ),
    {
      maxLength: 6,
    },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

async function post(path: string, body: string | Uint8Array, type: string) {
  const headers: Record<string, string> = type === '' ? {} : { 'content-type': type };
  const response = await fetch(`${server.url}${path}`, { method: 'POST', body, headers });
  return { status: response.status, text: await response.text() };
}

/** A 2xx (a callback it could read), or a 4xx with one clean line of JSON and nothing stored. */
async function expectAnswered(path: string, body: string | Uint8Array, type: string): Promise<void> {
  const before = appends;
  const answer = await post(path, body, type);
  expect(answer.status, answer.text).toBeLessThan(500);
  expect(answer.text).not.toMatch(/\n\s+at /);
  if (answer.status >= 300) {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.text.endsWith('\n')).toBe(true);
    expect(answer.text.trimEnd().split('\n')).toHaveLength(1);
    const error = JSON.parse(answer.text) as { error?: unknown };
    expect(Object.keys(error)).toEqual(['error']);
    expect(typeof error.error).toBe('string');
    expect(appends).toBe(before);
  }
}

describe('serve: hostile request bodies', () => {
  test.prop([route, fc.uint8Array({ maxLength: 2_000 }), contentType], RUNS)(
    'random bytes under any content type',
    async (path, bytes, type) => {
      await expectAnswered(path, bytes, type);
    },
  );

  for (const provider of PROVIDER_NAMES) {
    test.prop([hostileText(VALID[provider])], RUNS)(`${provider}: JSON bent out of shape`, async (text) => {
      await expectAnswered(`/webhooks/${provider}`, text, 'application/json');
    });
  }

  test.prop([route, hostileForm], RUNS)(
    'form bodies with prototype-named keys and hostile values',
    async (path, form) => {
      await expectAnswered(path, form, 'application/x-www-form-urlencoded');
    },
  );

  test.prop([route, fc.integer({ min: 100, max: 10_000 }), fc.constantFrom('array' as const, 'object' as const)], RUNS)(
    'JSON nested deep: 400, one line',
    async (path, depth, kind) => {
      const before = appends;
      const answer = await post(path, nestedJson(depth, kind), 'application/json');
      // An event for a call that does not exist is 404 whatever its body.
      expect(answer.status).toBe(path === '/calls/nope/events' ? 404 : 400);
      expect(Object.keys(JSON.parse(answer.text))).toEqual(['error']);
      expect(appends).toBe(before);
    },
  );

  test.prop(
    [route, fc.integer({ min: BODY_LIMIT + 1, max: 4 * BODY_LIMIT }), fc.constantFrom(...CONTENT_TYPES.slice(0, 3))],
    RUNS,
  )('a body over the limit: 413, nothing stored', async (path, size, type) => {
    const before = appends;
    const body = type.includes('form') ? `CallSid=${'x'.repeat(size)}` : JSON.stringify({ pad: 'x'.repeat(size) });
    const answer = await post(path, body, type);
    expect(answer).toEqual({ status: 413, text: '{"error":"body too large"}\n' });
    expect(appends).toBe(before);
  });

  test.prop([hostileJson], RUNS)('the generic API: any JSON as a call', async (value) => {
    await expectAnswered('/calls', JSON.stringify(value) ?? 'null', 'application/json');
  });

  test.prop([fc.constant(null)], { numRuns: 1 })(
    'after all of it, the server is healthy and still stores a good callback',
    async () => {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const before = appends;
      const twilio = new URLSearchParams({
        CallSid: 'CAfuzzhealthy',
        CallStatus: 'busy',
        To: '+33612345678',
      }).toString();
      expect((await post('/webhooks/twilio', twilio, 'application/x-www-form-urlencoded')).status).toBe(200);
      expect(appends).toBe(before + 1);
    },
  );
});
