import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/node/server.js';
import { eventually, json, normalizedLines, recordsOf, signedPost, startTestServer, testSecrets } from './support.js';

// A call whose provider never reports it over (the final callback lost) still gets a record, `--idle-ms`
// after its last callback: normalize's line for the callbacks it has. Real time, on purpose: the idle
// window is the server's wall clock. The waits below only order the posts; nothing asserts a duration.
const IDLE_MS = 1_500;
const secrets = testSecrets();
let server: RunningServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startTestServer({ secrets, graceMs: 0, idleMs: IDLE_MS }));
});
afterAll(() => stop());

/** Twilio's call-progress callbacks (https://www.twilio.com/docs/voice/api/call-resource#statuscallbackevent), form fields. */
const twilio = (callSid: string, status: string, sequence: number, second: number) => ({
  CallSid: callSid,
  CallStatus: status,
  To: '+33612345678',
  SequenceNumber: String(sequence),
  Timestamp: new Date(Date.UTC(2026, 0, 5, 10, 0, second)).toUTCString().replace('GMT', '+0000'),
});

async function post(payload: Record<string, string>) {
  const url = `${server.url}/webhooks/twilio`;
  const { body, headers } = signedPost('twilio', payload, url, secrets);
  return json<{ late: boolean }>(await fetch(url, { method: 'POST', body, headers }));
}

/** normalize's line for one call; it exits 3 when the call's log ends with no final status. */
async function normalizeLine(callbacks: readonly Record<string, string>[], exitCode: number) {
  return (await normalizedLines('twilio', callbacks, { exitCode })).join('\n');
}

const until = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
const recordOf = (callSid: string) =>
  eventually(
    async () => (await recordsOf(server.url, secrets.token)).find((line) => line.includes(`"callId":"${callSid}"`)),
    `${callSid}'s record`,
  );

describe.concurrent('a call never reported over', () => {
  it("gets normalize's record for its callbacks once it has been idle for --idle-ms", async () => {
    const ringing = twilio('CAidle1', 'ringing', 1, 2);
    await post(ringing);
    expect(await recordOf('CAidle1')).toBe(await normalizeLine([ringing], 3));
  });

  it('waits for the last callback: a callback pushes the deadline back', async () => {
    const callbacks = [
      twilio('CAidle2', 'initiated', 0, 0),
      twilio('CAidle2', 'ringing', 1, 2),
      twilio('CAidle2', 'in-progress', 2, 9),
    ];
    await post(callbacks[0] ?? {});
    const firstAcked = Date.now(); // its deadline is at most IDLE_MS after this
    await until(firstAcked + IDLE_MS / 2);
    const secondSent = Date.now();
    expect(await post(callbacks[1] ?? {})).toMatchObject({ late: false });
    // Past the first callback's deadline, before the second's: not late, part of the record.
    await until(firstAcked + IDLE_MS + 100);
    expect(Date.now(), 'the machine was too slow to post in the window this test needs').toBeLessThan(
      secondSent + IDLE_MS,
    );
    expect(await post(callbacks[2] ?? {})).toMatchObject({ late: false });
    expect(await recordOf('CAidle2')).toBe(await normalizeLine(callbacks, 0));
  });
});
