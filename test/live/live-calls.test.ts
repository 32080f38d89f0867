import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../machines/record.js';
import { LiveCalls, type LiveCallsError } from '../../src/live/index.js';
import { callInput, outcomeOf, traceOf } from '../support/calls.js';
import { FakeHost } from '../support/fake-host.js';

const T0 = 1_700_000_000_000;

function setup(options: { maxCalls?: number; lag?: () => number } = {}) {
  const host = new FakeHost(T0, options.lag);
  const live = new LiveCalls({
    clock: host,
    ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }),
  });
  const records: CallRecord[] = [];
  live.onEnded((record) => records.push(record));
  return { host, live, records };
}

function thrown(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return `${(error as LiveCallsError).kind}: ${(error as Error).message}`;
  }
  throw new Error('expected a throw');
}

describe('LiveCalls', () => {
  it('runs a call on its clock: the ring timer fires by itself at ringMs after the ring', () => {
    const { host, live, records } = setup();
    const id = live.start(callInput({ timeouts: { ringMs: 20_000 } }));
    host.runUntil(T0 + 1_200);
    expect(live.send(id, { type: 'carrier.ringing' })).toEqual({ ok: true, value: { at: 1_200 } });
    expect(live.progress(id)).toMatchObject({
      state: 'ringing',
      ringingAt: 1_200,
      waitingFor: expect.arrayContaining(['carrier.answered']),
    });
    host.runUntil(T0 + 60_000);
    expect(records.map(outcomeOf)).toEqual(['ABSENT/NO_ANSWER']);
    expect(traceOf(records[0] as CallRecord)).toEqual([
      '0 initiating (xstate.init)',
      '0 dialing (xstate.init)',
      '1200 ringing (carrier.ringing)',
      '21200 noAnswer (after:ringTimeout)',
    ]);
    expect(live.size).toBe(0);
    expect(live.progress(id)).toBeUndefined();
  });

  it('fires a timer due at the same ms as an event first, even when the event is delivered first', () => {
    const { host, live, records } = setup();
    const id = live.start(callInput({ timeouts: { carrierMs: 5_000 } }));
    // The event is handed over before the host timer's turn comes, stamped at the deadline.
    expect(live.send(id, { type: 'carrier.ringing', at: 5_000 }).ok).toBe(true);
    expect(records.map(outcomeOf)).toEqual(['ERROR/OTHER']);
    expect(records[0]?.ignoredEvents).toEqual([{ at: 5_000, state: 'failed', event: 'carrier.ringing' }]);
    expect(host.pending).toBe(0);
  });

  it('on an event loop blocked for seconds, an overdue timer fires at its deadline before the later event', () => {
    const { host, live, records } = setup();
    const id = live.start(callInput({ timeouts: { ringMs: 10_000 } }));
    live.send(id, { type: 'carrier.ringing', at: 0 });
    host.runUntil(T0 + 9_000);
    host.block(5_000); // the ring timer's turn has not come yet when the answer is handed over at 14 000
    expect(live.send(id, { type: 'carrier.answered' })).toEqual({ ok: true, value: { at: 14_000 } });
    expect(outcomeOf(records[0] as CallRecord)).toBe('ABSENT/NO_ANSWER');
    expect(records[0]?.endedAt).toBe(10_000);
    // The answer came after the end: kept as ignored, as replay keeps it.
    expect(records[0]?.ignoredEvents).toEqual([{ at: 14_000, state: 'noAnswer', event: 'carrier.answered' }]);
    expect(host.pending).toBe(0);
  });

  it('on an event loop blocked for seconds, an answer stamped before the deadline still wins', () => {
    const { host, live, records } = setup();
    const id = live.start(callInput({ timeouts: { ringMs: 10_000 } }));
    live.send(id, { type: 'carrier.ringing', at: 0 });
    host.block(14_000);
    expect(live.send(id, { type: 'carrier.answered', at: 9_999 }).ok).toBe(true);
    expect(live.progress(id)).toMatchObject({ state: 'connected.detecting', answeredAt: 9_999 });
    live.send(id, { type: 'recipient.hangup' });
    expect(outcomeOf(records[0] as CallRecord)).toBe('ANSWERED/INCOMPLETE/HANGUP');
  });

  it('whenEnded resolves with the record, also for a call that ended while starting', async () => {
    const { host, live } = setup();
    const blacklisted = live.start(callInput({ blacklisted: true }));
    await expect(live.whenEnded(blacklisted)).resolves.toMatchObject({ subStatus: 'BLACKLISTED' });
    const id = live.start(callInput());
    const ended = live.whenEnded(id);
    live.send(id, { type: 'carrier.busy', sipCode: 486 });
    await expect(ended).resolves.toMatchObject({ subStatus: 'BUSY', sipCode: 486 });
    expect(thrown(() => live.whenEnded('nope'))).toMatchInlineSnapshot(
      `"unknown-call: no live call has the id "nope" (it ended, or was never started)"`,
    );
    expect(host.pending).toBe(0);
  });

  it('gives ids call-1, call-2… to inputs without one and refuses an id in use', () => {
    const { live } = setup();
    expect([live.start(callInput()), live.start(callInput())]).toEqual(['call-1', 'call-2']);
    expect(live.start(callInput({ callId: 'mine' }))).toBe('mine');
    expect(thrown(() => live.start(callInput({ callId: 'mine' })))).toMatchInlineSnapshot(
      `"duplicate-call: a live call already has the id "mine""`,
    );
  });

  it('refuses a call past maxCalls with a clear error, and takes one again once a call ended', () => {
    const { live } = setup({ maxCalls: 2 });
    const first = live.start(callInput());
    live.start(callInput());
    expect(thrown(() => live.start(callInput()))).toMatchInlineSnapshot(
      `"too-many-calls: 2 calls are live, the maxCalls cap: wait for some to end, or raise maxCalls"`,
    );
    live.send(first, { type: 'platform.abort' });
    expect(live.size).toBe(1);
    expect(live.start(callInput())).toBe('call-3');
  });

  it('refuses an invalid input at once, naming the field', () => {
    const { live, host } = setup();
    expect(thrown(() => live.start({ to: '0612', messages: [] }))).toMatchInlineSnapshot(
      `"invalid-input: input.to: expected an E.164 number such as "+33612345678", got "0612""`,
    );
    expect(live.size).toBe(0);
    expect(host.pending).toBe(0);
  });

  it('refuses bad times and events as values, and the call goes on unchanged', () => {
    const { host, live, records } = setup();
    const id = live.start(callInput());
    host.runUntil(T0 + 3_000);
    live.send(id, { type: 'carrier.ringing' });
    const errors = [
      live.send(id, { type: 'carrier.answered', at: 1_764_000_000_000 }), // Date.now() by mistake
      live.send(id, { type: 'carrier.answered', at: 1_000 }),
      live.send(id, { type: 'carrier.answered', at: Number.POSITIVE_INFINITY }),
      live.send(id, { type: 'carrier.answered', at: Number.NaN }),
      live.send(id, { type: 'carrier.answered', at: -5 }),
      live.send(id, { type: 'carrier.ring' } as never),
      live.send(id, { type: 'carrier.busy', sipCode: 99 }),
      live.send(id, null as never),
      live.send('other', { type: 'carrier.answered' }),
    ].map((sent) => (sent.ok ? 'applied' : `${sent.error.kind} ${sent.error.path ?? ''}: ${sent.error.message}`));
    expect(errors).toMatchInlineSnapshot(`
      [
        "invalid-event event.at: 1764000000000 looks like a Unix time (Date.now()); "at" is ms since the call started, or leave it out for now",
        "invalid-event event.at: 1000 ms is before the call's latest step at 3000 ms (an event, or a timer that fired): "at" must not go back",
        "invalid-event event.at: expected ms since the call started (a finite number), got Infinity",
        "invalid-event event.at: expected ms since the call started (a finite number), got NaN",
        "invalid-event event.at: carrier.answered: expected ms since the call started, from 0 to 86400000, got -5",
        "invalid-event event.type: unknown event "carrier.ring" (accepted: "carrier.trying", "carrier.ringing", "carrier.answered", "carrier.busy", "carrier.rejected", "carrier.unallocated", "carrier.noAnswer", "carrier.failed", "amd.human", "amd.machine", "amd.unknown", "voicemail.beep", "playback.ended", "recipient.hangup" or "platform.abort")",
        "invalid-event event.sipCode: expected a SIP status code from 100 to 699, got 99",
        "invalid-event event: expected an object such as { "type": "carrier.ringing" }, got null",
        "unknown-call : no live call has the id "other" (it ended, or was never started)",
      ]
    `);
    expect(live.progress(id)).toMatchObject({ state: 'ringing', ringingAt: 3_000, ignoredEvents: [] });
    live.send(id, { type: 'carrier.busy' });
    expect(records.map(outcomeOf)).toEqual(['ABSENT/BUSY']);
  });

  it('streams records through an async iterator until closed', async () => {
    const { live } = setup();
    const stream = live.records();
    for (const callId of ['a', 'b']) {
      live.start(callInput({ callId }));
      live.send(callId, { type: 'carrier.rejected', sipCode: 603 });
    }
    live.close();
    const seen: string[] = [];
    for await (const record of stream) seen.push(`${record.callId} ${outcomeOf(record)}`);
    expect(seen).toEqual(['a ERROR/REJECTED', 'b ERROR/REJECTED']);
    expect(thrown(() => live.start(callInput()))).toMatchInlineSnapshot(
      `"closed: this LiveCalls was closed: it starts no call"`,
    );
  });

  it('keeps the clock going when a listener throws, and reports the error', () => {
    const host = new FakeHost(T0);
    const reported: unknown[] = [];
    const live = new LiveCalls({ clock: host, onListenerError: (error) => reported.push(error) });
    const records: string[] = [];
    live.onEnded(() => {
      throw new Error('listener bug');
    });
    live.onEnded((record) => records.push(record.callId));
    live.start(callInput({ callId: 'x', timeouts: { carrierMs: 100 } }));
    live.start(callInput({ callId: 'y', timeouts: { carrierMs: 200 } }));
    host.runAll();
    expect(records).toEqual(['x', 'y']);
    expect(reported.map((error) => (error as Error).message)).toEqual(['listener bug', 'listener bug']);
  });
});

