import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/serve/node/forwarder.js';
import { BUSY_CALLS } from './fixtures.js';
import { eventually, recordsOf, signedPost, startTestServer, testSecrets } from './support.js';

interface Delivery {
  readonly key: string | undefined;
  readonly body: string;
  readonly status: number;
}

/** A receiver that fails its first `failures` requests with 503, then accepts. */
async function flakyReceiver(failures: number): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const status = deliveries.length < failures ? 503 : 200;
      deliveries.push({ key: request.headers['idempotency-key'] as string | undefined, body, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/records`, deliveries, server };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('--forward', () => {
  it('retries a failing receiver with backoff and delivers every record, Idempotency-Key = its call id', async () => {
    const receiver = await flakyReceiver(3);
    cleanups.push(() => new Promise((done) => receiver.server.close(() => done())));
    const secrets = testSecrets();
    const { server, stop } = await startTestServer({ secrets, forwardUrl: receiver.url });
    cleanups.push(stop);
    for (const provider of ['twilio', 'vonage'] as const)
      for (const callback of BUSY_CALLS[provider]) {
        const url = `${server.url}/webhooks/${provider}`;
        const { body, headers } = signedPost(provider, callback, url, secrets);
        await fetch(url, { method: 'POST', body, headers });
      }
    const records = await eventually(async () => {
      const lines = await recordsOf(server.url, secrets.token);
      return lines.length === 2 ? lines : null;
    }, 'two records');
    await eventually(
      async () => (receiver.deliveries.filter((delivery) => delivery.status === 200).length === 2 ? true : null),
      'both records delivered',
    );
    expect(receiver.deliveries.slice(0, 3).map((delivery) => delivery.status)).toEqual([503, 503, 503]);
    const accepted = receiver.deliveries.filter((delivery) => delivery.status === 200);
    expect(accepted.map((delivery) => delivery.body)).toEqual(records);
    expect(accepted.map((delivery) => delivery.key)).toEqual(
      records.map((line) => (JSON.parse(line) as { callId: string }).callId),
    );
    // Every failed attempt was for the first record, retried until it went through, in order.
    expect(new Set(receiver.deliveries.slice(0, 4).map((delivery) => delivery.key)).size).toBe(1);
  });

  it('backs off exponentially from 250 ms to at most 30 s, with jitter in the upper half', () => {
    expect([0, 1, 2, 7, 20].map((attempt) => backoffMs(attempt, () => 0))).toEqual([125, 250, 500, 15_000, 15_000]);
    expect([0, 1, 2, 7, 20].map((attempt) => backoffMs(attempt, () => 1))).toEqual([250, 500, 1_000, 30_000, 30_000]);
  });
});
