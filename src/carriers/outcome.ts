import { callMachine } from '../../machines/call.machine.js';
import type { CallEventType } from '../../machines/events.js';
import type { CallOutcome } from '../taxonomy/table.js';

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
