import { expect } from 'vitest';
import type { CallRecord } from '../../machines/record.js';
import { runScenario } from '../../src/scenario/run.js';

export const TO = '+33612345678';

/** A call input with two timed messages (5 s and 3 s) unless overridden. */
export function callInput(overrides: Record<string, unknown> = {}) {
  return {
    to: TO,
    messages: [
      { id: 'intro', durationMs: 5000 },
      { id: 'offer', durationMs: 3000 },
    ],
    ...overrides,
  };
}

/** Replays a scenario that must end, and returns its record. */
export function replay(call: unknown, events: unknown[]): CallRecord {
  const result = runScenario({ call, events });
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.error)}`);
  return result.record;
}

/** The outcome of a record as `STATUS/SUB_STATUS[/RESULT]`. */
export function outcomeOf(record: CallRecord): string {
  return [record.status, record.subStatus, record.resultCode].filter((part) => part !== null).join('/');
}

/** The record's state trace as `at state (event)` lines, for whole-trace assertions. */
export function traceOf(record: CallRecord): string[] {
  return record.timeline.map((step) => `${step.at} ${step.state} (${step.event})`);
}

export function expectOutcome(record: CallRecord, outcome: string): void {
  expect(outcomeOf(record)).toBe(outcome);
}
