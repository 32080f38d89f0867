import { fc } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../machines/events.js';
import type { CallInput } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { LiveCalls } from '../../src/live/live-calls.js';
import { runScenario } from '../../src/scenario/run.js';
import { callInputArb, eventScriptArb } from '../support/arbitraries.js';

// A deliberately real-time test: calls on the wall clock (Date.now, setTimeout) with timers of
// tens to hundreds of ms. It asserts no timing: however late the machine's event loop runs (two
// cores shared by the whole suite), every record must equal the replay of the events applied.
const CALLS = 300;
const SCALE = 100; // arbitraries' times ÷ 100: a 30 s ring timeout becomes 300 ms

const scaled = (ms: number) => Math.max(1, Math.round(ms / SCALE));

function shortened(input: CallInput): CallInput {
  const timeouts = Object.fromEntries(Object.entries(input.timeouts ?? {}).map(([name, ms]) => [name, scaled(ms)]));
  return {
    ...input,
    messages: input.messages.map((message) => ({ id: message.id, durationMs: scaled(message.durationMs ?? 5_000) })),
    timeouts: { carrierMs: 320, ringMs: 300, amdMs: 50, beepMs: 300, releaseMs: 10, ...timeouts },
  };
}

const planArb = fc.record({ input: callInputArb({ allTimed: true }), script: eventScriptArb });

describe('live calls on the wall clock', () => {
  it(`${CALLS} concurrent calls with short timers: every record equals its replay`, async () => {
    const plans = fc.sample(planArb, { numRuns: CALLS, seed: 9 });
    const live = new LiveCalls();
    const records = new Map<string, CallRecord>();
    const applied = plans.map(() => [] as (CallEvent & { at: number })[]);
    const inputs = plans.map((plan, index) => ({ ...shortened(plan.input), callId: `rt-${index}` }));
    const allEnded = new Promise<void>((resolve) => {
      live.onEnded((record) => {
        records.set(record.callId, record);
        if (records.size === CALLS) resolve();
      });
    });
    const timers: ReturnType<typeof setTimeout>[] = [];
    plans.forEach((plan, index) => {
      const id = live.start(inputs[index] as CallInput);
      for (const event of plan.script) {
        // Sent without `at`: the runtime stamps it with the call's age when it is handed over.
        const { at: _planned, ...unstamped } = event;
        timers.push(
          setTimeout(() => {
            const sent = live.send(id, unstamped as CallEvent);
            if (sent.ok) applied[index]?.push({ ...unstamped, at: sent.value.at } as CallEvent & { at: number });
            else expect(sent.error.kind).toBe('unknown-call'); // the call had ended
          }, scaled(event.at)),
        );
      }
    });
    const guard = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${CALLS - records.size} calls never ended`)), 45_000).unref(),
    );
    await Promise.race([allEnded, guard]);
    for (const timer of timers) clearTimeout(timer);
    live.close();

    let sameMillisecondTies = 0;
    inputs.forEach((input, index) => {
      const events = applied[index] ?? [];
      const replay = runScenario({ call: input, events });
      expect(replay.ok).toBe(true);
      const record = records.get(input.callId);
      if (replay.ok) expect(JSON.stringify(record)).toBe(JSON.stringify(replay.record));
      const timerTimes = new Set(record?.timeline.filter((step) => step.event.startsWith('after:')).map((s) => s.at));
      sameMillisecondTies += events.filter((event) => timerTimes.has(event.at)).length;
    });
    // Not an assertion on timing: a report of how often the tie rule was exercised in this run.
    console.info(
      `real-time live calls: ${CALLS} records equal their replay; ${sameMillisecondTies} event(s) at a timer's ms`,
    );
  });
});
