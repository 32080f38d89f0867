import type { CallEventType } from '../../machines/events.js';
import type { CallbackMapping } from './providers/types.js';

/** How far in a call's life an event is: callbacks are ordered by it first, since a call cannot go back. */
const PHASE: Partial<Record<CallEventType, number>> = {
  'carrier.ringing': 1,
  'carrier.answered': 2,
  'amd.human': 3,
  'amd.machine': 3,
  'amd.unknown': 3,
  'voicemail.beep': 4,
  'playback.ended': 4,
};
const ENDING_PHASE = 5;

/** The phase of a callback: the furthest of its events. */
export function phaseOf(mapping: CallbackMapping): number {
  const events = [...mapping.beforePickup, ...mapping.afterPickup];
  return events.reduce((phase, event) => Math.max(phase, PHASE[event.type] ?? ENDING_PHASE), 0);
}

const SPECIFIC_ENDINGS: ReadonlySet<string> = new Set([
  'carrier.busy',
  'carrier.rejected',
  'carrier.unallocated',
  'carrier.noAnswer',
]);

/** 0 when a callback names a specific reason the call ended unanswered, 1 otherwise: it goes first on a tie. */
function genericity(mapping: CallbackMapping): number {
  return mapping.beforePickup.some((event) => SPECIFIC_ENDINGS.has(event.type)) ? 0 : 1;
}

type Keyed = { readonly mapping: CallbackMapping; readonly key: readonly [number, number, number, number, string] };

/**
 * The order callbacks are replayed in: lifecycle phase, then the provider's timestamp, then its
 * sequence number, then specific endings (busy, rejected, unallocated, no answer) before generic
 * ones, then the callback's own content. It is a total order on the callbacks' content,
 * so shuffling a log (or duplicating lines) cannot change it.
 *
 * @example
 * orderCallbacks([completed, ringing, inProgress]); // → [ringing, inProgress, completed]
 */
export function orderCallbacks(mappings: readonly CallbackMapping[]): CallbackMapping[] {
  const keyed: Keyed[] = mappings.map((mapping) => ({
    mapping,
    key: [
      phaseOf(mapping),
      mapping.timeMs ?? Number.MAX_VALUE,
      mapping.sequence ?? Number.MAX_VALUE,
      genericity(mapping),
      JSON.stringify(mapping),
    ],
  }));
  keyed.sort((a, b) => {
    for (let index = 0; index < 4; index++) {
      const difference = (a.key[index] as number) - (b.key[index] as number);
      if (difference !== 0) return difference;
    }
    return a.key[4] < b.key[4] ? -1 : a.key[4] > b.key[4] ? 1 : 0;
  });
  return keyed.map((entry) => entry.mapping);
}
