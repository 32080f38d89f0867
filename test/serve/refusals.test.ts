import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/node/server.js';
import { signedPost, startTestServer, testSecrets } from './support.js';

const secrets = testSecrets();
let server: RunningServer;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, stop } = await startTestServer({ secrets, bodyLimit: 4_096 }));
});
afterAll(() => stop());

const busy = { CallSid: 'CArefused', CallStatus: 'busy', To: '+33612345678' };

async function expectNothingStored() {
  const stored = await Promise.all(
    (['twilio', 'telnyx', 'vonage', 'plivo'] as const).map((source) =>
      server.service.store.callbacks({ source, callId: source === 'twilio' ? 'CArefused' : 'refused' }),
    ),
  );
  expect(stored.flat()).toEqual([]);
}

async function send(path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', body, headers });
  const text = await response.text();
  return { status: response.status, text };
}

describe('requests that change nothing', () => {
  it('an unsigned Twilio callback is 401, a forged one 403', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const unsigned = await send('/webhooks/twilio', new URLSearchParams(busy).toString(), form);
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.text)).toEqual({ error: 'missing X-Twilio-Signature' });
    const url = `${server.url}/webhooks/twilio`;
    const signed = signedPost('twilio', busy, url, { ...secrets, twilio: 'not-the-token' });
    expect((await send('/webhooks/twilio', signed.body, signed.headers)).status).toBe(403);
    // Signed for one body, sent with another.
    const honest = signedPost('twilio', busy, url, secrets);
    const tampered = honest.body.replace('busy', 'completed');
    expect((await send('/webhooks/twilio', tampered, honest.headers)).status).toBe(403);
    await expectNothingStored();
  });

  it('a Telnyx callback replayed after the tolerance is 403; a Vonage token for another body is 403', async () => {
    const telnyx = { data: { id: 'x', event_type: 'call.hangup', payload: { call_leg_id: 'refused' } } };
    const url = `${server.url}/webhooks/telnyx`;
    const stale = signedPost('telnyx', telnyx, url, secrets, Date.now() - 600_000);
    const replayed = await send('/webhooks/telnyx', stale.body, stale.headers);
    expect(replayed.status).toBe(403);
    expect(replayed.text).toContain('outside the tolerance');
    const vonage = signedPost('vonage', { uuid: 'refused', status: 'busy' }, `${server.url}/webhooks/vonage`, secrets);
    expect((await send('/webhooks/vonage', '{"uuid":"refused","status":"completed"}', vonage.headers)).status).toBe(
      403,
    );
    await expectNothingStored();
  });

  it('an oversized body is 413, malformed JSON 400, an unknown type 415, an unknown route 404', async () => {
    const huge = signedPost(
      'vonage',
      { uuid: 'refused', status: 'busy', pad: 'x'.repeat(5_000) },
      `${server.url}/webhooks/vonage`,
      secrets,
    );
    expect(await send('/webhooks/vonage', huge.body, huge.headers)).toEqual({
      status: 413,
      text: '{"error":"body too large"}\n',
    });
    const malformed = await send('/webhooks/vonage', '{"uuid":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).error).toMatch(/^malformed JSON body: /);
    expect((await send('/webhooks/vonage', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await send('/webhooks/sinch', '{}', { 'content-type': 'application/json' })).status).toBe(404);
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    await expectNothingStored();
  });

  it('a signed payload that is not a callback of the provider is 400, with the reason', async () => {
    const url = `${server.url}/webhooks/vonage`;
    const signed = signedPost('vonage', { status: 'busy' }, url, secrets);
    const answer = await send('/webhooks/vonage', signed.body, signed.headers);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatchInlineSnapshot(
      `"vonage: uuid: not a vonage callback: expected a uuid (or call_uuid), got nothing"`,
    );
  });

  it("acknowledges Vonage's error webhook, which names no call, as unmapped and stores nothing", async () => {
    // Vonage/vonage-dotnet-sdk Voice/EventWebhooks/Error.cs: `reason`, `conversation_uuid` and
    // (EventBase.cs) `timestamp`, no call leg. The webhook reference says errors arrive on the
    // event webhook. A 4xx would only make Vonage retry it; normalize reports it as unmapped.
    const url = `${server.url}/webhooks/vonage`;
    const body = {
      reason: 'Syntax error in NCCO.',
      conversation_uuid: 'CON-refused',
      timestamp: '2026-11-27T09:00:43.000Z',
    };
    const signed = signedPost('vonage', body, url, secrets);
    const answer = await send('/webhooks/vonage', signed.body, signed.headers);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      stored: false,
      unmapped: { kind: 'unmapped', provider: 'vonage', field: 'reason', value: 'Syntax error in NCCO.' },
    });
    expect(await server.service.store.callbacks({ source: 'vonage', callId: 'CON-refused' })).toEqual([]);
    const metrics = await (
      await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${secrets.token}` } })
    ).text();
    expect(metrics).toContain('call_lifecycle_callbacks_total{source="vonage",result="unmapped"} 1');
  });

  it('the generic API and reading need the bearer token', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await send('/calls', '{"to":"+33612345678","messages":[{"id":"m"}]}', json)).status).toBe(401);
    expect((await send('/calls', '{}', { ...json, authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await fetch(`${server.url}/records`)).status).toBe(401);
    expect((await fetch(`${server.url}/calls/CArefused`)).status).toBe(401);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('no response carries a secret or a stack trace', async () => {
    const answers = await Promise.all([
      send('/webhooks/twilio', 'a=%', { 'content-type': 'application/x-www-form-urlencoded' }),
      send('/calls', '[1,2', { 'content-type': 'application/json', authorization: `Bearer ${secrets.token}` }),
      send('/calls', '{"to":1}', { 'content-type': 'application/json', authorization: `Bearer ${secrets.token}` }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      for (const secret of [secrets.twilio, secrets.token, secrets.vonage, secrets.plivo])
        expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toMatch(/\n\s+at /);
    }
  });
});
