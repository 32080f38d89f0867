import { fc, test } from '../support/property.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run.js';
import type { RunningServer } from '../../src/serve/node/server.js';
import { numRuns } from '../simulator/arbitraries.js';
import { eventually, json, startTestServer, testSecrets } from './support.js';

const secrets = testSecrets();
let server: RunningServer;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, stop } = await startTestServer({ secrets }));
});
afterAll(() => stop());

const auth = { authorization: `Bearer ${secrets.token}`, 'content-type': 'application/json' };
const post = async <T = Record<string, unknown>>(path: string, body: unknown) =>
  json<T>(await fetch(`${server.url}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) }));

/** Short timers, so the machine's own timeouts fire in real time within the run. */
const inputArb = fc.record({
  to: fc.constant('+33612345678'),
  amd: fc.boolean(),
  voicemail: fc.constantFrom('leave', 'hangup'),
  messages: fc.array(fc.record({ id: fc.constantFrom('a', 'b'), durationMs: fc.integer({ min: 20, max: 120 }) }), {
    minLength: 1,
    maxLength: 2,
  }),
  timeouts: fc.record({
    carrierMs: fc.integer({ min: 30, max: 150 }),
    ringMs: fc.integer({ min: 30, max: 150 }),
    amdMs: fc.integer({ min: 20, max: 100 }),
    beepMs: fc.integer({ min: 20, max: 100 }),
    releaseMs: fc.integer({ min: 10, max: 50 }),
  }),
});
const eventArb = fc.record({
  event: fc.constantFrom(
    { type: 'carrier.ringing' },
    { type: 'carrier.answered' },
    { type: 'carrier.busy', sipCode: 486 },
    { type: 'amd.human' },
    { type: 'amd.machine' },
    { type: 'voicemail.beep' },
    { type: 'recipient.hangup' },
  ),
  waitMs: fc.integer({ min: 0, max: 60 }),
});

let calls = 0;

describe('the generic API, live', () => {
  // A deliberately real-time test: events are sent with real waits while the machine's timers run
  // on the wall clock. It holds for any timing, so it asserts no timing.
  test.prop([inputArb, fc.array(eventArb, { maxLength: 6 })], { numRuns: numRuns(6, 0.05) })(
    'gives the record runScenario gives for the same input and the events at the times applied',
    async (input, events) => {
      const callId = `live-${++calls}`;
      const created = await post('/calls', { ...input, callId });
      expect(created).toEqual({ callId, duplicate: false, late: false });
      const applied: { at: number }[] = [];
      for (const { event, waitMs } of events) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        const answer = await post<{ late: boolean; at: number }>(`/calls/${callId}/events`, event);
        expect(answer).toMatchObject({ callId, duplicate: false });
        if (!answer.late) applied.push({ ...event, at: answer.at });
      }
      const view = await eventually(async () => {
        const response = await fetch(`${server.url}/calls/${callId}`, { headers: auth });
        const body = await json<{ ended: boolean; record?: unknown }>(response);
        return body.ended ? body : null;
      }, `call ${callId} to end`);
      const replay = runScenario({ call: { ...input, callId }, events: applied });
      if (!replay.ok) expect.fail(`runScenario refused the applied events: ${JSON.stringify(replay.error)}`);
      else expect(JSON.stringify(view.record)).toBe(JSON.stringify(replay.record));
    },
  );

  it('an event with an Idempotency-Key applies once; an event with "at" or an unknown type is refused', async () => {
    await post('/calls', { callId: 'keyed', to: '+33612345678', messages: [{ id: 'm' }] });
    const send = (body: unknown, key?: string) =>
      fetch(`${server.url}/calls/keyed/events`, {
        method: 'POST',
        headers: { ...auth, ...(key === undefined ? {} : { 'idempotency-key': key }) },
        body: JSON.stringify(body),
      });
    const first = await json<{ duplicate: boolean }>(await send({ type: 'carrier.ringing' }, 'k1'));
    const again = await json<{ duplicate: boolean }>(await send({ type: 'carrier.ringing' }, 'k1'));
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    const timed = await send({ type: 'carrier.busy', at: 5 });
    expect([timed.status, ((await timed.json()) as { error: string }).error]).toEqual([
      400,
      'at: the server times live events; send the event without "at" (got {"type":"carrier.busy","at":5})',
    ]);
    const unknown = await send({ type: 'carrier.exploded' });
    expect(unknown.status).toBe(400);
    expect(
      (await fetch(`${server.url}/calls/nobody/events`, { method: 'POST', headers: auth, body: '{}' })).status,
    ).toBe(404);
  });
});
