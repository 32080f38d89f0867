/**
 * Twilio status callbacks for a campaign of calls, as Twilio posts them (form fields, all strings):
 * the parameters of "Call status callbacks" and of asynchronous answering-machine detection in
 * Twilio's docs (https://www.twilio.com/docs/voice/api/call-resource#statuscallbackevent,
 * https://www.twilio.com/docs/voice/answering-machine-detection): CallSid, AccountSid, From, To,
 * Direction, ApiVersion, CallStatus, CallbackSource, SequenceNumber, Timestamp (RFC 2822),
 * CallDuration on `completed`, AnsweredBy when detection ran. Seeded, so a run can be replayed.
 */
export type TwilioCallback = Readonly<Record<string, string>>;

/** Park–Miller: a small seeded generator, enough to vary the calls reproducibly. */
function random(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

const OUTCOMES = ['busy', 'no-answer', 'failed', 'human', 'machine'] as const;

/** The callbacks of `count` calls; each call's in the order Twilio might deliver them (not always event order). */
export function twilioCampaign(count: number, seed: number): TwilioCallback[][] {
  const next = random(seed);
  const start = Date.UTC(2026, 10, 29, 9, 0, 0);
  return Array.from({ length: count }, (_, index) => {
    const sid = `CA${seed.toString(16)}${index.toString(16).padStart(8, '0')}`;
    const outcome = OUTCOMES[Math.floor(next() * OUTCOMES.length)] ?? 'busy';
    const base = {
      CallSid: sid,
      AccountSid: 'AC00000000000000000000000000000000',
      From: '+33170000000',
      To: `+336${String(10_000_000 + index).slice(-8)}`,
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
      CallbackSource: 'call-progress-events',
    };
    const t0 = start + index * 1000;
    let sequence = 0;
    const at = (offsetMs: number, fields: Record<string, string>): TwilioCallback => ({
      ...base,
      ...fields,
      SequenceNumber: String(sequence++),
      Timestamp: new Date(t0 + offsetMs).toUTCString().replace('GMT', '+0000'),
    });
    const ringMs = 2000 + Math.floor(next() * 20_000);
    const talkS = 5 + Math.floor(next() * 50);
    const callbacks: TwilioCallback[] = [at(0, { CallStatus: 'initiated' })];
    if (outcome === 'failed') callbacks.push(at(800, { CallStatus: 'failed' }));
    else {
      callbacks.push(at(1000, { CallStatus: 'ringing' }));
      if (outcome === 'busy' || outcome === 'no-answer') callbacks.push(at(1000 + ringMs, { CallStatus: outcome }));
      else {
        const answeredBy = outcome === 'human' ? 'human' : 'machine_end_beep';
        callbacks.push(at(1000 + ringMs, { CallStatus: 'in-progress' }));
        callbacks.push(
          at(1000 + ringMs + talkS * 1000, {
            CallStatus: 'completed',
            CallDuration: String(talkS),
            AnsweredBy: answeredBy,
          }),
        );
      }
    }
    // Arrival order is not event order: one answered call in two has its ringing and in-progress
    // callbacks swapped. The final one stays last, so that a sender that waits for each
    // acknowledgement never sends a callback after the call's grace window began.
    if (callbacks.length === 4 && next() < 0.5) {
      [callbacks[1], callbacks[2]] = [callbacks[2] as TwilioCallback, callbacks[1] as TwilioCallback];
    }
    return callbacks;
  });
}
