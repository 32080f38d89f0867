import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_NAMES, type ProviderName } from '../../src/carriers/providers/types.js';
import type { RunningServer } from '../../src/serve/node/server.js';
import { BUSY_CALLS, TWILIO_ANSWERED } from './fixtures.js';
import {
  callIdOf,
  eventually,
  json,
  normalizedLines,
  recordsOf,
  signedPost,
  startTestServer,
  testSecrets,
} from './support.js';

const secrets = testSecrets();
let server: RunningServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  // The grace window covers the out-of-order test: its call's end arrives first.
  ({ server, stop } = await startTestServer({ secrets, graceMs: 1_000 }));
});
afterAll(() => stop());

async function post(provider: ProviderName, payload: Record<string, unknown>) {
  const url = `${server.url}/webhooks/${provider}`;
  const { body, headers } = signedPost(provider, payload, url, secrets);
  return fetch(url, { method: 'POST', body, headers });
}

describe('signed webhooks of every provider', () => {
  it.each(PROVIDER_NAMES.map((provider) => [provider]))(
    "%s: each callback is acknowledged; the record is normalize's, ABSENT/BUSY",
    async (provider) => {
      const callbacks = BUSY_CALLS[provider];
      for (const callback of callbacks) expect((await post(provider, callback)).status).toBe(200);
      const [expected] = await normalizedLines(provider, callbacks);
      const callId = callIdOf(expected ?? '{}');
      const line = await eventually(
        async () => (await recordsOf(server.url, secrets.token)).find((record) => callIdOf(record) === callId),
        `${provider}'s record`,
      );
      expect(line).toBe(expected);
      expect(JSON.parse(line)).toMatchObject({ status: 'ABSENT', subStatus: 'BUSY' });
    },
  );

  it('a Twilio call arriving out of order, with duplicates, gives the record of its callbacks', async () => {
    const shuffled = [
      TWILIO_ANSWERED[3],
      TWILIO_ANSWERED[0],
      TWILIO_ANSWERED[2],
      TWILIO_ANSWERED[0],
      TWILIO_ANSWERED[1],
    ];
    const answers: { duplicate: boolean }[] = [];
    for (const callback of shuffled)
      answers.push(await json<{ duplicate: boolean }>(await post('twilio', callback ?? {})));
    expect(answers.map((answer) => answer.duplicate)).toEqual([false, false, false, true, false]);
    const [expected] = await normalizedLines('twilio', TWILIO_ANSWERED);
    const line = await eventually(
      async () => (await recordsOf(server.url, secrets.token)).find((record) => callIdOf(record) === 'CAhuman1'),
      'the answered call',
    );
    expect(line).toBe(expected);
    expect(JSON.parse(line)).toMatchObject({ status: 'ANSWERED' });
    // A callback after the record: kept and answered as late, the record unchanged.
    const late = { ...TWILIO_ANSWERED[1], SequenceNumber: '9' };
    expect(await json(await post('twilio', late))).toEqual({ callId: 'CAhuman1', duplicate: false, late: true });
    expect((await recordsOf(server.url, secrets.token)).filter((record) => callIdOf(record) === 'CAhuman1')).toEqual([
      expected,
    ]);
  });

  it('GET /calls/{id} shows the record, and the diagram draws its path', async () => {
    const view = await fetch(`${server.url}/calls/CAbusy1`, { headers: { authorization: `Bearer ${secrets.token}` } });
    expect(await view.json()).toMatchObject({ source: 'twilio', ended: true, record: { subStatus: 'BUSY' } });
    const svg = await fetch(`${server.url}/calls/CAbusy1/diagram.svg?access_token=${secrets.token}`);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toContain('call CAbusy1: ABSENT / BUSY');
  });
});