describe('LiveCalls.save and restore', () => {
  it('fires deadlines that passed while nothing ran at once, each at its own time, in order', () => {
    const { host, live } = setup();
    const a = live.start(callInput({ callId: 'a', timeouts: { ringMs: 10_000 } }));
    const b = live.start(callInput({ callId: 'b', timeouts: { ringMs: 5_000 } }));
    live.send(a, { type: 'carrier.ringing', at: 100 });
    live.send(b, { type: 'carrier.ringing', at: 200 });
    host.runUntil(T0 + 1_000);
    const saved = JSON.parse(JSON.stringify(live.save()));
    live.close();

    host.runUntil(T0 + 60_000); // a minute down: both deadlines pass
    const restored = LiveCalls.restore(saved, { clock: host });
    const records: CallRecord[] = [];
    restored.onEnded((record) => records.push(record));
    expect(restored.size).toBe(2);
    host.runUntil(T0 + 60_000);
    expect(records.map((record) => `${record.callId} ${outcomeOf(record)} ${record.endedAt}`)).toEqual([
      'b ABSENT/NO_ANSWER 5200',
      'a ABSENT/NO_ANSWER 10100',
    ]);
  });

  it('refuses a damaged save with one clear error', () => {
    expect(thrown(() => LiveCalls.restore({ version: 2 }))).toMatchInlineSnapshot(
      `"invalid-saved: saved: expected what LiveCalls.save() gives ({ version: 1, … }), got {"version":2}"`,
    );
    const { live } = setup();
    live.start(callInput());
    const saved = JSON.parse(JSON.stringify(live.save()));
    saved.calls[0].call.state = 'flying';
    expect(thrown(() => LiveCalls.restore(saved))).toMatchInlineSnapshot(
      `"invalid-saved: saved.calls[0].call.state: expected a state of a call in progress, got "flying""`,
    );
  });
});
