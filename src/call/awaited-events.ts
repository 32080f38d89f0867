import type { AnyStateNode } from 'xstate';
import { callMachine } from '../../machines/call.machine.js';

/**
 * The events a state of the call machine handles (the ones that could move the call on), read
 * from the machine's own state nodes, for a state path such as `connected.playing.untimedMessage`.
 *
 * @example
 * awaitedEvents('connected.playing.untimedMessage'); // → ['platform.abort', 'playback.ended', 'recipient.hangup']
 */
export function awaitedEvents(path: string): string[] {
  const events = new Set<string>();
  let node: AnyStateNode | undefined = callMachine.getStateNodeById(`call.${path}`);
  for (; node !== undefined && node.parent !== undefined; node = node.parent) {
    for (const type of node.ownEvents) if (!type.startsWith('xstate.') && type !== '*') events.add(type);
  }
  return [...events].sort();
}
