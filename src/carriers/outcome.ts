import { callMachine } from '../../machines/call.machine.js';
import type { CallEventType } from '../../machines/events.js';
import type { CallOutcome } from '../../machines/taxonomy.js';
import type { CallbackMapping } from './providers/types.js';

/**
 * The outcome an event decides on its own before pickup, read from the machine (the target final
 * state's `meta.outcome`), so this can never disagree with it. `null`: the event does not end the
 * call there (ringing, answered, or an event the state ignores).
 *
 * @example
 * outcomeBeforePickup('carrier.noAnswer', 'ringing'); // → { status: 'ABSENT', subStatus: 'NO_ANSWER', resultCode: null }
 * outcomeBeforePickup('carrier.noAnswer', 'dialing'); // → { status: 'ERROR', subStatus: 'OTHER', resultCode: null }
 */
export function outcomeBeforePickup(type: CallEventType, state: 'dialing' | 'ringing'): CallOutcome | null {
  const node = callMachine.root.states[state];
  const target = node?.on[type]?.[0]?.target?.[0];
  const outcome = (target?.meta as { outcome?: CallOutcome } | undefined)?.outcome;
  return target?.type === 'final' && outcome !== undefined ? outcome : null;
}

/**
 * The outcome one provider callback decides by itself, before pickup: its first event that ends the
 * call (`state` says whether a ring was seen). `null` when it does not end the call, or when it
 * answers it: after pickup the machine decides.
 *
 * @example
 * callbackOutcome(twilio.normalize({ CallSid: 'CA1', CallStatus: 'busy' }).value);
 * // → { status: 'ABSENT', subStatus: 'BUSY', resultCode: null }
 */
export function callbackOutcome(
  mapping: Pick<CallbackMapping, 'beforePickup'>,
  state: 'dialing' | 'ringing' = 'ringing',
): CallOutcome | null {
  for (const event of mapping.beforePickup) {
    if (event.type === 'carrier.answered') return null;
    const outcome = outcomeBeforePickup(event.type, state);
    if (outcome !== null) return outcome;
  }
  return null;
}
