import { fail, ok, type Result } from '../../machines/result.js';
import { SipCall, type SipCallEvent, type SipFacts } from './call.js';
import { parseSipMessage, type SipMessage } from './message.js';

/** One message of a dialog, as text or parsed, and when it was sent or received (ms since the first INVITE). */
export interface TimedSipMessage {
  readonly at: number;
  readonly message: SipMessage | string;
}

/**
 * A whole call's SIP messages in, the call machine's events out: the first message must be our
 * INVITE (time 0 of the call); the rest in the order they went. A message that does not parse is
 * an error naming its index. For a live feed, use `SipCall` message by message instead.
 *
 * @example
 * const mapped = sipDialogEvents([
 *   { at: 0, message: invite },
 *   { at: 120, message: 'SIP/2.0 100 Trying\r\n…' },
 *   { at: 900, message: 'SIP/2.0 180 Ringing\r\n…' },
 *   { at: 4200, message: 'SIP/2.0 486 Busy Here\r\n…' },
 * ]);
 * mapped.ok && mapped.value.events;
 * // → [{ type: 'carrier.trying', sipCode: 100, at: 120 }, { type: 'carrier.ringing', sipCode: 180, at: 900 },
 * //    { type: 'carrier.busy', sipCode: 486, q850: 17, at: 4200 }]
 */
export function sipDialogEvents(
  messages: readonly TimedSipMessage[],
): Result<{ readonly events: readonly SipCallEvent[]; readonly facts: SipFacts }> {
  const parsed: { at: number; message: SipMessage }[] = [];
  for (const [index, item] of messages.entries()) {
    if (typeof item.message !== 'string') {
      parsed.push({ at: item.at, message: item.message });
      continue;
    }
    const message = parseSipMessage(item.message);
    if (!message.ok) return fail(`messages[${index}].${message.error.path}`, message.error.message);
    parsed.push({ at: item.at, message: message.value });
  }
  const [first, ...rest] = parsed;
  if (first === undefined) return fail('messages', 'expected at least our INVITE');
  const call = SipCall.start(first.message);
  if (typeof call === 'string') return fail('messages[0]', call);
  const events = rest.flatMap((item) => call.observe(item.message, item.at).events);
  return ok({ events, facts: call.facts() });
}
