import type { ProviderCallback } from './callback.js';
import { EVENT_CLASSES } from './event-classes.js';
import type { CallbackMapping } from './providers/types.js';

/** The phase of a callback: the furthest of its events in the machine (event-classes.ts). */
function phaseOf(mapping: CallbackMapping): number {
  let phase = 0;
  for (const event of mapping.beforePickup) phase = Math.max(phase, EVENT_CLASSES.phase.get(event.type) ?? 0);
  for (const event of mapping.afterPickup) phase = Math.max(phase, EVENT_CLASSES.phase.get(event.type) ?? 0);
  return phase;
}

/** 0 when a callback names a specific reason the call ended unanswered, 1 otherwise: it goes first on a tie. */
function genericity(mapping: CallbackMapping): number {
  return mapping.beforePickup.some((event) => EVENT_CLASSES.specificEnding.has(event.type)) ? 0 : 1;
}

const MISSING = Number.MAX_VALUE;

/**
 * Compares two callbacks of one call that both have a time: the provider's timestamp, then its
 * sequence number, then lifecycle phase (only when both are equal or missing), then specific
 * endings before generic ones, then the key, so the order is total on what callbacks mean.
 */
function compareTimed(a: ProviderCallback, b: ProviderCallback): number {
  return (
    (a.timeMs ?? MISSING) - (b.timeMs ?? MISSING) ||
    (a.sequence ?? MISSING) - (b.sequence ?? MISSING) ||
    phaseOf(a) - phaseOf(b) ||
    genericity(a) - genericity(b) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * Whether every callback has a time and each is in order after the one before: then sorting
 * (stable) would keep them as they are. A log in arrival order is mostly so.
 */
function inTimeOrder(callbacks: readonly ProviderCallback[]): boolean {
  for (let index = 0; index < callbacks.length; index++) {
    const callback = callbacks[index] as ProviderCallback;
    if (callback.timeMs === null) return false;
    if (index > 0 && compareTimed(callbacks[index - 1] as ProviderCallback, callback) > 0) return false;
  }
  return true;
}

/**
 * The order one call's callbacks are replayed in. Time first: callbacks with a provider timestamp
 * go in the order of their timestamps, sequence numbers breaking ties, lifecycle phase only when
 * both are equal. A callback without a timestamp (Twilio's AMD callback has none) has only its
 * phase to go by: it goes before the first timed callback of a later phase. The order depends only
 * on what the callbacks mean, so shuffling a log cannot change it.
 *
 * @example
 * orderCallbacks([completed, ringing, inProgress]); // → [ringing, inProgress, completed] (by Timestamp)
 */
export function orderCallbacks<T extends ProviderCallback>(callbacks: readonly T[]): T[] {
  if (inTimeOrder(callbacks)) return callbacks.slice();
  const timed = callbacks.filter((callback) => callback.timeMs !== null);
  if (!inTimeOrder(timed)) timed.sort(compareTimed);
  const untimed = callbacks.filter((callback) => callback.timeMs === null).sort(compareTimed);
  if (untimed.length === 0) return timed;
  const untimedPhases = untimed.map(phaseOf);
  const ordered: T[] = [];
  let next = 0;
  for (const callback of timed) {
    // A timed callback's phase is worked out only while untimed ones wait: most calls have one, placed early.
    if (next < untimed.length) {
      const phase = phaseOf(callback);
      while (next < untimed.length && (untimedPhases[next] as number) < phase) ordered.push(untimed[next++] as T);
    }
    ordered.push(callback);
  }
  while (next < untimed.length) ordered.push(untimed[next++] as T);
  return ordered;
}
