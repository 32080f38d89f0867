import { fc, test } from '../support/property.js';
import { describe, expect } from 'vitest';
import type { CallEvent } from '../../machines/events.js';
import type { CallInput } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { LiveCalls } from '../../src/live/live-calls.js';
import { runScenario } from '../../src/scenario/run.js';
import { callInputArb, eventScriptArb } from '../support/arbitraries.js';
import { FakeHost } from '../support/fake-host.js';

const T0 = 1_700_000_000_000;

/** A call of the run: its input, when it starts, its events, and whether they say their own `at`. */
const plannedCallArb = fc.record({
  input: callInputArb(),
  startsAfter: fc.integer({ min: 0, max: 5_000 }),
  script: eventScriptArb,
  stamped: fc.boolean(),
});

/** How late the event loop runs each task: mostly on time, sometimes ms late, sometimes seconds. */
const lagsArb = fc.array(
  fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 8_000 })),
  { minLength: 1, maxLength: 20 },
);

function withoutAt({ at: _at, ...event }: CallEvent): CallEvent {
  return event as CallEvent;
}

function cycling(values: readonly number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] as number;
}

type Planned = { input: CallInput; startsAfter: number; script: (CallEvent & { at: number })[]; stamped: boolean };

interface Outcome {
  readonly input: CallInput;
  /** The events the runtime applied, with the time it applied each at: what replay is given. */
  readonly applied: (CallEvent & { at: number })[];
}

/** Starts every planned call on `host` and sends its events when their time comes (late by the lag). */
function drive(host: FakeHost, live: () => LiveCalls | null, planned: Planned[]): Outcome[] {
  return planned.map((plan, index) => {
    const input = { ...plan.input, callId: `c${index}` };
    const outcome: Outcome = { input, applied: [] };
    host.at(T0 + plan.startsAfter, () => {
      const runtime = live();
      if (runtime === null) return;
      const id = runtime.start(input);
      const startedAt = host.now();
      for (const event of plan.script) {
        host.at(startedAt + event.at, () => {
          const sent = live()?.send(id, plan.stamped ? event : withoutAt(event));
          if (sent?.ok) outcome.applied.push({ ...event, at: sent.value.at });
          // An event refused (the call ended, or a timer already fired after its stamp) is not applied.
          else if (sent !== undefined) expect(['unknown-call', 'invalid-event']).toContain(sent.error.kind);
        });
      }
    });
    return outcome;
  });
}

/** Each call's live record is byte for byte its replay; a call still live is stalled in replay, in the same state. */
function expectReplayed(outcomes: Outcome[], records: Map<string, CallRecord>, live: LiveCalls | null): void {
  for (const { input, applied } of outcomes) {
    const replay = runScenario({ call: input, events: applied });
    const record = records.get(input.callId as string);
    if (record !== undefined) {
      expect(replay.ok).toBe(true);
      if (replay.ok) expect(JSON.stringify(record)).toBe(JSON.stringify(replay.record));
    } else if (live?.progress(input.callId as string) !== undefined) {
      expect(replay.ok ? 'ended' : replay.error.kind).toBe('stalled');
      if (!replay.ok && replay.error.kind === 'stalled') {
        expect(live.progress(input.callId as string)?.state).toBe(replay.error.progress.state);
      }
    }
  }
}

describe('live equals replay', () => {
  test.prop([fc.array(plannedCallArb, { minLength: 1, maxLength: 5 }), lagsArb])(
    'every live record on a lagging event loop is byte for byte runScenario of the events it applied',
    (planned, lags) => {
      const host = new FakeHost(T0, cycling(lags));
      const live = new LiveCalls({ clock: host });
      const records = new Map<string, CallRecord>();
      live.onEnded((record) => records.set(record.callId, record));
      const outcomes = drive(host, () => live, planned as Planned[]);
      host.runAll();
      expectReplayed(outcomes, records, live);
      // Every call either ended or waits for an event that never came (an untimed message).
      expect(records.size + live.size).toBe(planned.length);
    },
  );

  test.prop([
    fc.array(plannedCallArb, { minLength: 1, maxLength: 4 }),
    lagsArb,
    fc.integer({ min: 0, max: 60_000 }),
    fc.integer({ min: 0, max: 120_000 }),
  ])(
    'saving at any moment and restoring after downtime gives the replay of the events applied',
    (planned, lags, saveAfter, downtime) => {
      const host = new FakeHost(T0, cycling(lags));
      let live: LiveCalls | null = new LiveCalls({ clock: host });
      const records = new Map<string, CallRecord>();
      const collect = (record: CallRecord) => void records.set(record.callId, record);
      live.onEnded(collect);
      const outcomes = drive(host, () => live, planned as Planned[]);
      host.at(T0 + saveAfter, () => {
        const saved = JSON.stringify(live?.save());
        live?.close();
        live = null;
        // Events that come while nothing runs are lost, as they would be; timers wait for the restore.
        host.at(host.now() + downtime, () => {
          live = LiveCalls.restore(JSON.parse(saved), { clock: host });
          live.onEnded(collect);
        });
      });
      host.runAll();
      expectReplayed(outcomes, records, live);
    },
  );
});
