import { describeValue } from './result.js';

/**
 * When an external event happened, checked where it enters the machine: `at` is ms since the call
 * started, on the call's own clock. Anything else would move the call's clock to a wrong place and
 * write wrong times into its record, so it is refused with one clear line (issue 9).
 */

/** Past this many ms, `at` is no call's age but a Unix time in ms (`Date.now()` is 1.7e12 today). */
export const EPOCH_LIKE_MS = 1e11;

/**
 * Thrown by the machine for an event whose `at` is not a time on the call's clock: the actor stops
 * and writes no record rather than a wrong one. With a raw actor it reaches the actor's error
 * observer; `CallSession.send` throws it before changing anything.
 *
 * @example
 * actor.subscribe({ error: (error) => error instanceof CallEventError && console.error(error.message) });
 * actor.send({ type: 'carrier.ringing', at: Date.now() }); // → "carrier.ringing.at: 1764… looks like a Unix time …"
 */
export class CallEventError extends Error {
  override readonly name = 'CallEventError';
}

/**
 * Why `at` cannot be an event's time on a call whose latest step was at `last` ms, or null when
 * it can. `undefined` is accepted: it means "now", the latest step. With `last` null, only whether
 * `at` is a time on a call's clock at all.
 *
 * @example
 * eventTimeProblem(Date.now(), 0); // → '1764… looks like a Unix time (Date.now()); "at" is ms since the call started, …'
 * eventTimeProblem(1500, 2000); // → '1500 ms is before the call's latest step at 2000 ms: "at" must not go back'
 */
export function eventTimeProblem(at: unknown, last: number | null): string | null {
  if (at === undefined) return null;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) {
    return `expected ms since the call started (a finite number ≥ 0), got ${typeof at === 'number' ? String(at) : describeValue(at)}`;
  }
  if (at > EPOCH_LIKE_MS) {
    return `${at} looks like a Unix time (Date.now()); "at" is ms since the call started, or leave it out for now`;
  }
  if (last !== null && at < last)
    return `${at} ms is before the call's latest step at ${last} ms: "at" must not go back`;
  return null;
}
