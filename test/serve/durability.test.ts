import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/carriers/providers/types.js';
import { runScenario } from '../../src/scenario/run.js';
import { killAllChildren, type ServeChild, startServeChild } from './child.js';
import { streamCalls } from './stream.js';
import { callIdOf, eventually, json, normalizedLines, recordsOf, signedPost, testSecrets } from './support.js';

const secrets = testSecrets();
const dir = mkdtempSync(join(tmpdir(), 'cl-durable-'));
const args = ['--store', `sqlite:${join(dir, 'calls.db')}`, '--records', join(dir, 'records.jsonl'), '--grace', '300'];
afterAll(async () => {
  await killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

// 48 calls cover every provider with every outcome four times over (streamCalls cycles through
// 4 providers × 3 outcomes); CL_DURABILITY_CALLS=2000 is a long run of the same scenario.
const CALLS = streamCalls(Number(process.env.CL_DURABILITY_CALLS ?? 48));
const GENERIC = { callId: 'generic-ring', to: '+33612345678', messages: [{ id: 'm' }], timeouts: { ringMs: 500 } };

/** Posts one signed callback; a refused connection (the server was killed) is "not acknowledged". */
async function deliver(server: ServeChild, provider: ProviderName, payload: Record<string, unknown>) {
  const url = `${server.url}/webhooks/${provider}`;
  const { body, headers } = signedPost(provider, payload, url, secrets);
  try {
    const response = await fetch(url, { method: 'POST', body, headers });
    await response.text();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function normalizeAll(provider: ProviderName): Promise<Map<string, string>> {
  const callbacks = CALLS.filter((call) => call.provider === provider).flatMap((call) => call.callbacks);
  return new Map((await normalizedLines(provider, callbacks)).map((line) => [callIdOf(line), line]));
}

describe('serve killed with kill -9 mid-stream and restarted on the same store', () => {
  it("ends every call with exactly one record, equal to normalize's, in /records and --records", async () => {
    let server = await startServeChild(args, secrets.env);
    const auth = { authorization: `Bearer ${secrets.token}`, 'content-type': 'application/json' };
    // A generic call rings just before the kill; its ring timeout falls due while the process is down.
    await fetch(`${server.url}/calls`, { method: 'POST', headers: auth, body: JSON.stringify(GENERIC) });
    const createdBy = Date.now(); // the call's clock started before this
    let ring = { at: Number.NaN };

    // Each call's callbacks in order (the next once the previous is acknowledged), 8 calls at a time.
    const pending = CALLS.map((call) => ({ call, next: 0 }));
    let acknowledged = 0;
    let killed = false;
    let down = false;
    const killAt = Math.floor(CALLS.length * 0.8);
    const worker = async () => {
      for (let item = pending.shift(); item !== undefined; item = pending.shift()) {
        while (item.next < item.call.callbacks.length) {
          const ok = await deliver(server, item.call.provider, item.call.callbacks[item.next] ?? {});
          if (!ok) break;
          item.next += 1;
          // This worker's count: the shared one moves on while the retry below is awaited.
          const count = ++acknowledged;
          // Every fifth callback is delivered twice, as providers retry.
          if (count % 5 === 0) await deliver(server, item.call.provider, item.call.callbacks[item.next - 1] ?? {});
          if (count === killAt && !killed) {
            killed = true;
            ring = await json<{ at: number }>(
              await fetch(`${server.url}/calls/generic-ring/events`, {
                method: 'POST',
                headers: auth,
                body: '{"type":"carrier.ringing"}',
              }),
            );
            down = true;
            server.process.kill('SIGKILL');
          }
        }
        if (item.next < item.call.callbacks.length) pending.push(item);
        if (down) return;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(killed).toBe(true);
    expect(await server.exited).toBe('SIGKILL');
    // Restarted only once the ring timeout is overdue, so the restart must fire it at its own time.
    const ringDue = createdBy + ring.at + GENERIC.timeouts.ringMs;
    while (Date.now() <= ringDue) await new Promise((resolve) => setTimeout(resolve, ringDue + 1 - Date.now()));

    // The provider retries what was not acknowledged, against the restarted server.
    server = await startServeChild(args, secrets.env);
    down = false;
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(pending).toEqual([]);

    const lines = await eventually(async () => {
      const records = await recordsOf(server.url, secrets.token);
      return records.length >= CALLS.length + 1 ? records : null;
    }, 'a record for every call');
    const keys = lines.map((line) => {
      const record = JSON.parse(line) as { provider?: string; callId: string };
      return `${record.provider ?? 'generic'}/${record.callId}`;
    });
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(CALLS.length + 1);

    const expected = new Map<string, string>();
    for (const provider of ['twilio', 'telnyx', 'vonage', 'plivo'] as const)
      for (const [callId, line] of await normalizeAll(provider)) expected.set(`${provider}/${callId}`, line);
    const replay = runScenario({ call: GENERIC, events: [{ type: 'carrier.ringing', at: ring.at }] });
    if (!replay.ok) expect.fail(replay.error.kind);
    expected.set('generic/generic-ring', JSON.stringify(replay.record));
    expect(new Map(keys.map((key, index) => [key, lines[index]]))).toEqual(expected);
    expect(JSON.parse(expected.get('generic/generic-ring') ?? '{}')).toMatchObject({
      subStatus: 'NO_ANSWER',
      endedAt: ring.at + GENERIC.timeouts.ringMs,
    });

    // The records file holds the same records, each once (a line cut by the kill was dropped).
    await eventually(async () => {
      const file = readFileSync(join(dir, 'records.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line !== '');
      return file.length >= lines.length ? file : null;
    }, 'the records file');
    const file = readFileSync(join(dir, 'records.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    expect([...file].sort()).toEqual([...lines].sort());
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

describe('serve stopped with SIGTERM', () => {
  it('exits while calls are still live: their wakes (a day away) do not hold the process', async () => {
    const server = await startServeChild(
      ['--store', `sqlite:${join(dir, 'live.db')}`, '--records', join(dir, 'live.jsonl')],
      secrets.env,
    );
    const ringing = (n: number) => ({
      CallSid: `CAlive${n}`,
      CallStatus: 'ringing',
      To: '+33612345678',
      SequenceNumber: '1',
    });
    expect(await deliver(server, 'twilio', ringing(0))).toBe(true);
    // Stopped with requests in flight whose clients give up: their handlers finish after the stop.
    const url = `${server.url}/webhooks/twilio`;
    const abandon = new AbortController();
    const inFlight = Array.from({ length: 200 }, (_, n) => {
      const { body, headers } = signedPost('twilio', ringing(n + 1), url, secrets);
      return fetch(url, { method: 'POST', body, headers, signal: abandon.signal }).catch(() => undefined);
    });
    await Promise.race(inFlight);
    server.process.kill('SIGTERM');
    abandon.abort();
    await Promise.all(inFlight);
    expect(await server.exited).toBe(0);
  });
});
