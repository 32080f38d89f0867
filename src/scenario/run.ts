import type { CallRecord } from '../../machines/record.js';
import { CallSession } from '../call/session.js';
import type { InputError } from '../../machines/result.js';
import { parseScenario } from './parse.js';

/** What a call that could not end had reached: its state and what it was waiting for. */
export type CallProgress = ReturnType<CallSession['progress']>;

/** Why a scenario produced no record. */
export type ScenarioError =
  | ({ readonly kind: 'invalid' } & InputError)
  | { readonly kind: 'stalled'; readonly message: string; readonly progress: CallProgress };

export type ScenarioResult =
  | { readonly ok: true; readonly record: CallRecord }
  | { readonly ok: false; readonly error: ScenarioError };

/**
 * Replays a scenario through the call machine on a simulated clock and returns the call record.
 * Events apply in order at their `at`; timers fire at their exact times between them; after the
 * last event the clock runs on until the call ends. An event due at the same ms as a timer comes
 * after it (a deadline is inclusive: see docs/statuses.md).
 *
 * @example
 * const result = runScenario({
 *   call: { to: '+33612345678', messages: [{ id: 'promo', durationMs: 12000 }] },
 *   events: [{ at: 1500, type: 'carrier.ringing' }, { at: 9000, type: 'carrier.busy', sipCode: 486 }],
 * });
 * if (result.ok) result.record.subStatus; // → 'BUSY'
 */
export function runScenario(scenario: unknown): ScenarioResult {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return { ok: false, error: { kind: 'invalid', ...parsed.error } };
  const session = CallSession.start(parsed.value.call);
  for (const event of parsed.value.events) session.send(event);
  session.settle();
  const record = session.record();
  if (record !== null) return { ok: true, record };
  const progress = session.progress();
  const message = `the call is stuck in ${progress.state} at ${progress.at} ms, waiting for ${progress.waitingFor.join(', ')}; no such event came`;
  return { ok: false, error: { kind: 'stalled', message, progress } };
}
